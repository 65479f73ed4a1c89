package org.kakehashi.vulns.internal;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/** An attachment as listed: never its content. {@code messageId} is null for files attached to the report. */
public record AttachmentInfo(UUID id, @Nullable Long messageId, String fileName, String contentType, long size,
		String sha256, boolean sharedWithVendors, String uploadedBy, Instant uploadedAt) {
}
