package org.kakehashi.vulns.cvss;

import java.math.BigDecimal;
import java.util.EnumMap;

import org.kakehashi.vulns.cvss.Cvss4Metric.Group;

/**
 * A CVSS v4.0 vector and its score (FIRST CVSS v4.0 specification, sections 7 and 8): base metrics mandatory, threat,
 * environmental and supplemental metrics optional, all in the specification's order.
 */
public final class Cvss4Vector implements CvssVector {

	static final String PREFIX = "CVSS:4.0";

	/** Defined metrics only: a metric given as X (Not Defined) is the same as one left out. */
	private final EnumMap<Cvss4Metric, String> values;
	private final String macroVector;
	private final int tenths;

	private Cvss4Vector(EnumMap<Cvss4Metric, String> values) {
		this.values = values;
		this.macroVector = Cvss4Scoring.macroVector(this::effective);
		this.tenths = Cvss4Scoring.scoreTenths(this::effective, macroVector);
	}

	/** Reads "CVSS:4.0/AV:N/…"; throws {@link InvalidCvssVector} naming the metric at fault. */
	public static Cvss4Vector parse(String vector) {
		var values = VectorReader.read(vector, PREFIX, Cvss4Metric.class, true);
		values.values().removeIf("X"::equals);
		return new Cvss4Vector(values);
	}

	@Override
	public String version() {
		return "4.0";
	}

	/** The metric's value as the vector gives it; "X" for an optional metric left out. */
	public String value(Cvss4Metric metric) {
		return values.getOrDefault(metric, "X");
	}

	/**
	 * The value scoring uses: a modified base metric replaces its base metric, and E, CR, IR and AR left Not Defined
	 * count as their worst case (E:A, CR/IR/AR:H), as the specification says.
	 */
	String effective(Cvss4Metric metric) {
		String value = value(metric);
		if ("X".equals(value)) {
			switch (metric) {
				case E:
					return "A";
				case CR:
				case IR:
				case AR:
					return "H";
				default:
					return value;
			}
		}
		if (metric.group() == Group.BASE) {
			String modified = value(Cvss4Metric.valueOf("M" + metric.name()));
			if (!"X".equals(modified)) {
				return modified;
			}
		}
		return value;
	}

	/** The CVSS-B, -BT, -BE or -BTE score. */
	@Override
	public BigDecimal score() {
		return BigDecimal.valueOf(tenths, 1);
	}

	public Cvss4Nomenclature nomenclature() {
		boolean threat = values.keySet().stream().anyMatch(metric -> metric.group() == Group.THREAT);
		boolean environmental = values.keySet().stream().anyMatch(metric -> metric.group() == Group.ENVIRONMENTAL);
		return Cvss4Nomenclature.of(threat, environmental);
	}

	/** The six equivalence-class levels EQ1…EQ6 ("000000" is the most severe). */
	public String macroVector() {
		return macroVector;
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof Cvss4Vector that && values.equals(that.values);
	}

	@Override
	public int hashCode() {
		return values.hashCode();
	}

	@Override
	public String toString() {
		return VectorReader.write(PREFIX, values);
	}
}
