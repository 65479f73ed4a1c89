package org.kakehashi.reporting.clocks;

/** Where a clock stands at a moment. */
public enum ClockState {
	/** A submission met the milestone (perhaps late: see {@link RegulatoryClock#metLate()}). */
	MET,
	/** Running, with more than the warning margin left. */
	OPEN,
	/** Running, inside the warning margin before the due time. */
	NEARLY_DUE,
	/** Past the due time and not met. */
	OVERDUE
}
