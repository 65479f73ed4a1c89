package org.kakehashi.reporting;

/** What happened: an incident, a failure (障害), or a near miss / precursor (予兆・ヒヤリハット). */
public enum ReportKind {

	INCIDENT("INC"), FAILURE("FLR"), NEAR_MISS("NM");

	private final String prefix;

	ReportKind(String prefix) {
		this.prefix = prefix;
	}

	/** Prefix of the human report number: {@code INC-2026-000123}. */
	public String prefix() {
		return prefix;
	}
}
