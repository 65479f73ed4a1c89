package org.kakehashi.warnings.internal;

import java.util.Set;
import java.util.UUID;

import org.kakehashi.identity.KakehashiUser;
import org.kakehashi.identity.OrganisationType;
import org.kakehashi.identity.Role;

/** Who is looking at warnings; every warning query takes one and filters by it in SQL. */
public record WarningViewer(UUID userId, UUID organisationId, OrganisationType organisationType, Set<Role> roles) {

	/** Organisations whose staff send warnings: the centre, coordinators, ministries and hubs. */
	public static final Set<OrganisationType> SENDERS = Set.of(OrganisationType.NATIONAL_CENTRE,
			OrganisationType.COORDINATOR, OrganisationType.SECTOR_MINISTRY, OrganisationType.INFORMATION_HUB);

	public static WarningViewer of(KakehashiUser user) {
		return new WarningViewer(user.id(), user.organisationId(), user.organisationType(), user.roles());
	}

	/** Analysts and coordinators of a sending organisation compose, review, publish and track warnings. */
	public boolean senderStaff() {
		return SENDERS.contains(organisationType) && (roles.contains(Role.ANALYST) || roles.contains(Role.COORDINATOR));
	}
}
