package org.kakehashi.reporting.cases;

/** Where the centre's handling of a received report stands. */
public enum TriageStatus {

	/** Received, nobody has taken it yet. */
	NEW,
	/** Someone of the centre owns it. */
	ASSIGNED,
	/** The owner is working on it. */
	IN_PROGRESS,
	/** Nothing more to do (handled, a duplicate, or noise). */
	CLOSED;

	/** Statuses that only make sense with someone responsible. */
	boolean needsAssignee() {
		return this == ASSIGNED || this == IN_PROGRESS;
	}
}
