package org.kakehashi.vulns.cvss;

import static org.kakehashi.vulns.cvss.Cvss4Metric.*;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The CVSS v4.0 scoring algorithm (specification section 8.2): the vector falls into a macrovector of six
 * equivalence classes whose experts' score comes from a table; the score is then lowered by the mean of the
 * per-class severity distances from the macrovector's most severe vectors, each scaled by the score gap to the next
 * lower macrovector. Floating-point steps follow the specification's reference calculator so results agree to the
 * tenth.
 */
final class Cvss4Scoring {

	/** Metrics whose severity distance is measured, in the order the distances are summed. */
	private static final List<Cvss4Metric> MEASURED = List.of(AV, PR, UI, AC, AT, VC, VI, VA, SC, SI, SA, CR, IR, AR);

	/**
	 * Macrovector scores from the specification's data. One line per EQ1 EQ2 EQ3 prefix; the scores follow for
	 * EQ4 0–2 × EQ5 0–2 × EQ6 0–1 (EQ3 = 2 exists only with EQ6 = 1, so those lines have nine scores).
	 */
	private static final String MACROVECTOR_SCORES = """
			000 10 9.9 9.8 9.5 9.5 9.2 10 9.6 9.3 8.7 9.1 8.1 9.3 9 8.9 8 8.1 6.8
			001 9.8 9.5 9.5 9.2 9 8.4 9.3 9.2 8.9 8.1 8.1 6.5 8.8 8 7.8 7 6.9 4.8
			002 9.2 8.2 7.2 7.9 6.9 5 6.9 5.5 2.7
			010 9.9 9.7 9.5 9.2 9.2 8.5 9.5 9.1 9 8.3 8.4 7.1 9.2 8.1 8.2 7.1 7.2 5.3
			011 9.5 9.3 9.2 8.5 8.5 7.3 9.2 8.2 8 7.2 7 5.9 8.4 7 7.1 5.2 5 3
			012 8.6 7.5 5.2 7.1 5.2 2.9 6.3 2.9 1.7
			100 9.8 9.5 9.4 8.7 9.1 8.1 9.4 8.9 8.6 7.4 7.7 6.4 8.7 7.5 7.4 6.3 6.3 4.9
			101 9.4 8.9 8.8 7.7 7.6 6.7 8.6 7.6 7.4 5.8 5.9 5 7.2 5.7 5.7 5.2 5.2 2.5
			102 8.3 7 5.4 6.5 5.8 2.6 5.3 2.1 1.3
			110 9.5 9 8.8 7.6 7.6 7 9 7.7 7.5 6.2 6.1 5.3 7.7 6.6 6.8 5.9 5.2 3
			111 8.9 7.8 7.6 6.7 6.2 5.8 7.4 5.9 5.7 5.7 4.7 2.3 6.1 5.2 5.7 2.9 2.4 1.6
			112 7.1 5.9 3 5.8 2.6 1.5 2.3 1.3 0.6
			200 9.3 8.7 8.6 7.2 7.5 5.8 8.6 7.4 7.4 6.1 5.6 3.4 7 5.4 5.2 4 4 2.2
			201 8.5 7.5 7.4 5.5 6.2 5.1 7.2 5.7 5.5 4.1 4.6 1.9 5.3 3.6 3.4 1.9 1.9 0.8
			202 6.4 5.1 2 4.7 2.1 1.1 2.4 0.9 0.4
			210 8.8 7.5 7.3 5.3 6 5 7.3 5.5 5.9 4 4.1 2 5.4 4.3 4.5 2.2 2 1.1
			211 7.5 5.5 5.8 4.5 4 2.1 6.1 5.1 4.8 1.8 2 0.9 4.6 1.8 1.7 0.7 0.8 0.2
			212 5.3 2.4 1.4 2.4 1.2 0.5 1 0.3 0.1
			""";

	static final Map<String, Double> SCORES = macrovectorScores();

