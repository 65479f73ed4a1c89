package org.kakehashi.intel.stix.pattern;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

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
import org.kakehashi.intel.stix.pattern.Token.Kind;

/**
 * Recursive descent over the grammar of section 9, loosest binding first:
 *
 * <pre>
 * pattern      = followedBy END
 * followedBy   = observedOr ("FOLLOWEDBY" observedOr)*
 * observedOr   = observedAnd ("OR" observedAnd)*
 * observedAnd  = qualified ("AND" qualified)*
 * qualified    = ("[" comparisonOr "]" | "(" followedBy ")") qualifier*
 * qualifier    = "WITHIN" number "SECONDS" | "REPEATS" integer "TIMES" | "START" t'..' "STOP" t'..'
 * comparisonOr = comparisonAnd ("OR" comparisonAnd)*
 * comparisonAnd= test ("AND" test)*
 * test         = "(" comparisonOr ")" | "EXISTS" path | path ["NOT"] operator constant
 * path         = type ":" (word | string) ("." (word | string) | "[" (integer | "*") "]")*
 * </pre>
 */
final class PatternParser {

	/** Deep enough for any real pattern, shallow enough that hostile nesting cannot exhaust the stack. */
	static final int MAX_NESTING = 64;
	private static final long MAX_INTEGER = (1L << 53) - 1;

	private final List<Token> tokens;
	private int next;
	private int nesting;

	private PatternParser(List<Token> tokens) {
		this.tokens = tokens;
	}

	static PatternExpression parse(String pattern) {
		var parser = new PatternParser(PatternLexer.tokens(pattern));
		var expression = parser.followedBy();
		var last = parser.peek();
		if (!last.is(Kind.END)) {
			throw parser.unexpected(last, "an observation operator (AND, OR, FOLLOWEDBY), a qualifier or the end");
		}
		return expression;
	}

	private PatternExpression followedBy() {
		var expression = observedOr();
		while (peek().isWord("FOLLOWEDBY")) {
			next++;
			expression = new PatternExpression.Combination(ObservationOperator.FOLLOWEDBY, expression, observedOr());
		}
		return expression;
	}

	private PatternExpression observedOr() {
		var expression = observedAnd();
		while (peek().isWord("OR")) {
			next++;
			expression = new PatternExpression.Combination(ObservationOperator.OR, expression, observedAnd());
		}
		return expression;
	}

	private PatternExpression observedAnd() {
		var expression = qualified();
		while (peek().isWord("AND")) {
			next++;
			expression = new PatternExpression.Combination(ObservationOperator.AND, expression, qualified());
		}
		return expression;
	}

	private PatternExpression qualified() {
		var open = take();
		PatternExpression expression;
		if (open.is(Kind.LEFT_BRACKET)) {
			enter(open);
			expression = new PatternExpression.Observation(comparisonOr());
			expect(Kind.RIGHT_BRACKET, "']' to close the observation expression opened at position " + open.position());
			nesting--;
		}
		else if (open.is(Kind.LEFT_PAREN)) {
			enter(open);
			expression = followedBy();
			expect(Kind.RIGHT_PAREN, "')' to close the parenthesis opened at position " + open.position());
			nesting--;
		}
		else {
			throw unexpected(open, "'[' or '(' to start an observation expression");
		}
		// One qualifier of each kind per observation expression (section 9.5.1).
		boolean within = false;
		boolean repeats = false;
		boolean startStop = false;
		while (true) {
			var word = peek();
			if (word.isWord("WITHIN")) {
				within = once(within, word);
				expression = new PatternExpression.Qualified(expression, within());
			}
			else if (word.isWord("REPEATS")) {
				repeats = once(repeats, word);
				expression = new PatternExpression.Qualified(expression, repeats());
			}
			else if (word.isWord("START")) {
				startStop = once(startStop, word);
				expression = new PatternExpression.Qualified(expression, startStop());
			}
			else {
				return expression;
			}
		}
	}

	private boolean once(boolean seen, Token qualifier) {
		if (seen) {
			throw new InvalidStixPattern(qualifier.position(),
					"an observation expression must not have two " + qualifier.text() + " qualifiers");
		}
		return true;
	}

	private Qualifier within() {
		next++;
		var amount = take();
		if (!amount.is(Kind.INTEGER) && !amount.is(Kind.FLOAT)) {
			throw unexpected(amount, "a number of seconds after WITHIN");
		}
		var seconds = new BigDecimal(amount.text());
		if (seconds.signum() <= 0) {
			throw new InvalidStixPattern(amount.position(), "WITHIN takes a positive number of seconds");
		}
		expectWord("SECONDS");
		return new Qualifier.Within(seconds);
	}

