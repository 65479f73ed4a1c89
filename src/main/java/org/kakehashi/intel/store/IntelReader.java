package org.kakehashi.intel.store;

import java.util.Set;
import java.util.UUID;

import org.kakehashi.identity.OrganisationType;
import org.kakehashi.identity.Role;

/**
 * Who asks, as collection access needs it: the user's organisation, its groups, the user's roles, and whether the
 * credential allows reading and writing intelligence at all (the token's intel scopes).
 */
public record IntelReader(UUID userId, UUID organisationId, OrganisationType organisationType, Set<Role> roles,
		Set<UUID> groups, boolean mayRead, boolean mayWrite) {
}
