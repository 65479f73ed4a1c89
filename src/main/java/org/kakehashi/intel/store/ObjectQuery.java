package org.kakehashi.intel.store;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * A TAXII filter over one collection: match[id], match[type], match[version], match[spec_version], added_after,
 * and where the previous page ended. Empty sets mean "no filter".
 */
public record ObjectQuery(Set<String> ids, Set<String> types, Versions versions, Set<String> specVersions,
		@Nullable Instant addedAfter, @Nullable Position after, int limit) {

	/** match[version]: the keywords first / last / all and exact versions, ORed. */
	public record Versions(boolean all, boolean first, boolean last, List<Instant> exact) {

		public static final Versions LAST = new Versions(false, false, true, List.of());
		public static final Versions ALL = new Versions(true, false, false, List.of());
	}

	/** A place in a collection's order: the last row a page returned. */
	public record Position(Instant dateAdded, long seq) {
	}
}
