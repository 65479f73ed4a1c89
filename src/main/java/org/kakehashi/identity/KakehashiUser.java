package org.kakehashi.identity;

import java.io.Serial;
import java.io.Serializable;
import java.security.Principal;
import java.util.Set;
import java.util.UUID;

import org.kakehashi.audit.Actor;

/**
 * The signed-in person, as every module sees them: the principal of a complete sign-in. Kept small and
 * serialisable because it lives in the PostgreSQL-backed session.
 */
public record KakehashiUser(UUID id, UUID organisationId, String email, String displayName, Set<Role> roles,
		OrganisationType organisationType) implements Principal, Serializable, Actor {

	@Serial
	private static final long serialVersionUID = 1L;

	@Override
	public String getName() {
		return email;
	}

	@Override
	public UUID actorId() {
		return id;
	}

	@Override
	public String actorName() {
		return displayName + " <" + email + ">";
	}

	@Override
	public UUID actorOrganisationId() {
		return organisationId;
	}

	public boolean has(Role role) {
		return roles.contains(role);
	}

	public boolean platformAdmin() {
		return roles.contains(Role.PLATFORM_ADMIN);
	}
}
