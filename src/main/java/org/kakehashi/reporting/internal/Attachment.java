package org.kakehashi.reporting.internal;

import java.time.Instant;
import java.util.UUID;

/** A file attached to a report; the bytes live under the data directory at {@code storageKey}. */
public record Attachment(UUID id, UUID reportId, String fileName, String contentType, long sizeBytes, String sha256,
		String storageKey, UUID uploadedBy, Instant uploadedAt) {
}
