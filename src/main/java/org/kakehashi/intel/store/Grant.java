package org.kakehashi.intel.store;

import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.kakehashi.identity.Role;

/** Read and/or write access to a collection for exactly one organisation, group or role. */
public record Grant(@Nullable UUID organisationId, @Nullable UUID groupId, @Nullable Role role, boolean canRead,
		boolean canWrite) {
}