	/** The most severe vectors of each level of each class ("depth" of the class: its maximal severity distance). */
	private static final List<List<String>> EQ1_MAX = List.of(
			List.of("AV:N/PR:N/UI:N"),
			List.of("AV:A/PR:N/UI:N", "AV:N/PR:L/UI:N", "AV:N/PR:N/UI:P"),
			List.of("AV:P/PR:N/UI:N", "AV:A/PR:L/UI:P"));
	private static final List<List<String>> EQ2_MAX = List.of(
			List.of("AC:L/AT:N"),
			List.of("AC:H/AT:N", "AC:L/AT:P"));
	/** EQ3 and EQ6 together, indexed [EQ3][EQ6]; EQ3 = 2 has no EQ6 = 0. */
	private static final List<List<List<String>>> EQ3_EQ6_MAX = List.of(
			List.of(List.of("VC:H/VI:H/VA:H/CR:H/IR:H/AR:H"),
					List.of("VC:H/VI:H/VA:L/CR:M/IR:M/AR:H", "VC:H/VI:H/VA:H/CR:M/IR:M/AR:M")),
			List.of(List.of("VC:L/VI:H/VA:H/CR:H/IR:H/AR:H", "VC:H/VI:L/VA:H/CR:H/IR:H/AR:H"),
					List.of("VC:L/VI:H/VA:L/CR:H/IR:M/AR:H", "VC:L/VI:H/VA:H/CR:H/IR:M/AR:M",
							"VC:H/VI:L/VA:H/CR:M/IR:H/AR:M", "VC:H/VI:L/VA:L/CR:M/IR:H/AR:H",
							"VC:L/VI:L/VA:H/CR:H/IR:H/AR:M")),
			List.of(List.of(), List.of("VC:L/VI:L/VA:L/CR:H/IR:H/AR:H")));
	private static final List<List<String>> EQ4_MAX = List.of(
			List.of("SC:H/SI:S/SA:S"),
			List.of("SC:H/SI:H/SA:H"),
			List.of("SC:L/SI:L/SA:L"));

	/** Maximal severity distance within each level, in steps of 0.1 (EQ5 has no distance). */
	private static final int[] EQ1_DEPTH = { 1, 4, 5 };
	private static final int[] EQ2_DEPTH = { 1, 2 };
	private static final int[][] EQ3_EQ6_DEPTH = { { 7, 6 }, { 8, 8 }, { 0, 10 } };
	private static final int[] EQ4_DEPTH = { 6, 5, 4 };
	private static final double STEP = 0.1;

	private Cvss4Scoring() {
	}

	static String macroVector(Function<Cvss4Metric, String> m) {
		return "" + eq1(m) + eq2(m) + eq3(m) + eq4(m) + eq5(m) + eq6(m);
	}

	private static int eq1(Function<Cvss4Metric, String> m) {
		boolean av = is(m, AV, "N");
		boolean pr = is(m, PR, "N");
		boolean ui = is(m, UI, "N");
		if (av && pr && ui) {
			return 0;
		}
		if ((av || pr || ui) && !is(m, AV, "P")) {
			return 1;
		}
		return 2;
	}

	private static int eq2(Function<Cvss4Metric, String> m) {
		return is(m, AC, "L") && is(m, AT, "N") ? 0 : 1;
	}

	private static int eq3(Function<Cvss4Metric, String> m) {
		if (is(m, VC, "H") && is(m, VI, "H")) {
			return 0;
		}
		return is(m, VC, "H") || is(m, VI, "H") || is(m, VA, "H") ? 1 : 2;
	}

	private static int eq4(Function<Cvss4Metric, String> m) {
		if (is(m, SI, "S") || is(m, SA, "S")) {
			return 0;
		}
		return is(m, SC, "H") || is(m, SI, "H") || is(m, SA, "H") ? 1 : 2;
	}

	private static int eq5(Function<Cvss4Metric, String> m) {
		return switch (m.apply(E)) {
			case "A" -> 0;
			case "P" -> 1;
			default -> 2;
		};
	}

	private static int eq6(Function<Cvss4Metric, String> m) {
		return (is(m, CR, "H") && is(m, VC, "H")) || (is(m, IR, "H") && is(m, VI, "H"))
				|| (is(m, AR, "H") && is(m, VA, "H")) ? 0 : 1;
	}