	private Qualifier repeats() {
		next++;
		var amount = take();
		if (!amount.is(Kind.INTEGER)) {
			throw unexpected(amount, "a whole number after REPEATS");
		}
		long times = integer(amount);
		if (times <= 0) {
			throw new InvalidStixPattern(amount.position(), "REPEATS takes a positive integer");
		}
		expectWord("TIMES");
		return new Qualifier.Repeats(times);
	}

	private Qualifier startStop() {
		next++;
		var start = expect(Kind.TIMESTAMP, "a timestamp t'...' after START");
		expectWord("STOP");
		var stop = expect(Kind.TIMESTAMP, "a timestamp t'...' after STOP");
		return new Qualifier.StartStop(start.text(), stop.text());
	}

	private ComparisonExpression comparisonOr() {
		var expression = comparisonAnd();
		while (peek().isWord("OR")) {
			next++;
			expression = new ComparisonExpression.Combination(BooleanOperator.OR, expression, comparisonAnd());
		}
		return expression;
	}

	private ComparisonExpression comparisonAnd() {
		var expression = test();
		while (peek().isWord("AND")) {
			next++;
			expression = new ComparisonExpression.Combination(BooleanOperator.AND, expression, test());
		}
		return expression;
	}

	private ComparisonExpression test() {
		var first = peek();
		if (first.is(Kind.LEFT_PAREN)) {
			next++;
			enter(first);
			var inner = comparisonOr();
			expect(Kind.RIGHT_PAREN, "')' to close the parenthesis opened at position " + first.position());
			nesting--;
			return inner;
		}
		if (first.isWord("EXISTS")) {
			next++;
			return new ComparisonExpression.Exists(path());
		}
		var path = path();
		boolean negated = false;
		if (peek().isWord("NOT")) {
			next++;
			negated = true;
		}
		var operatorToken = take();
		var operator = operator(operatorToken);
		Constant value;
		if (operator == ComparisonOperator.IN) {
			value = set();
		}
		else {
			var constantToken = take();
			value = constant(constantToken);
			if (operator.takesStringOnly() && !(value instanceof StringConstant)) {
				throw new InvalidStixPattern(constantToken.position(), operator.symbol() + " takes a string constant");
			}
			if (operator.ordering() && value instanceof BooleanConstant) {
				throw new InvalidStixPattern(constantToken.position(), "booleans cannot be compared with " + operator.symbol());
			}
		}
		return new ComparisonExpression.Comparison(path, operator, negated, value);
	}

	private ComparisonOperator operator(Token token) {
		switch (token.kind()) {
			case EQUAL:
				return ComparisonOperator.EQUAL;
			case NOT_EQUAL:
				return ComparisonOperator.NOT_EQUAL;
			case LESS:
				return ComparisonOperator.LESS;
			case LESS_OR_EQUAL:
				return ComparisonOperator.LESS_OR_EQUAL;
			case GREATER:
				return ComparisonOperator.GREATER;
			case GREATER_OR_EQUAL:
				return ComparisonOperator.GREATER_OR_EQUAL;
			case WORD:
				switch (token.text()) {
					case "IN":
						return ComparisonOperator.IN;
					case "LIKE":
						return ComparisonOperator.LIKE;
					case "MATCHES":
						return ComparisonOperator.MATCHES;
					case "ISSUBSET":
						return ComparisonOperator.ISSUBSET;
					case "ISSUPERSET":
						return ComparisonOperator.ISSUPERSET;
					default:
						break;
				}
				break;
			default:
				break;
		}
		throw unexpected(token, "a comparison operator (=, !=, <, <=, >, >=, IN, LIKE, MATCHES, ISSUBSET, ISSUPERSET)");
	}

	/** {@code ( constant, ... )} of one data type; integers and floats count as one (both compare as numbers). */
	private Constant set() {
		var open = expect(Kind.LEFT_PAREN, "'(' to start the set after IN");
		var values = new ArrayList<Constant>();
		do {
			var token = take();
			var value = constant(token);
			if (!values.isEmpty() && !sameDataType(values.get(0), value)) {
				throw new InvalidStixPattern(token.position(), "the values of a set must all be of one data type");
			}
			values.add(value);
		}
		while (takeIf(Kind.COMMA));
		expect(Kind.RIGHT_PAREN, "',' or ')' to close the set opened at position " + open.position());
		return new SetConstant(values);
	}

