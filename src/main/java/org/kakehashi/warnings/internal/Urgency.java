package org.kakehashi.warnings.internal;

/** How fast recipients must act; decides reminder and escalation deadlines. */
public enum Urgency {
	CRITICAL, HIGH, MEDIUM, LOW
}
