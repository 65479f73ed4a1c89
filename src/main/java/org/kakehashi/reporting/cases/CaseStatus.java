package org.kakehashi.reporting.cases;

/** A coordination case is open until someone closes it with a summary; it can be reopened. */
public enum CaseStatus {
	OPEN, CLOSED
}