	private static boolean is(Function<Cvss4Metric, String> m, Cvss4Metric metric, String value) {
		return value.equals(m.apply(metric));
	}

	static int scoreTenths(Function<Cvss4Metric, String> m, String macroVector) {
		if (List.of(VC, VI, VA, SC, SI, SA).stream().allMatch(metric -> is(m, metric, "N"))) {
			return 0;
		}
		int eq1 = digit(macroVector, 0);
		int eq2 = digit(macroVector, 1);
		int eq3 = digit(macroVector, 2);
		int eq4 = digit(macroVector, 3);
		int eq5 = digit(macroVector, 4);
		int eq6 = digit(macroVector, 5);
		double value = SCORES.get(macroVector);

		// Score of the next lower macrovector along each class; absent at the bottom of a class.
		Double lowerEq1 = SCORES.get(key(eq1 + 1, eq2, eq3, eq4, eq5, eq6));
		Double lowerEq2 = SCORES.get(key(eq1, eq2 + 1, eq3, eq4, eq5, eq6));
		Double lowerEq3Eq6;
		if (eq3 == 0 && eq6 == 0) {
			Double left = SCORES.get(key(eq1, eq2, eq3, eq4, eq5, 1));
			Double right = SCORES.get(key(eq1, eq2, 1, eq4, eq5, eq6));
			lowerEq3Eq6 = left == null || right == null ? null : Math.max(left, right);
		}
		else if (eq3 == 1 && eq6 == 0) {
			lowerEq3Eq6 = SCORES.get(key(eq1, eq2, eq3, eq4, eq5, 1));
		}
		else if (eq6 == 1 && eq3 < 2) {
			lowerEq3Eq6 = SCORES.get(key(eq1, eq2, eq3 + 1, eq4, eq5, eq6));
		}
		else {
			lowerEq3Eq6 = null;
		}
		Double lowerEq4 = SCORES.get(key(eq1, eq2, eq3, eq4 + 1, eq5, eq6));
		Double lowerEq5 = SCORES.get(key(eq1, eq2, eq3, eq4, eq5 + 1, eq6));

		Map<Cvss4Metric, Double> distance = distanceToMostSevere(m, eq1, eq2, eq3, eq4, eq6);
		double distanceEq1 = distance.get(AV) + distance.get(PR) + distance.get(UI);
		double distanceEq2 = distance.get(AC) + distance.get(AT);
		double distanceEq3Eq6 = distance.get(VC) + distance.get(VI) + distance.get(VA) + distance.get(CR)
				+ distance.get(IR) + distance.get(AR);
		double distanceEq4 = distance.get(SC) + distance.get(SI) + distance.get(SA);

		int lowerCount = 0;
		double sum = 0;
		if (lowerEq1 != null) {
			lowerCount++;
			sum += (value - lowerEq1) * (distanceEq1 / (EQ1_DEPTH[eq1] * STEP));
		}
		if (lowerEq2 != null) {
			lowerCount++;
			sum += (value - lowerEq2) * (distanceEq2 / (EQ2_DEPTH[eq2] * STEP));
		}
		if (lowerEq3Eq6 != null) {
			lowerCount++;
			sum += (value - lowerEq3Eq6) * (distanceEq3Eq6 / (EQ3_EQ6_DEPTH[eq3][eq6] * STEP));
		}
		if (lowerEq4 != null) {
			lowerCount++;
			sum += (value - lowerEq4) * (distanceEq4 / (EQ4_DEPTH[eq4] * STEP));
		}
		if (lowerEq5 != null) {
			// EQ5 (exploit maturity) has no distance within its level: it only counts towards the mean.
			lowerCount++;
			sum += 0;
		}
		double score = value - (lowerCount == 0 ? 0 : sum / lowerCount);
		score = Math.max(0, Math.min(10, score));
		return (int) Math.round(score * 10);
	}

