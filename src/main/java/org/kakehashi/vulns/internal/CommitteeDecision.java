package org.kakehashi.vulns.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A publication committee's decision on a case whose vendor cannot be reached (公表判定委員会): its date, its
 * members, and whether the advisory may be published without the vendor.
 */
public record CommitteeDecision(long id, LocalDate decidedOn, List<String> members, Decision decision, String note,
		String recordedBy, Instant recordedAt) {

	public CommitteeDecision {
		members = List.copyOf(members);
	}

	public enum Decision {
		PUBLISH_WITHOUT_VENDOR, DO_NOT_PUBLISH
	}
}
