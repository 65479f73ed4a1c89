package org.kakehashi.intel.store;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A TAXII collection: a named set of STIX objects with its own readers and writers. Besides its grants, it can be
 * open for reading to everyone signed in, or to the national centre.
 */
public record IntelCollection(UUID id, String title, @Nullable String description, @Nullable String alias,
		List<String> mediaTypes, boolean readableByAll, boolean readableByCentre, Instant createdAt) {

	public static final String STIX_21 = "application/stix+json;version=2.1";
}