	/**
	 * Severity distances of the vector from the first of its macrovector's most severe vectors that is at least as
	 * severe in every metric (or from the last one tried, should none be).
	 */
	private static Map<Cvss4Metric, Double> distanceToMostSevere(Function<Cvss4Metric, String> m, int eq1, int eq2,
			int eq3, int eq4, int eq6) {
		Map<Cvss4Metric, Double> distance = new EnumMap<>(Cvss4Metric.class);
		for (String a : EQ1_MAX.get(eq1)) {
			for (String b : EQ2_MAX.get(eq2)) {
				for (String c : EQ3_EQ6_MAX.get(eq3).get(eq6)) {
					for (String d : EQ4_MAX.get(eq4)) {
						var most = metricValues(a + "/" + b + "/" + c + "/" + d);
						boolean atLeastAsSevere = true;
						for (Cvss4Metric metric : MEASURED) {
							double difference = level(metric, m.apply(metric)) - level(metric, most.get(metric));
							distance.put(metric, difference);
							atLeastAsSevere &= difference >= 0;
						}
						if (atLeastAsSevere) {
							return distance;
						}
					}
				}
			}
		}
		return distance;
	}

	/** A metric value's severity level in steps of 0.1; 0 is the most severe. */
	private static double level(Cvss4Metric metric, String value) {
		switch (metric) {
			case AV:
				return switch (value) {
					case "N" -> 0.0;
					case "A" -> 0.1;
					case "L" -> 0.2;
					default -> 0.3;
				};
			case PR:
				return switch (value) {
					case "N" -> 0.0;
					case "L" -> 0.1;
					default -> 0.2;
				};
			case CR:
			case IR:
			case AR:
				return switch (value) {
					case "H" -> 0.0;
					case "M" -> 0.1;
					default -> 0.2;
				};
			case UI:
				return switch (value) {
					case "N" -> 0.0;
					case "P" -> 0.1;
					default -> 0.2;
				};
			case AC:
				return "L".equals(value) ? 0.0 : 0.1;
			case AT:
				return "N".equals(value) ? 0.0 : 0.1;
			case VC:
			case VI:
			case VA:
				return switch (value) {
					case "H" -> 0.0;
					case "L" -> 0.1;
					default -> 0.2;
				};
			case SC:
			case SI:
			case SA:
				return switch (value) {
					case "S" -> 0.0;
					case "H" -> 0.1;
					case "L" -> 0.2;
					default -> 0.3;
				};
			default:
				throw new IllegalArgumentException(metric + " has no severity level");
		}
	}

	private static Map<Cvss4Metric, String> metricValues(String vector) {
		var values = new EnumMap<Cvss4Metric, String>(Cvss4Metric.class);
		for (String part : vector.split("/")) {
			String[] pair = part.split(":");
			values.put(Cvss4Metric.valueOf(pair[0]), pair[1]);
		}
		return values;
	}

	private static int digit(String macroVector, int index) {
		return macroVector.charAt(index) - '0';
	}

	private static String key(int... levels) {
		var key = new StringBuilder();
		for (int level : levels) {
			key.append(level);
		}
		return key.toString();
	}

	private static Map<String, Double> macrovectorScores() {
		var scores = new HashMap<String, Double>();
		for (String line : MACROVECTOR_SCORES.strip().split("\n")) {
			String[] fields = line.strip().split(" ");
			String prefix = fields[0];
			boolean eq3Lowest = prefix.charAt(2) == '2';
			var suffixes = new ArrayList<String>();
			for (int eq4 = 0; eq4 <= 2; eq4++) {
				for (int eq5 = 0; eq5 <= 2; eq5++) {
					for (int eq6 = eq3Lowest ? 1 : 0; eq6 <= 1; eq6++) {
						suffixes.add("" + eq4 + eq5 + eq6);
					}
				}
			}
			if (suffixes.size() != fields.length - 1) {
				throw new IllegalStateException("macrovector line " + prefix + " has " + (fields.length - 1)
						+ " scores, expected " + suffixes.size());
			}
			for (int i = 0; i < suffixes.size(); i++) {
				scores.put(prefix + suffixes.get(i), Double.valueOf(fields[i + 1]));
			}
		}
		return Map.copyOf(scores);
	}
}
