package org.kakehashi.vulns.cvss;

/** Which metric groups a CVSS v4.0 score took into account, as the specification names it. */
public enum Cvss4Nomenclature {

	/** Base metrics only. */
	CVSS_B("CVSS-B"),
	/** Base and threat metrics. */
	CVSS_BT("CVSS-BT"),
	/** Base and environmental metrics. */
	CVSS_BE("CVSS-BE"),
	/** Base, threat and environmental metrics. */
	CVSS_BTE("CVSS-BTE");

	private final String label;

	Cvss4Nomenclature(String label) {
		this.label = label;
	}

	public String label() {
		return label;
	}

	static Cvss4Nomenclature of(boolean threat, boolean environmental) {
		if (threat) {
			return environmental ? CVSS_BTE : CVSS_BT;
		}
		return environmental ? CVSS_BE : CVSS_B;
	}
}
