package org.kakehashi.intel.stix;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/** Collects the problems of one object; the list is only created once something is wrong. */
final class Problems {

	private final @Nullable String objectId;
	private final String pathPrefix;
	private @Nullable List<StixProblem> found;

	Problems(@Nullable String objectId, String pathPrefix) {
		this.objectId = objectId;
		this.pathPrefix = pathPrefix;
	}

	void add(String property, String message) {
		if (found == null) {
			found = new ArrayList<>(4);
		}
		found.add(new StixProblem(objectId, pathPrefix.isEmpty() ? property : pathPrefix + property, message));
	}

	boolean any() {
		return found != null;
	}

	List<StixProblem> list() {
		return found == null ? List.of() : found;
	}
}
