package org.kakehashi.vulns.internal;

/** Who reads a message of a case's thread (coordinators always do). */
public enum MessageChannel {

	/** Coordinators only: internal notes. */
	COORDINATORS,
	/** Coordinators and one vendor. */
	VENDOR,
	/** Coordinators and the finder. */
	FINDER,
	/** Everyone on the case: coordinators, the finder and every invited vendor. */
	ALL
}
