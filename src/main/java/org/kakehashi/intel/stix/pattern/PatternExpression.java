package org.kakehashi.intel.stix.pattern;

/**
 * A pattern expression (section 9.4): observation expressions joined by observation operators, each optionally
 * qualified. Parentheses leave no trace; the tree's shape carries the grouping.
 */
public sealed interface PatternExpression {

	/** {@code [ ... ]}: comparisons matched against one observation. */
	record Observation(ComparisonExpression comparison) implements PatternExpression {
	}

	/** Two expressions joined by {@code AND}, {@code OR} or {@code FOLLOWEDBY}. */
	record Combination(ObservationOperator operator, PatternExpression left, PatternExpression right)
			implements PatternExpression {
	}

	/** An expression restricted by a qualifier. */
	record Qualified(PatternExpression expression, Qualifier qualifier) implements PatternExpression {
	}

	/** Observation operators, from the tightest binding to the loosest (section 9.5.3). */
	enum ObservationOperator {
		AND, OR, FOLLOWEDBY
	}
}
