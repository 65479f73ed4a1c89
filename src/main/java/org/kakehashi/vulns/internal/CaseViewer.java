package org.kakehashi.vulns.internal;

import java.util.Set;
import java.util.UUID;

import org.kakehashi.identity.KakehashiUser;
import org.kakehashi.identity.OrganisationType;
import org.kakehashi.identity.Role;

/**
 * Who is looking at vulnerability cases, and the one rule of who coordinates them: analysts and coordinators of a
 * coordinator organisation (JPCERT/CC-like) see and drive every case. Anyone else signed in may file a report and
 * sees only the cases they filed themselves. Every case query takes a viewer and filters by it in SQL.
 */
public record CaseViewer(UUID userId, UUID organisationId, boolean coordinator) {

	static final Set<Role> COORDINATING_ROLES = Set.of(Role.ANALYST, Role.COORDINATOR);

	public static CaseViewer of(KakehashiUser user) {
		var coordinator = user.organisationType() == OrganisationType.COORDINATOR
				&& user.roles().stream().anyMatch(COORDINATING_ROLES::contains);
		return new CaseViewer(user.id(), user.organisationId(), coordinator);
	}
}
