package org.kakehashi.warnings.internal;

/** DRAFT → IN_REVIEW → APPROVED → PUBLISHED → WITHDRAWN; without required review DRAFT → PUBLISHED. */
public enum WarningStatus {
	DRAFT, IN_REVIEW, APPROVED, PUBLISHED, WITHDRAWN;

	public boolean editable() {
		return this == DRAFT || this == IN_REVIEW || this == APPROVED;
	}

	public boolean published() {
		return this == PUBLISHED || this == WITHDRAWN;
	}
}
