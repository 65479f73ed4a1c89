package org.kakehashi.reporting;

/** The event types of the Action Plan's reporting form; a report may name several. */
public enum EventType {
	/** 情報の漏えい */
	LEAK,
	/** 情報の破壊 */
	DESTRUCTION,
	/** システム等の利用困難 */
	UNAVAILABILITY,
	/** マルウェア等の感染 */
	MALWARE,
	/** 不正コード等の実行 */
	CODE_EXECUTION,
	/** システム等への侵入 */
	INTRUSION,
	/** その他 */
	OTHER
}
