package org.kakehashi.intel.stix.pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

import org.kakehashi.intel.stix.pattern.ComparisonExpression.BooleanOperator;
import org.kakehashi.intel.stix.pattern.PatternExpression.ObservationOperator;

/** Printing and parsing are inverse; nothing but a parse error ever comes out of bad input. */
class StixPatternProperties {

	private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);

	@Property(tries = 1000)
	void aPrintedTreeParsesBackToTheSameTree(@ForAll("patterns") PatternExpression expression) {
		var pattern = new StixPattern(expression);
		var text = pattern.toString();
		assertThat(StixPattern.parse(text)).as(text).isEqualTo(pattern);
	}

	@Property(tries = 2000)
	void garbageGivesOnlyParseErrors(@ForAll("garbage") String text) {
		assertOnlyParseErrors(text);
	}

	@Property(tries = 2000)
	void aDamagedPatternGivesOnlyParseErrors(@ForAll("patterns") PatternExpression expression,
			@ForAll @IntRange(max = 10_000) int at, @ForAll("patternCharacters") char inserted, @ForAll boolean delete) {
		var text = new StringBuilder(new StixPattern(expression).toString());
		int position = at % (text.length() + 1);
		if (delete && position < text.length()) {
			text.deleteCharAt(position);
		}
		else {
			text.insert(position, inserted);
		}
		assertOnlyParseErrors(text.toString());
	}

	private static void assertOnlyParseErrors(String text) {
		var thrown = catchThrowable(() -> StixPattern.parse(text));
		if (thrown == null) {
			var pattern = StixPattern.parse(text);
			assertThat(StixPattern.parse(pattern.toString())).isEqualTo(pattern);
		}
		else {
			assertThat(thrown).as(text).isInstanceOf(InvalidStixPattern.class);
			var error = (InvalidStixPattern) thrown;
			assertThat(error.position()).isBetween(0, text.length());
		}
	}

	@Provide
	Arbitrary<String> garbage() {
		return Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(60),
				Arbitraries.strings().withChars("[]()':.,*=!<>-_ \\\nhbtx5e0.ANDORNOTFOLWBYINSECTMPxfile").ofMaxLength(60),
				Arbitraries.of("[", "]", "(", ")", "file", ":", "name", "=", "'a'", "AND", "OR", "FOLLOWEDBY", "WITHIN", "5",
						"SECONDS", "REPEATS", "TIMES", "START", "STOP", "t'2016-01-01T00:00:00Z'", "IN", "NOT", "EXISTS", ".", "[*]",
						",", "h'ff'", "b'AA=='", "LIKE", "-1", "2.5", "true").list().ofMaxSize(20).map(parts -> String.join(" ", parts)));
	}

	@Provide
	Arbitrary<Character> patternCharacters() {
		return Arbitraries.oneOf(Arbitraries.chars().with("[]()':.,*=!<>-_ \\h"), Arbitraries.chars());
	}

	@Provide
	Arbitrary<PatternExpression> patterns() {
		return pattern(3);
	}

	private Arbitrary<PatternExpression> pattern(int depth) {
		if (depth == 0) {
			return observation();
		}
		var smaller = pattern(depth - 1);
		return Arbitraries.oneOf(observation(),
				Combinators.combine(Arbitraries.of(ObservationOperator.class), smaller, smaller)
						.as(PatternExpression.Combination::new),
				Combinators.combine(smaller, qualifier()).as(PatternExpression.Qualified::new));
	}

	private Arbitrary<PatternExpression> observation() {
		return comparisonExpression(2).map(PatternExpression.Observation::new);
	}

	private Arbitrary<ComparisonExpression> comparisonExpression(int depth) {
		if (depth == 0) {
			return test();
		}
		var smaller = comparisonExpression(depth - 1);
		return Arbitraries.oneOf(test(),
				Combinators.combine(Arbitraries.of(BooleanOperator.class), smaller, smaller).as(ComparisonExpression.Combination::new));
	}

	private Arbitrary<ComparisonExpression> test() {
		var compared = Combinators.combine(path(), Arbitraries.of(ComparisonOperator.class)
				.filter(operator -> operator != ComparisonOperator.EXISTS), Arbitraries.of(true, false), constant())
				.as((path, operator, negated, value) -> (ComparisonExpression) new ComparisonExpression.Comparison(path,
						operator, negated, fit(operator, value)));
		return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(9, compared),
				net.jqwik.api.Tuple.of(1, path().map(ComparisonExpression.Exists::new)));
	}

	/** Gives each operator a constant it accepts: strings for LIKE and friends, a set for IN, no boolean to order. */
	private static Constant fit(ComparisonOperator operator, Constant value) {
		if (operator == ComparisonOperator.IN) {
			return value instanceof Constant.SetConstant ? value : new Constant.SetConstant(List.of(value));
		}
		if (value instanceof Constant.SetConstant set) {
			value = set.values().get(0);
		}
		if (operator.takesStringOnly() && !(value instanceof Constant.StringConstant)) {
			return new Constant.StringConstant(value.toString());
		}
		if (operator.ordering() && value instanceof Constant.BooleanConstant) {
			return new Constant.IntegerConstant(1);
		}
		return value;
	}

	private Arbitrary<ObjectPath> path() {
		var type = Combinators.combine(Arbitraries.chars().range('a', 'z'),
				Arbitraries.strings().withCharRange('a', 'z').numeric().withChars('-').ofMaxLength(12))
				.as((first, rest) -> first + rest);
		var property = Arbitraries.oneOf(Arbitraries.strings().withCharRange('a', 'z').withChars('_').ofMinLength(1).ofMaxLength(12),
				Arbitraries.strings().ofMinLength(1).ofMaxLength(8)).map(name -> (ObjectPath.Step) new ObjectPath.Property(name));
		var step = Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(3, property),
				net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(0, 100).map(i -> (ObjectPath.Step) new ObjectPath.Index(i))),
				net.jqwik.api.Tuple.of(1, Arbitraries.just((ObjectPath.Step) new ObjectPath.AnyIndex())));
		return Combinators.combine(type, property, step.list().ofMaxSize(3)).as((objectType, first, rest) -> {
			var steps = new java.util.ArrayList<ObjectPath.Step>();
			steps.add(first);
			steps.addAll(rest);
			return new ObjectPath(objectType, steps);
		});
	}

	private Arbitrary<Constant> constant() {
		Arbitrary<Constant> single = Arbitraries.oneOf(
				Arbitraries.strings().ofMaxLength(20).map(Constant.StringConstant::new),
				Arbitraries.longs().between(-(1L << 53) + 1, (1L << 53) - 1).map(Constant.IntegerConstant::new),
				Combinators.combine(Arbitraries.longs().between(-1_000_000, 1_000_000), Arbitraries.integers().between(1, 5))
						.as((unscaled, scale) -> (Constant) new Constant.FloatConstant(BigDecimal.valueOf(unscaled, scale))),
				Arbitraries.of(true, false).map(Constant.BooleanConstant::new),
				Arbitraries.strings().withChars("0123456789abcdef").ofMaxLength(8).filter(hex -> hex.length() % 2 == 0)
						.map(Constant.HexConstant::new),
				Arbitraries.bytes().array(byte[].class).ofMaxSize(10)
						.map(bytes -> new Constant.BinaryConstant(Base64.getEncoder().encodeToString(bytes))),
				timestamp().map(Constant.TimestampConstant::new));
		Arbitrary<Constant> set = Arbitraries.strings().ofMaxLength(5).list().ofMinSize(1).ofMaxSize(4)
				.map(values -> new Constant.SetConstant(values.stream().map(v -> (Constant) new Constant.StringConstant(v)).toList()));
		return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(8, single), net.jqwik.api.Tuple.of(1, set));
	}

	private Arbitrary<Qualifier> qualifier() {
		return Arbitraries.oneOf(
				Arbitraries.longs().between(1, 100_000).map(Qualifier.Repeats::new),
				Combinators.combine(Arbitraries.longs().between(1, 100_000), Arbitraries.integers().between(0, 3))
						.as((unscaled, scale) -> new Qualifier.Within(BigDecimal.valueOf(unscaled, scale))),
				Combinators.combine(timestamp(), timestamp()).as(Qualifier.StartStop::new));
	}

	private Arbitrary<String> timestamp() {
		return Combinators.combine(Arbitraries.longs().between(0, 4_102_444_800L), Arbitraries.strings().numeric().ofMaxLength(6))
				.as((seconds, fraction) -> SECONDS.format(Instant.ofEpochSecond(seconds)) + (fraction.isEmpty() ? "" : "." + fraction) + "Z");
	}
}
