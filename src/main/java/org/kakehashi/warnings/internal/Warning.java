package org.kakehashi.warnings.internal;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/** A warning as its sender sees it. */
public record Warning(UUID id, String number, UUID senderOrganisationId, UUID createdBy, WarningStatus status,
		WarningContent content, int revision, @Nullable Integer reviewedRevision, @Nullable UUID reviewedBy,
		Instant createdAt, Instant updatedAt, @Nullable Instant publishedAt, @Nullable Instant withdrawnAt,
		@Nullable String withdrawnReason) {

	public String title(String language) {
		return content.title(language);
	}
}
