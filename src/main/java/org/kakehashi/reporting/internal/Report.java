package org.kakehashi.reporting.internal;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.kakehashi.reporting.ReportStatus;

/** A report's current state as its readers see it. */
public record Report(UUID id, String number, UUID organisationId, UUID createdBy, ReportStatus status, int version,
		ReportContent content, Instant createdAt, Instant updatedAt, @Nullable Instant submittedAt,
		@Nullable Instant finalAt, @Nullable String ministryNote, @Nullable Instant forwardedAt,
		@Nullable UUID forwardedBy, @Nullable Instant centreReceivedAt) {

	public boolean draft() {
		return status == ReportStatus.DRAFT;
	}

	public boolean closedForUpdates() {
		return status == ReportStatus.FINAL;
	}
}
