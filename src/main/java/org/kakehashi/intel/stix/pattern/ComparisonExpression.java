package org.kakehashi.intel.stix.pattern;

/** The inside of an observation expression: comparisons joined by boolean operators (section 9.6). */
public sealed interface ComparisonExpression {

	/** {@code path [NOT] operator constant}. */
	record Comparison(ObjectPath path, ComparisonOperator operator, boolean negated, Constant value)
			implements ComparisonExpression {

		public Comparison {
			if (operator == ComparisonOperator.EXISTS) {
				throw new IllegalArgumentException("EXISTS takes no constant");
			}
		}
	}

	/** {@code EXISTS path}. */
	record Exists(ObjectPath path) implements ComparisonExpression {
	}

	/** Two comparison expressions joined by {@code AND} or {@code OR}. */
	record Combination(BooleanOperator operator, ComparisonExpression left, ComparisonExpression right)
			implements ComparisonExpression {
	}

	/** Boolean operators; {@code AND} binds tighter than {@code OR}. */
	enum BooleanOperator {
		AND, OR
	}
}
