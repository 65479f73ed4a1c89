package org.kakehashi.vulns.cvss;

/**
 * A vector string broke a rule of its specification. {@link #metric()} names the metric at fault ("CVSS" when the
 * version prefix is wrong, the raw text when a part is not of the form metric:value) and {@link #reason()} says which
 * rule, so a form can show the error in the user's language.
 */
public class InvalidCvssVector extends IllegalArgumentException {

	public enum Reason {
		/** Not "CVSS:3.0/", "CVSS:3.1/" or "CVSS:4.0/" at the start. */
		PREFIX,
		/** A part between slashes is empty or not of the form metric:value. */
		MALFORMED,
		/** A metric the specification does not define. */
		UNKNOWN_METRIC,
		/** The same metric given twice. */
		DUPLICATE_METRIC,
		/** A value the metric does not take. */
		INVALID_VALUE,
		/** A mandatory base metric left out. */
		MISSING_METRIC,
		/** A metric out of the order the specification fixes (CVSS v4.0). */
		OUT_OF_ORDER
	}

	private final String metric;
	private final Reason reason;

	InvalidCvssVector(Reason reason, String metric, String message) {
		super(message);
		this.reason = reason;
		this.metric = metric;
	}

	public String metric() {
		return metric;
	}

	public Reason reason() {
		return reason;
	}
}
