package org.kakehashi.vulns.cvss;

import static org.kakehashi.vulns.cvss.Cvss3Metric.*;

import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.Optional;

/**
 * A CVSS v3.0 or v3.1 vector with its base, temporal and environmental scores (FIRST CVSS v3.1 specification,
 * sections 7 and Appendix A). Metrics may come in any order, as the specification allows; {@link #toString()} writes
 * them in the specification's order.
 */
public final class Cvss3Vector implements CvssVector {

	private final String version;
	/** Defined metrics only: a metric given as X (Not Defined) is the same as one left out. */
	private final EnumMap<Cvss3Metric, String> values;
	private final int baseTenths;
	private final Integer temporalTenths;
	private final Integer environmentalTenths;

	private Cvss3Vector(String version, EnumMap<Cvss3Metric, String> values) {
		this.version = version;
		this.values = values;
		this.baseTenths = base();
		this.temporalTenths = values.keySet().stream().anyMatch(Cvss3Metric::temporal) ? temporal() : null;
		this.environmentalTenths = values.keySet().stream().anyMatch(Cvss3Metric::environmental) ? environmental()
				: null;
	}

	/** Reads "CVSS:3.1/AV:N/…" or "CVSS:3.0/AV:N/…"; throws {@link InvalidCvssVector} naming the metric at fault. */
	public static Cvss3Vector parse(String vector) {
		String version = vector.startsWith("CVSS:3.0/") ? "3.0" : "3.1";
		var values = VectorReader.read(vector, "CVSS:" + version, Cvss3Metric.class, false);
		values.values().removeIf("X"::equals);
		return new Cvss3Vector(version, values);
	}

	@Override
	public String version() {
		return version;
	}

	/** The metric's value as the vector gives it; "X" for an optional metric left out. */
	public String value(Cvss3Metric metric) {
		return values.getOrDefault(metric, "X");
	}

	@Override
	public BigDecimal score() {
		return baseScore();
	}

	public BigDecimal baseScore() {
		return BigDecimal.valueOf(baseTenths, 1);
	}

	/** Present when the vector defines a temporal metric (E, RL or RC other than X). */
	public Optional<BigDecimal> temporalScore() {
		return Optional.ofNullable(temporalTenths).map(tenths -> BigDecimal.valueOf(tenths, 1));
	}

	/** Present when the vector defines an environmental metric (CR … MA other than X). */
	public Optional<BigDecimal> environmentalScore() {
		return Optional.ofNullable(environmentalTenths).map(tenths -> BigDecimal.valueOf(tenths, 1));
	}

	private int base() {
		boolean changed = "C".equals(value(S));
		double iss = 1 - ((1 - impact(value(C))) * (1 - impact(value(I))) * (1 - impact(value(A))));
		double impact = changed ? 7.52 * (iss - 0.029) - 3.25 * Math.pow(iss - 0.02, 15) : 6.42 * iss;
		double exploitability = 8.22 * attackVector(value(AV)) * attackComplexity(value(AC))
				* privileges(value(PR), changed) * userInteraction(value(UI));
		if (impact <= 0) {
			return 0;
		}
		return roundUpTenths(Math.min((changed ? 1.08 : 1) * (impact + exploitability), 10));
	}

	private int temporal() {
		return roundUpTenths(baseTenths / 10.0 * temporalFactor());
	}

	private double temporalFactor() {
		return exploitMaturity(value(E)) * remediationLevel(value(RL)) * reportConfidence(value(RC));
	}

	private int environmental() {
		boolean changed = "C".equals(modified(MS, S));
		double miss = Math.min(1 - ((1 - impact(modified(MC, C)) * requirement(value(CR)))
				* (1 - impact(modified(MI, I)) * requirement(value(IR)))
				* (1 - impact(modified(MA, A)) * requirement(value(AR)))), 0.915);
		double impact;
		if (!changed) {
			impact = 6.42 * miss;
		}
		else if ("3.0".equals(version)) {
			impact = 7.52 * (miss - 0.029) - 3.25 * Math.pow(miss - 0.02, 15);
		}
		else {
			impact = 7.52 * (miss - 0.029) - 3.25 * Math.pow(miss * 0.9731 - 0.02, 13);
		}
		double exploitability = 8.22 * attackVector(modified(MAV, AV)) * attackComplexity(modified(MAC, AC))
				* privileges(modified(MPR, PR), changed) * userInteraction(modified(MUI, UI));
		if (impact <= 0) {
			return 0;
		}
		int capped = roundUpTenths(Math.min((changed ? 1.08 : 1) * (impact + exploitability), 10));
		return roundUpTenths(capped / 10.0 * temporalFactor());
	}

	private String modified(Cvss3Metric modified, Cvss3Metric base) {
		String value = value(modified);
		return "X".equals(value) ? value(base) : value;
	}

	/**
	 * The specification's Roundup (v3.1 Appendix A): the smallest one-decimal number not below the input, computed on
	 * integers so that floating-point noise (4.000000000000001) does not push a score up a tenth. Returns tenths.
	 */
	static int roundUpTenths(double input) {
		long scaled = Math.round(input * 100_000);
		if (scaled % 10_000 == 0) {
			return (int) (scaled / 10_000);
		}
		return (int) (Math.floorDiv(scaled, 10_000) + 1);
	}

	private static double attackVector(String value) {
		return switch (value) {
			case "N" -> 0.85;
			case "A" -> 0.62;
			case "L" -> 0.55;
			default -> 0.2;
		};
	}

	private static double attackComplexity(String value) {
		return "L".equals(value) ? 0.77 : 0.44;
	}

	private static double privileges(String value, boolean scopeChanged) {
		return switch (value) {
			case "N" -> 0.85;
			case "L" -> scopeChanged ? 0.68 : 0.62;
			default -> scopeChanged ? 0.5 : 0.27;
		};
	}

	private static double userInteraction(String value) {
		return "N".equals(value) ? 0.85 : 0.62;
	}

	private static double impact(String value) {
		return switch (value) {
			case "H" -> 0.56;
			case "L" -> 0.22;
			default -> 0;
		};
	}

	private static double exploitMaturity(String value) {
		return switch (value) {
			case "F" -> 0.97;
			case "P" -> 0.94;
			case "U" -> 0.91;
			default -> 1;
		};
	}

	private static double remediationLevel(String value) {
		return switch (value) {
			case "W" -> 0.97;
			case "T" -> 0.96;
			case "O" -> 0.95;
			default -> 1;
		};
	}

	private static double reportConfidence(String value) {
		return switch (value) {
			case "R" -> 0.96;
			case "U" -> 0.92;
			default -> 1;
		};
	}

	private static double requirement(String value) {
		return switch (value) {
			case "H" -> 1.5;
			case "L" -> 0.5;
			default -> 1;
		};
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof Cvss3Vector that && version.equals(that.version) && values.equals(that.values);
	}

	@Override
	public int hashCode() {
		return version.hashCode() * 31 + values.hashCode();
	}

	@Override
	public String toString() {
		return VectorReader.write("CVSS:" + version, values);
	}
}
