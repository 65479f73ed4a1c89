package org.kakehashi.intel.store;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/** One stored object version; {@code raw} is only loaded when the caller asks for the objects themselves. */
public record StoredVersion(long seq, String stixId, String version, String specVersion, Instant dateAdded,
		@Nullable String raw) {

	public ObjectQuery.Position position() {
		return new ObjectQuery.Position(dateAdded, seq);
	}
}
