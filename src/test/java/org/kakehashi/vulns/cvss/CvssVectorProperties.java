package org.kakehashi.vulns.cvss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.kakehashi.vulns.cvss.InvalidCvssVector.Reason;

/** What holds for every vector, valid or broken, of both versions. */
class CvssVectorProperties {

	private static final List<String> LOWER_TO_HIGHER_IMPACT = List.of("N", "L", "H");

	// --- valid vectors -------------------------------------------------------------------------------------------

	@Property
	void everyValidV3VectorParsesRoundTripsAndScoresWithinTheScale(@ForAll("v3Vectors") String vector) {
		var parsed = Cvss3Vector.parse(vector);
		var normalised = parsed.toString();
		var again = Cvss3Vector.parse(normalised);
		assertThat(again).isEqualTo(parsed);
		assertThat(again.toString()).isEqualTo(normalised);
		assertThat(again.baseScore()).isEqualTo(parsed.baseScore());
		assertThat(again.temporalScore()).isEqualTo(parsed.temporalScore());
		assertThat(again.environmentalScore()).isEqualTo(parsed.environmentalScore());
		assertOnTheScale(parsed.baseScore());
		parsed.temporalScore().ifPresent(CvssVectorProperties::assertOnTheScale);
		parsed.environmentalScore().ifPresent(CvssVectorProperties::assertOnTheScale);
		assertThat(parsed.severity()).isEqualTo(CvssSeverity.of(parsed.baseScore()));
		assertThat(parsed.temporalScore().orElse(BigDecimal.ZERO)).isLessThanOrEqualTo(parsed.baseScore());
	}

	@Property
	void everyValidV4VectorParsesRoundTripsAndScoresWithinTheScale(@ForAll("v4Vectors") String vector) {
		var parsed = Cvss4Vector.parse(vector);
		var normalised = parsed.toString();
		var again = Cvss4Vector.parse(normalised);
		assertThat(again).isEqualTo(parsed);
		assertThat(again.toString()).isEqualTo(normalised);
		assertThat(again.score()).isEqualTo(parsed.score());
		assertThat(again.nomenclature()).isEqualTo(parsed.nomenclature());
		assertOnTheScale(parsed.score());
		assertThat(parsed.severity()).isEqualTo(CvssSeverity.of(parsed.score()));
		assertThat(Cvss4Scoring.SCORES).containsKey(parsed.macroVector());
		assertThat(CvssVector.parse(vector)).isEqualTo(parsed);
	}

	@Property
	void raisingAV3ImpactNeverLowersTheBaseScore(@ForAll("v3Vectors") String vector,
			@ForAll("impactsV3") Cvss3Metric impact) {
		var parsed = Cvss3Vector.parse(vector);
		String value = parsed.value(impact);
		int level = LOWER_TO_HIGHER_IMPACT.indexOf(value);
		for (String higher : LOWER_TO_HIGHER_IMPACT.subList(level + 1, 3)) {
			var raised = Cvss3Vector.parse(replace(parsed.toString(), impact.name(), higher));
			assertThat(raised.baseScore()).as("%s with %s:%s", parsed, impact, higher)
					.isGreaterThanOrEqualTo(parsed.baseScore());
		}
	}

	@Property
	void raisingAV4VulnerableSystemImpactNeverLowersTheScore(@ForAll("v4BaseVectors") String vector,
			@ForAll("impactsV4") Cvss4Metric impact) {
		var parsed = Cvss4Vector.parse(vector);
		int level = LOWER_TO_HIGHER_IMPACT.indexOf(parsed.value(impact));
		for (String higher : LOWER_TO_HIGHER_IMPACT.subList(level + 1, 3)) {
			var raised = Cvss4Vector.parse(replace(parsed.toString(), impact.name(), higher));
			assertThat(raised.score()).as("%s with %s:%s", parsed, impact, higher)
					.isGreaterThanOrEqualTo(parsed.score());
		}
	}

