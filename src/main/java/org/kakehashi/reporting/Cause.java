package org.kakehashi.reporting;

/** Causes of an event; a report may name several. */
public enum Cause {
	/** 意図的 */
	INTENTIONAL,
	/** 偶発的 */
	ACCIDENTAL,
	/** 環境的 */
	ENVIRONMENTAL,
	/** その他 */
	OTHER
}
