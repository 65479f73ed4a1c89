package org.kakehashi.sharing.internal;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/** One step of an item's approval: the hub's request, or a source's approval or request for changes. */
public record ApprovalStep(int revision, String decision, @Nullable String comment, UUID userId, UUID organisationId,
		Instant decidedAt) {
}