	private static boolean sameDataType(Constant a, Constant b) {
		boolean numbers = (a instanceof IntegerConstant || a instanceof FloatConstant)
				&& (b instanceof IntegerConstant || b instanceof FloatConstant);
		return numbers || a.getClass() == b.getClass();
	}

	private Constant constant(Token token) {
		switch (token.kind()) {
			case STRING:
				return new StringConstant(token.text());
			case INTEGER:
				return new IntegerConstant(integer(token));
			case FLOAT:
				return new FloatConstant(new BigDecimal(token.text()));
			case HEX:
				return new HexConstant(token.text());
			case BINARY:
				return new BinaryConstant(token.text());
			case TIMESTAMP:
				return new TimestampConstant(token.text());
			case WORD:
				if (token.text().equals("true") || token.text().equals("false")) {
					return new BooleanConstant(token.text().equals("true"));
				}
				break;
			default:
				break;
		}
		throw unexpected(token, "a constant (string, number, true, false, h'..', b'..' or t'..')");
	}

	private long integer(Token token) {
		String digits = token.text();
		// Anything longer than 17 characters is outside the 54-bit range of section 2.10 anyway.
		long value = digits.length() > 17 ? Long.MAX_VALUE : Long.parseLong(digits);
		if (value > MAX_INTEGER || value < -MAX_INTEGER) {
			throw new InvalidStixPattern(token.position(), "the integer is outside the range -(2^53-1) to 2^53-1");
		}
		return value;
	}

	private ObjectPath path() {
		var typeToken = take();
		if (!typeToken.is(Kind.WORD) || !isObjectType(typeToken.text())) {
			throw unexpected(typeToken, "an object type (lower case letters, digits and hyphens) to start an object path");
		}
		expect(Kind.COLON, "':' after the object type");
		var steps = new ArrayList<ObjectPath.Step>();
		steps.add(property(take()));
		while (true) {
			if (takeIf(Kind.DOT)) {
				steps.add(property(take()));
			}
			else if (peek().is(Kind.LEFT_BRACKET)) {
				next++;
				var index = take();
				if (index.is(Kind.ASTERISK)) {
					steps.add(new ObjectPath.AnyIndex());
				}
				else if (index.is(Kind.INTEGER) && !index.text().startsWith("-")) {
					long value = integer(index);
					if (value > Integer.MAX_VALUE) {
						throw new InvalidStixPattern(index.position(), "the list index is too large");
					}
					steps.add(new ObjectPath.Index((int) value));
				}
				else {
					throw unexpected(index, "a list index (a non-negative integer or *)");
				}
				expect(Kind.RIGHT_BRACKET, "']' to close the list index");
			}
			else {
				return new ObjectPath(typeToken.text(), steps);
			}
		}
	}

	/** A property name: a word without hyphens, or any non-empty name in apostrophes (section 9.7). */
	private ObjectPath.Property property(Token token) {
		if (token.is(Kind.WORD) && token.text().indexOf('-') < 0) {
			return new ObjectPath.Property(token.text());
		}
		if (token.is(Kind.STRING) && !token.text().isEmpty()) {
			return new ObjectPath.Property(token.text());
		}
		if (token.is(Kind.WORD)) {
			throw new InvalidStixPattern(token.position(),
					"a property name with a hyphen must be enclosed in apostrophes: '" + token.text() + "'");
		}
		throw unexpected(token, "a property name");
	}

	static boolean isObjectType(String word) {
		if (word.isEmpty() || word.charAt(0) < 'a' || word.charAt(0) > 'z') {
			return false;
		}
		for (int i = 1; i < word.length(); i++) {
			char c = word.charAt(i);
			if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) {
				return false;
			}
		}
		return true;
	}

	private void enter(Token open) {
		if (++nesting > MAX_NESTING) {
			throw new InvalidStixPattern(open.position(), "brackets and parentheses nest deeper than " + MAX_NESTING);
		}
	}

	private Token peek() {
		return tokens.get(next);
	}

	private Token take() {
		var token = tokens.get(next);
		if (!token.is(Kind.END)) {
			next++;
		}
		return token;
	}

	private boolean takeIf(Kind kind) {
		if (peek().is(kind)) {
			next++;
			return true;
		}
		return false;
	}

	private Token expect(Kind kind, String what) {
		var token = take();
		if (!token.is(kind)) {
			throw unexpected(token, what);
		}
		return token;
	}

	private void expectWord(String keyword) {
		var token = take();
		if (!token.isWord(keyword)) {
			throw unexpected(token, keyword);
		}
	}

	private InvalidStixPattern unexpected(Token token, String expected) {
		return new InvalidStixPattern(token.position(), "expected " + expected + " but found " + token.describe());
	}
}
