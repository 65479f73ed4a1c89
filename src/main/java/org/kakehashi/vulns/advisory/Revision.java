package org.kakehashi.vulns.advisory;

import java.time.Instant;
import java.util.Objects;

/** One entry of an advisory's revision history; numbers are CSAF integer versions 1, 2, 3 … */
public record Revision(int number, Instant date, String summary) {

	public Revision {
		if (number < 1) {
			throw new IllegalArgumentException("revision number must be 1 or more, was " + number);
		}
		Objects.requireNonNull(date, "revision date");
		summary = Checks.text(summary, "revision summary");
	}
}
