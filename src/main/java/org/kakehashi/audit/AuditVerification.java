package org.kakehashi.audit;

import org.jspecify.annotations.Nullable;

/**
 * Result of walking the whole chain.
 *
 * @param checked  entries examined
 * @param brokenAt sequence number of the first entry whose link does not hold, or null when intact
 * @param problem  what was wrong with it, or null when intact
 */
public record AuditVerification(long checked, @Nullable Long brokenAt, @Nullable Problem problem) {

	/** Ways a chain breaks; pages translate the name ({@code audit.verify.broken.ALTERED}). */
	public enum Problem {
		/** A sequence number is absent: the entry was deleted. */
		MISSING("entry %d is missing"),
		/** The entry's previous-hash is not the hash of the entry before it. */
		UNLINKED("entry %d does not link to the entry before it"),
		/** The entry's content no longer produces its stored hash: it was edited. */
		ALTERED("entry %d: content does not match its hash (changed after it was written)"),
		/** The log ends before the recorded chain head: entries from here on were deleted. */
		TRUNCATED("entries from %d on are missing (the log ends before its recorded head)");

		private final String english;

		Problem(String english) {
			this.english = english;
		}
	}

	public boolean intact() {
		return problem == null;
	}

	/** The problem in English, for the command line and logs. */
	public @Nullable String reason() {
		return problem == null ? null : problem.english.formatted(brokenAt);
	}
}
