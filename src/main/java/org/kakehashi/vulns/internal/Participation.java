package org.kakehashi.vulns.internal;

import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * What a viewer is in one case: a coordinator, the finder, and/or the vendors they speak for (a vendor's PSIRT
 * member for a vendor linked to their organisation; a contact's personal link for that one vendor). Decides which
 * messages, files and vendor statuses they read and write.
 */
public record Participation(boolean coordinator, boolean finder, Set<UUID> vendorIds) {

	public Participation {
		vendorIds = Set.copyOf(vendorIds);
	}

	public boolean vendor() {
		return !vendorIds.isEmpty();
	}

	public boolean speaksFor(UUID vendorId) {
		return coordinator || vendorIds.contains(vendorId);
	}

	/** Whether a message in this channel (for this vendor, on the vendor channel) is theirs to read. */
	public boolean reads(MessageChannel channel, @Nullable UUID vendorId) {
		return switch (channel) {
			case COORDINATORS -> coordinator;
			case VENDOR -> coordinator || vendorId != null && vendorIds.contains(vendorId);
			case FINDER -> coordinator || finder;
			case ALL -> true;
		};
	}
}
