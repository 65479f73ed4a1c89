package org.kakehashi.intel.store;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/** The outcome of one Add Objects request (a TAXII status resource). */
public record AddStatus(UUID id, UUID collectionId, UUID userId, String status, Instant requestTimestamp,
		List<Detail> successes, List<Detail> failures, List<Detail> pendings) {

	/** TAXII status-details: an object's id and version, and why (for failures). */
	public record Detail(String id, String version, @Nullable String message) {
	}

	public int totalCount() {
		return successes.size() + failures.size() + pendings.size();
	}
}
