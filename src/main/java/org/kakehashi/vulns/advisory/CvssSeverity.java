package org.kakehashi.vulns.advisory;

import java.math.BigDecimal;

/** The qualitative severity rating scale shared by CVSS v3.x and v4.0. */
public enum CvssSeverity {

	NONE, LOW, MEDIUM, HIGH, CRITICAL;

	/** The rating the scale gives a score (0.0 none, 0.1–3.9 low, 4.0–6.9 medium, 7.0–8.9 high, 9.0–10.0 critical). */
	public static CvssSeverity of(BigDecimal score) {
		if (score.signum() == 0) {
			return NONE;
		}
		if (score.compareTo(new BigDecimal("4.0")) < 0) {
			return LOW;
		}
		if (score.compareTo(new BigDecimal("7.0")) < 0) {
			return MEDIUM;
		}
		return score.compareTo(new BigDecimal("9.0")) < 0 ? HIGH : CRITICAL;
	}
}
