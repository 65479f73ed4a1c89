package org.kakehashi.vulns.cvss;

import java.util.List;

/** CVSS v3.0/v3.1 metrics in the order of the specification's vector string table. */
public enum Cvss3Metric implements CvssMetric {

	// Base
	AV("N", "A", "L", "P"), AC("L", "H"), PR("N", "L", "H"), UI("N", "R"), S("U", "C"),
	C("H", "L", "N"), I("H", "L", "N"), A("H", "L", "N"),
	// Temporal
	E("X", "H", "F", "P", "U"), RL("X", "U", "W", "T", "O"), RC("X", "C", "R", "U"),
	// Environmental
	CR("X", "H", "M", "L"), IR("X", "H", "M", "L"), AR("X", "H", "M", "L"),
	MAV("X", "N", "A", "L", "P"), MAC("X", "L", "H"), MPR("X", "N", "L", "H"), MUI("X", "N", "R"),
	MS("X", "U", "C"), MC("X", "H", "L", "N"), MI("X", "H", "L", "N"), MA("X", "H", "L", "N");

	private final List<String> values;

	Cvss3Metric(String... values) {
		this.values = List.of(values);
	}

	@Override
	public String abbreviation() {
		return name();
	}

	@Override
	public List<String> allowedValues() {
		return values;
	}

	@Override
	public boolean mandatory() {
		return ordinal() <= A.ordinal();
	}

	public boolean temporal() {
		return this == E || this == RL || this == RC;
	}

	public boolean environmental() {
		return ordinal() >= CR.ordinal();
	}
}
