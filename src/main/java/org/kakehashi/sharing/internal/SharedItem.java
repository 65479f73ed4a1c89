package org.kakehashi.sharing.internal;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A shared item as the hub sees it. Recipients get a {@link RecipientView} instead, which carries nothing that
 * could lead back to the source.
 */
public record SharedItem(UUID id, String number, UUID hubOrganisationId, UUID createdBy, ItemStatus status,
		ItemContent content, int revision, @Nullable Integer approvedRevision,
		@Nullable String approvalOverrideReason, @Nullable String guardOverrideReason, Instant createdAt,
		Instant updatedAt, @Nullable Instant publishedAt, @Nullable Instant withdrawnAt,
		@Nullable String withdrawnReason, List<Source> sources) {

	/** A report the item was made from, and the organisation that must approve it. */
	public record Source(UUID reportId, UUID organisationId) {
	}

	/** The source approved exactly this revision. */
	public boolean approvedAsIs() {
		return approvedRevision != null && approvedRevision == revision && status == ItemStatus.APPROVED;
	}

	public boolean hasSources() {
		return !sources.isEmpty();
	}
}
