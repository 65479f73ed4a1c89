package org.kakehashi.audit;

import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * One thing that happened. {@code action} is a dotted name owned by the module that records it
 * ({@code identity.sign-in.failed}); details are flat strings so the stored form is canonical and hashable.
 * Never put secrets or TLP:RED content in details.
 */
public record AuditEvent(String action, @Nullable UUID actorId, @Nullable String actorName,
		@Nullable UUID organisationId, @Nullable String targetType, @Nullable String targetId,
		Map<String, String> details) {

	public AuditEvent {
		details = Map.copyOf(details);
	}

	public static AuditEvent by(@Nullable Actor actor, String action, @Nullable String targetType,
			@Nullable Object targetId, Map<String, String> details) {
		return new AuditEvent(action, actor == null ? null : actor.actorId(), actor == null ? null : actor.actorName(),
				actor == null ? null : actor.actorOrganisationId(), targetType,
				targetId == null ? null : targetId.toString(), details);
	}
}
