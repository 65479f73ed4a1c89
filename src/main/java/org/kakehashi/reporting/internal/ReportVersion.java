package org.kakehashi.reporting.internal;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.kakehashi.reporting.ReportStatus;

/** One submitted version, whole: the content and the attachment list as they were. */
public record ReportVersion(UUID reportId, int version, ReportStatus status, Snapshot snapshot, UUID changedBy,
		String changedByName, Instant changedAt) {

	/** What a version fixes; stored as JSON. */
	public record Snapshot(ReportContent content, List<AttachedFile> attachments) {
	}

	public record AttachedFile(String fileName, long sizeBytes, String sha256) {
	}
}
