package org.kakehashi.vulns.cvss;

import java.math.BigDecimal;

/** The qualitative severity rating scale, the same in CVSS v3.x and v4.0. */
public enum CvssSeverity {

	NONE("None"), LOW("Low"), MEDIUM("Medium"), HIGH("High"), CRITICAL("Critical");

	private final String label;

	CvssSeverity(String label) {
		this.label = label;
	}

	/** The rating's name as the specifications write it ("Critical"); CSAF and CVE records use it upper-cased. */
	public String label() {
		return label;
	}

	/** None 0.0, Low 0.1–3.9, Medium 4.0–6.9, High 7.0–8.9, Critical 9.0–10.0. */
	public static CvssSeverity of(BigDecimal score) {
		if (score.signum() < 0 || score.compareTo(BigDecimal.TEN) > 0) {
			throw new IllegalArgumentException("a CVSS score lies between 0.0 and 10.0, not " + score);
		}
		int tenths = score.movePointRight(1).intValue();
		if (tenths == 0) {
			return NONE;
		}
		if (tenths < 40) {
			return LOW;
		}
		if (tenths < 70) {
			return MEDIUM;
		}
		if (tenths < 90) {
			return HIGH;
		}
		return CRITICAL;
	}
}
