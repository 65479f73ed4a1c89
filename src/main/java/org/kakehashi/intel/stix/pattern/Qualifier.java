package org.kakehashi.intel.stix.pattern;

import java.math.BigDecimal;

/** Observation expression qualifiers (section 9.5.1). */
public sealed interface Qualifier {

	/** {@code WITHIN x SECONDS}, x positive. */
	record Within(BigDecimal seconds) implements Qualifier {

		public Within {
			if (seconds.signum() <= 0) {
				throw new IllegalArgumentException("WITHIN takes a positive number of seconds");
			}
		}
	}

	/** {@code REPEATS x TIMES}, x positive. */
	record Repeats(long times) implements Qualifier {

		public Repeats {
			if (times <= 0) {
				throw new IllegalArgumentException("REPEATS takes a positive integer");
			}
		}
	}

	/** {@code START t'..' STOP t'..'}. */
	record StartStop(String start, String stop) implements Qualifier {
	}
}
