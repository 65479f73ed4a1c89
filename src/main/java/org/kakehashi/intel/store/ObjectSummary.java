package org.kakehashi.intel.store;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/** An object's last version as a list shows it: id, type, its name when it has one, and when it was added. */
public record ObjectSummary(long seq, String stixId, String type, @Nullable String name, String version,
		Instant dateAdded) {

	public ObjectQuery.Position position() {
		return new ObjectQuery.Position(dateAdded, seq);
	}
}