	/** Not a sample: all 104,976 CVSS v4.0 base vectors, each impact raised one step. */
	@Example
	void everyV4BaseVectorIsMonotoneInItsVulnerableSystemImpacts() {
		int checked = 0;
		for (String base : allV4Exploitability()) {
			for (String vc : LOWER_TO_HIGHER_IMPACT) {
				for (String vi : LOWER_TO_HIGHER_IMPACT) {
					for (String va : LOWER_TO_HIGHER_IMPACT) {
						for (String subsequent : allV4Subsequent()) {
							var score = Cvss4Vector.parse(base + impacts(vc, vi, va) + subsequent).score();
							checked++;
							if (!"H".equals(vc)) {
								assertThat(Cvss4Vector.parse(base + impacts(up(vc), vi, va) + subsequent).score())
										.isGreaterThanOrEqualTo(score);
							}
							if (!"H".equals(vi)) {
								assertThat(Cvss4Vector.parse(base + impacts(vc, up(vi), va) + subsequent).score())
										.isGreaterThanOrEqualTo(score);
							}
							if (!"H".equals(va)) {
								assertThat(Cvss4Vector.parse(base + impacts(vc, vi, up(va)) + subsequent).score())
										.isGreaterThanOrEqualTo(score);
							}
						}
					}
				}
			}
		}
		assertThat(checked).isEqualTo(104_976);
	}

	// --- broken vectors ------------------------------------------------------------------------------------------

	enum Breakage {
		DROP_MANDATORY, DUPLICATE, UNKNOWN_METRIC, BAD_VALUE
	}

	@Property
	void everyBrokenV3VectorIsRefusedNamingTheMetric(@ForAll("v3Vectors") String vector, @ForAll Breakage breakage,
			@ForAll long seed) {
		assertRefusedNamingTheMetric(vector, breakage, new Random(seed), Cvss3Metric.values(),
				Cvss3Vector::parse);
	}

	@Property
	void everyBrokenV4VectorIsRefusedNamingTheMetric(@ForAll("v4Vectors") String vector, @ForAll Breakage breakage,
			@ForAll long seed) {
		assertRefusedNamingTheMetric(vector, breakage, new Random(seed), Cvss4Metric.values(),
				Cvss4Vector::parse);
	}

	private static void assertRefusedNamingTheMetric(String vector, Breakage breakage, Random random,
			CvssMetric[] metrics, java.util.function.Function<String, ?> parse) {
		int slash = vector.indexOf('/');
		String prefix = vector.substring(0, slash);
		var parts = new ArrayList<>(List.of(vector.substring(slash + 1).split("/")));
		Set<String> known = Stream.of(metrics).map(CvssMetric::abbreviation).collect(Collectors.toSet());
		String metric;
		Reason reason;
		switch (breakage) {
			case DROP_MANDATORY: {
				var mandatory = Stream.of(metrics).filter(CvssMetric::mandatory).toList();
				metric = mandatory.get(random.nextInt(mandatory.size())).abbreviation();
				parts.removeIf(part -> part.startsWith(metric + ":"));
				reason = Reason.MISSING_METRIC;
				break;
			}
			case DUPLICATE: {
				int index = random.nextInt(parts.size());
				String part = parts.get(index);
				metric = part.substring(0, part.indexOf(':'));
				parts.add(index + 1, part);
				reason = Reason.DUPLICATE_METRIC;
				break;
			}
			case UNKNOWN_METRIC: {
				String name;
				do {
					name = letters(random, 1 + random.nextInt(3));
				}
				while (known.contains(name));
				metric = name;
				parts.add(random.nextInt(parts.size() + 1), name + ":" + letters(random, 1));
				reason = Reason.UNKNOWN_METRIC;
				break;
			}
			default: {
				int index = random.nextInt(parts.size());
				String part = parts.get(index);
				metric = part.substring(0, part.indexOf(':'));
				var allowed = Stream.of(metrics).filter(m -> m.abbreviation().equals(metric)).findFirst().orElseThrow()
						.allowedValues();
				String value;
				do {
					value = random.nextBoolean() ? letters(random, 1 + random.nextInt(3))
							: (random.nextBoolean() ? "" : String.valueOf(random.nextInt(10)));
				}
				while (allowed.contains(value));
				parts.set(index, metric + ":" + value);
				reason = value.isEmpty() ? Reason.MALFORMED : Reason.INVALID_VALUE;
				break;
			}
		}
		String broken = prefix + "/" + String.join("/", parts);
		String expectedMetric = reason == Reason.MALFORMED ? metric + ":" : metric;
		assertThatThrownBy(() -> parse.apply(broken)).as(broken)
				.isInstanceOfSatisfying(InvalidCvssVector.class, e -> {
					assertThat(e.reason()).isEqualTo(reason);
					assertThat(e.metric()).isEqualTo(expectedMetric);
					assertThat(e.getMessage()).contains(metric);
				});
	}

