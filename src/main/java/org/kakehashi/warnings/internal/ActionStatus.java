package org.kakehashi.warnings.internal;

/** What a recipient organisation did about a warning. */
public enum ActionStatus {
	NOT_AFFECTED, MITIGATED, IN_PROGRESS, CANNOT_MITIGATE
}
