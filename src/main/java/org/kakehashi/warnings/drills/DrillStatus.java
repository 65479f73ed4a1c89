package org.kakehashi.warnings.drills;

/** A drill is prepared, running (organisations confirm and forward), or closed (the report is final). */
public enum DrillStatus {
	PLANNED, RUNNING, CLOSED
}
