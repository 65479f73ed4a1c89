package org.kakehashi.intel.stix.pattern;

/** Comparison operators of section 9.6.1, plus {@code EXISTS}, which takes no constant. */
public enum ComparisonOperator {

	EQUAL("="), NOT_EQUAL("!="), GREATER(">"), LESS("<"), GREATER_OR_EQUAL(">="), LESS_OR_EQUAL("<="), IN("IN"),
	LIKE("LIKE"), MATCHES("MATCHES"), ISSUBSET("ISSUBSET"), ISSUPERSET("ISSUPERSET"), EXISTS("EXISTS");

	private final String symbol;

	ComparisonOperator(String symbol) {
		this.symbol = symbol;
	}

	/** The operator as written in a pattern. */
	public String symbol() {
		return symbol;
	}

	boolean ordering() {
		return this == GREATER || this == LESS || this == GREATER_OR_EQUAL || this == LESS_OR_EQUAL;
	}

	boolean takesStringOnly() {
		return this == LIKE || this == MATCHES || this == ISSUBSET || this == ISSUPERSET;
	}
}
