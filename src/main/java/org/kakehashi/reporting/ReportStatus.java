package org.kakehashi.reporting;

/** draft → submitted (initial) → updated (any number of times) → final. */
public enum ReportStatus {

	DRAFT, SUBMITTED, UPDATED, FINAL;

	public boolean submitted() {
		return this != DRAFT;
	}
}
