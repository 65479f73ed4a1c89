package org.kakehashi.vulns.cvss;

import java.util.List;

/** CVSS v4.0 metrics in the order the specification fixes for the vector string. */
public enum Cvss4Metric implements CvssMetric {

	// Base
	AV(Group.BASE, "N", "A", "L", "P"), AC(Group.BASE, "L", "H"), AT(Group.BASE, "N", "P"),
	PR(Group.BASE, "N", "L", "H"), UI(Group.BASE, "N", "P", "A"),
	VC(Group.BASE, "H", "L", "N"), VI(Group.BASE, "H", "L", "N"), VA(Group.BASE, "H", "L", "N"),
	SC(Group.BASE, "H", "L", "N"), SI(Group.BASE, "H", "L", "N"), SA(Group.BASE, "H", "L", "N"),
	// Threat
	E(Group.THREAT, "X", "A", "P", "U"),
	// Environmental
	CR(Group.ENVIRONMENTAL, "X", "H", "M", "L"), IR(Group.ENVIRONMENTAL, "X", "H", "M", "L"),
	AR(Group.ENVIRONMENTAL, "X", "H", "M", "L"),
	MAV(Group.ENVIRONMENTAL, "X", "N", "A", "L", "P"), MAC(Group.ENVIRONMENTAL, "X", "L", "H"),
	MAT(Group.ENVIRONMENTAL, "X", "N", "P"), MPR(Group.ENVIRONMENTAL, "X", "N", "L", "H"),
	MUI(Group.ENVIRONMENTAL, "X", "N", "P", "A"),
	MVC(Group.ENVIRONMENTAL, "X", "H", "L", "N"), MVI(Group.ENVIRONMENTAL, "X", "H", "L", "N"),
	MVA(Group.ENVIRONMENTAL, "X", "H", "L", "N"), MSC(Group.ENVIRONMENTAL, "X", "H", "L", "N"),
	MSI(Group.ENVIRONMENTAL, "X", "S", "H", "L", "N"), MSA(Group.ENVIRONMENTAL, "X", "S", "H", "L", "N"),
	// Supplemental: carried in the vector, never part of the score
	S(Group.SUPPLEMENTAL, "X", "N", "P"), AU(Group.SUPPLEMENTAL, "X", "N", "Y"),
	R(Group.SUPPLEMENTAL, "X", "A", "U", "I"), V(Group.SUPPLEMENTAL, "X", "D", "C"),
	RE(Group.SUPPLEMENTAL, "X", "L", "M", "H"), U(Group.SUPPLEMENTAL, "X", "Clear", "Green", "Amber", "Red");

	public enum Group {
		BASE, THREAT, ENVIRONMENTAL, SUPPLEMENTAL
	}

	private final Group group;
	private final List<String> values;

	Cvss4Metric(Group group, String... values) {
		this.group = group;
		this.values = List.of(values);
	}

	public Group group() {
		return group;
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
		return group == Group.BASE;
	}
}
