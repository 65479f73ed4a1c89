package org.kakehashi.vulns.internal;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * One move in a case's history; {@code from} is null for the filing. {@code byUserId} is null for a move nobody
 * signed in made (a guest's filing, the scheduled publication); {@code byName} then says who it was.
 */
public record CaseTransition(long id, @Nullable CaseStatus from, CaseStatus to, @Nullable Outcome outcome, String reason,
		boolean visibleToFinder, @Nullable UUID byUserId, String byName, Instant at) {
}
