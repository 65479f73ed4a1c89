package org.kakehashi.reporting;

import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.kakehashi.identity.OrganisationType;
import org.kakehashi.identity.Role;

/**
 * Who is looking at reports: their organisation, its type and sectors, and their roles. Every report query
 * takes a viewer and filters by it in SQL.
 */
public record Viewer(UUID userId, UUID organisationId, OrganisationType organisationType, List<String> sectors,
		Set<Role> roles) {

	public boolean has(Role role) {
		return roles.contains(role);
	}

	public boolean is(OrganisationType type) {
		return organisationType == type;
	}

	/** May file and edit their organisation's reports. */
	public boolean reporter() {
		return has(Role.REPORTER);
	}

	/** Centre analysts triage; ministry analysts relay. */
	public boolean centreAnalyst() {
		return is(OrganisationType.NATIONAL_CENTRE) && (has(Role.ANALYST) || has(Role.COORDINATOR));
	}

	public boolean ministryStaff() {
		return is(OrganisationType.SECTOR_MINISTRY) && (has(Role.ANALYST) || has(Role.COORDINATOR));
	}
}