	// --- generators ----------------------------------------------------------------------------------------------

	@Provide
	Arbitrary<String> v3Vectors() {
		return Arbitraries.randomValue(random -> {
			var parts = new ArrayList<String>();
			for (Cvss3Metric metric : Cvss3Metric.values()) {
				if (metric.mandatory() || random.nextInt(3) == 0) {
					parts.add(metric.abbreviation() + ":" + pick(random, metric.allowedValues()));
				}
			}
			Collections.shuffle(parts, random); // v3.x accepts any order
			return (random.nextBoolean() ? "CVSS:3.1/" : "CVSS:3.0/") + String.join("/", parts);
		});
	}

	@Provide
	Arbitrary<String> v4Vectors() {
		return v4(3);
	}

	@Provide
	Arbitrary<String> v4BaseVectors() {
		return v4(0);
	}

	private static Arbitrary<String> v4(int optionalOneIn) {
		return Arbitraries.randomValue(random -> {
			var out = new StringBuilder("CVSS:4.0");
			for (Cvss4Metric metric : Cvss4Metric.values()) {
				if (metric.mandatory() || (optionalOneIn > 0 && random.nextInt(optionalOneIn) == 0)) {
					out.append('/').append(metric.abbreviation()).append(':')
							.append(pick(random, metric.allowedValues()));
				}
			}
			return out.toString();
		});
	}

	@Provide
	Arbitrary<Cvss3Metric> impactsV3() {
		return Arbitraries.of(Cvss3Metric.C, Cvss3Metric.I, Cvss3Metric.A);
	}

	@Provide
	Arbitrary<Cvss4Metric> impactsV4() {
		return Arbitraries.of(Cvss4Metric.VC, Cvss4Metric.VI, Cvss4Metric.VA);
	}

	// --- helpers -------------------------------------------------------------------------------------------------

	private static void assertOnTheScale(BigDecimal score) {
		assertThat(score.scale()).isEqualTo(1);
		assertThat(score).isBetween(BigDecimal.ZERO, BigDecimal.TEN);
	}

	private static String replace(String vector, String metric, String value) {
		return vector.replaceFirst("/" + metric + ":[^/]+", "/" + metric + ":" + value);
	}

	private static String pick(Random random, List<String> values) {
		return values.get(random.nextInt(values.size()));
	}

	private static String letters(Random random, int length) {
		var out = new StringBuilder();
		for (int i = 0; i < length; i++) {
			out.append((char) ('A' + random.nextInt(26)));
		}
		return out.toString();
	}

	private static List<String> allV4Exploitability() {
		var all = new ArrayList<String>();
		for (String av : List.of("N", "A", "L", "P")) {
			for (String ac : List.of("L", "H")) {
				for (String at : List.of("N", "P")) {
					for (String pr : List.of("N", "L", "H")) {
						for (String ui : List.of("N", "P", "A")) {
							all.add("CVSS:4.0/AV:" + av + "/AC:" + ac + "/AT:" + at + "/PR:" + pr + "/UI:" + ui);
						}
					}
				}
			}
		}
		return all;
	}

	private static List<String> allV4Subsequent() {
		var all = new ArrayList<String>();
		for (String sc : LOWER_TO_HIGHER_IMPACT) {
			for (String si : LOWER_TO_HIGHER_IMPACT) {
				for (String sa : LOWER_TO_HIGHER_IMPACT) {
					all.add("/SC:" + sc + "/SI:" + si + "/SA:" + sa);
				}
			}
		}
		return all;
	}

	private static String impacts(String vc, String vi, String va) {
		return "/VC:" + vc + "/VI:" + vi + "/VA:" + va;
	}

	private static String up(String value) {
		return LOWER_TO_HIGHER_IMPACT.get(LOWER_TO_HIGHER_IMPACT.indexOf(value) + 1);
	}
}
