package org.kakehashi.warnings.internal;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * One line of a warning's escalation log: a reminder to a silent organisation, or an escalation about it to a
 * ministry or CEPTOAR (a CEPTOAR group alone when no organisation speaks for it; neither when nobody was found).
 */
public record EscalationEntry(UUID id, String kind, UUID organisationId, String organisationName,
		@Nullable UUID targetOrganisationId, @Nullable String targetOrganisationName, @Nullable UUID targetGroupId,
		@Nullable String targetGroupName, Instant at) {

	public boolean reminder() {
		return "REMINDER".equals(kind);
	}
}
