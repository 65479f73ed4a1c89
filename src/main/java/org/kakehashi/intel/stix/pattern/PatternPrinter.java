package org.kakehashi.intel.stix.pattern;

import org.kakehashi.intel.stix.pattern.ComparisonExpression.BooleanOperator;
import org.kakehashi.intel.stix.pattern.Constant.BinaryConstant;
import org.kakehashi.intel.stix.pattern.Constant.BooleanConstant;
import org.kakehashi.intel.stix.pattern.Constant.FloatConstant;
import org.kakehashi.intel.stix.pattern.Constant.HexConstant;
import org.kakehashi.intel.stix.pattern.Constant.IntegerConstant;
import org.kakehashi.intel.stix.pattern.Constant.SetConstant;
import org.kakehashi.intel.stix.pattern.Constant.StringConstant;
import org.kakehashi.intel.stix.pattern.Constant.TimestampConstant;
import org.kakehashi.intel.stix.pattern.PatternExpression.ObservationOperator;

/** Writes a syntax tree back as pattern text, with parentheses exactly where the precedence rules need them. */
final class PatternPrinter {

	private PatternPrinter() {
	}

	static String print(PatternExpression expression) {
		var text = new StringBuilder();
		append(text, expression);
		return text.toString();
	}

	private static void append(StringBuilder text, PatternExpression expression) {
		if (expression instanceof PatternExpression.Observation observation) {
			text.append('[');
			append(text, observation.comparison());
			text.append(']');
		}
		else if (expression instanceof PatternExpression.Combination combination) {
			int precedence = precedence(combination.operator());
			appendOperand(text, combination.left(), precedence(combination.left()) < precedence);
			text.append(' ').append(combination.operator().name()).append(' ');
			// Left associative: a right operand of equal precedence needs parentheses to keep its place.
			appendOperand(text, combination.right(), precedence(combination.right()) <= precedence);
		}
		else {
			var qualified = (PatternExpression.Qualified) expression;
			var inner = qualified.expression();
			boolean chain = inner instanceof PatternExpression.Observation
					|| inner instanceof PatternExpression.Qualified && !chainHas(inner, qualified.qualifier().getClass());
			appendOperand(text, inner, !chain);
			text.append(' ');
			append(text, qualified.qualifier());
		}
	}

	private static void appendOperand(StringBuilder text, PatternExpression operand, boolean parenthesised) {
		if (parenthesised) {
			text.append('(');
		}
		append(text, operand);
		if (parenthesised) {
			text.append(')');
		}
	}

	/** Whether an unparenthesised chain of qualifiers already holds one of this kind. */
	private static boolean chainHas(PatternExpression expression, Class<?> kind) {
		var current = expression;
		while (current instanceof PatternExpression.Qualified qualified) {
			if (qualified.qualifier().getClass() == kind) {
				return true;
			}
			current = qualified.expression();
		}
		return false;
	}

	private static int precedence(ObservationOperator operator) {
		return switch (operator) {
			case FOLLOWEDBY -> 1;
			case OR -> 2;
			case AND -> 3;
		};
	}

	private static int precedence(PatternExpression expression) {
		return expression instanceof PatternExpression.Combination combination ? precedence(combination.operator()) : 4;
	}

	private static void append(StringBuilder text, Qualifier qualifier) {
		if (qualifier instanceof Qualifier.Within within) {
			text.append("WITHIN ").append(within.seconds().toPlainString()).append(" SECONDS");
		}
		else if (qualifier instanceof Qualifier.Repeats repeats) {
			text.append("REPEATS ").append(repeats.times()).append(" TIMES");
		}
		else {
			var startStop = (Qualifier.StartStop) qualifier;
			text.append("START t'").append(startStop.start()).append("' STOP t'").append(startStop.stop()).append('\'');
		}
	}

	private static void append(StringBuilder text, ComparisonExpression expression) {
		if (expression instanceof ComparisonExpression.Comparison comparison) {
			append(text, comparison.path());
			if (comparison.negated()) {
				text.append(" NOT");
			}
			text.append(' ').append(comparison.operator().symbol()).append(' ');
			append(text, comparison.value());
		}
		else if (expression instanceof ComparisonExpression.Exists exists) {
			text.append("EXISTS ");
			append(text, exists.path());
		}
		else {
			var combination = (ComparisonExpression.Combination) expression;
			int precedence = precedence(combination.operator());
			appendComparisonOperand(text, combination.left(), precedence(combination.left()) < precedence);
			text.append(' ').append(combination.operator().name()).append(' ');
			appendComparisonOperand(text, combination.right(), precedence(combination.right()) <= precedence);
		}
	}

	private static void appendComparisonOperand(StringBuilder text, ComparisonExpression operand, boolean parenthesised) {
		if (parenthesised) {
			text.append('(');
		}
		append(text, operand);
		if (parenthesised) {
			text.append(')');
		}
	}

	private static int precedence(BooleanOperator operator) {
		return operator == BooleanOperator.OR ? 1 : 2;
	}

	private static int precedence(ComparisonExpression expression) {
		return expression instanceof ComparisonExpression.Combination combination ? precedence(combination.operator()) : 3;
	}

	private static void append(StringBuilder text, ObjectPath path) {
		text.append(path.objectType()).append(':');
		for (int i = 0; i < path.steps().size(); i++) {
			appendStep(text, path.steps().get(i), i == 0);
		}
	}

	static void appendStep(StringBuilder text, ObjectPath.Step step, boolean first) {
		if (step instanceof ObjectPath.Property property) {
			if (!first) {
				text.append('.');
			}
			if (isPlainName(property.name())) {
				text.append(property.name());
			}
			else {
				appendQuoted(text, property.name());
			}
		}
		else if (step instanceof ObjectPath.Index index) {
			text.append('[').append(index.index()).append(']');
		}
		else {
			text.append("[*]");
		}
	}

	/** Names the lexer reads back as one word without hyphens; everything else is quoted. */
	private static boolean isPlainName(String name) {
		char first = name.charAt(0);
		if (!(first >= 'a' && first <= 'z' || first >= 'A' && first <= 'Z' || first == '_')) {
			return false;
		}
		for (int i = 1; i < name.length(); i++) {
			char c = name.charAt(i);
			if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_')) {
				return false;
			}
		}
		return true;
	}

	private static void append(StringBuilder text, Constant constant) {
		if (constant instanceof StringConstant string) {
			appendQuoted(text, string.value());
		}
		else if (constant instanceof IntegerConstant integer) {
			text.append(integer.value());
		}
		else if (constant instanceof FloatConstant number) {
			text.append(number.value().toPlainString());
		}
		else if (constant instanceof BooleanConstant bool) {
			text.append(bool.value());
		}
		else if (constant instanceof HexConstant hex) {
			text.append("h'").append(hex.hex()).append('\'');
		}
		else if (constant instanceof BinaryConstant binary) {
			text.append("b'").append(binary.base64()).append('\'');
		}
		else if (constant instanceof TimestampConstant timestamp) {
			text.append("t'").append(timestamp.timestamp()).append('\'');
		}
		else {
			var set = (SetConstant) constant;
			text.append('(');
			for (int i = 0; i < set.values().size(); i++) {
				if (i > 0) {
					text.append(", ");
				}
				append(text, set.values().get(i));
			}
			text.append(')');
		}
	}

	private static void appendQuoted(StringBuilder text, String value) {
		text.append('\'');
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (c == '\'' || c == '\\') {
				text.append('\\');
			}
			text.append(c);
		}
		text.append('\'');
	}
}
