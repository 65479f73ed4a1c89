package org.kakehashi.intel.stix.pattern;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A parsed STIX pattern. {@link #parse(String)} accepts exactly the patterning language of STIX 2.1 section 9 and
 * throws {@link InvalidStixPattern}, naming the position, for anything else.
 */
public record StixPattern(PatternExpression expression) {

	/** Parses a pattern such as {@code [ipv4-addr:value = '198.51.100.1/32']}. */
	public static StixPattern parse(String pattern) {
		return new StixPattern(PatternParser.parse(pattern));
	}

	/** Every comparison, left to right, whatever the operators around it. */
	public List<PatternComparison> comparisons() {
		var found = new ArrayList<PatternComparison>();
		collect(expression, found);
		return found;
	}

	/** The object types the pattern's object paths start from, in order of first use. */
	public Set<String> objectTypes() {
		var types = new LinkedHashSet<String>();
		for (var comparison : comparisons()) {
			types.add(comparison.objectType());
		}
		return types;
	}

	/** The pattern as text, with only the parentheses precedence needs. */
	@Override
	public String toString() {
		return PatternPrinter.print(expression);
	}

	private static void collect(PatternExpression expression, List<PatternComparison> found) {
		if (expression instanceof PatternExpression.Observation observation) {
			collect(observation.comparison(), found);
		}
		else if (expression instanceof PatternExpression.Combination combination) {
			collect(combination.left(), found);
			collect(combination.right(), found);
		}
		else {
			collect(((PatternExpression.Qualified) expression).expression(), found);
		}
	}

	private static void collect(ComparisonExpression expression, List<PatternComparison> found) {
		if (expression instanceof ComparisonExpression.Comparison comparison) {
			var path = comparison.path();
			found.add(new PatternComparison(path.objectType(), path.propertyPath(), path, comparison.operator(),
					comparison.negated(), comparison.value()));
		}
		else if (expression instanceof ComparisonExpression.Exists exists) {
			var path = exists.path();
			found.add(new PatternComparison(path.objectType(), path.propertyPath(), path, ComparisonOperator.EXISTS, false,
					null));
		}
		else {
			var combination = (ComparisonExpression.Combination) expression;
			collect(combination.left(), found);
			collect(combination.right(), found);
		}
	}
}
