package org.kakehashi.vulns.internal;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where a vulnerability case stands in the Japanese scheme, and — in {@link #next()} and {@link #closingOutcomes()}
 * — the one table of moves a coordinator may make from here. Everything else (service, pages, API) asks this enum.
 */
public enum CaseStatus {

	/** 受付: the finder filed it. */
	RECEIVED,
	/** 確認: the coordinator checks it is complete and not already known. */
	CHECKING,
	/** 受理: taken on; the finder is told. */
	ACCEPTED,
	/** 不受理: not taken on, with a reason the finder sees. */
	NOT_ACCEPTED,
	/** The vendor was contacted; the first contact's date (起算日) is recorded. */
	VENDOR_CONTACTED,
	/** The publication date and time, with its zone, is agreed. */
	DATE_AGREED,
	/** 公表: the advisory is out. */
	PUBLISHED,
	/** Finished, with an {@link Outcome}. */
	CLOSED;

	/** The states a coordinator may move a case to from this one. */
	public Set<CaseStatus> next() {
		return switch (this) {
			case RECEIVED -> EnumSet.of(CHECKING);
			case CHECKING -> EnumSet.of(ACCEPTED, NOT_ACCEPTED);
			case ACCEPTED -> EnumSet.of(VENDOR_CONTACTED, CLOSED);
			case NOT_ACCEPTED -> EnumSet.of(CLOSED);
			case VENDOR_CONTACTED -> EnumSet.of(DATE_AGREED, CLOSED);
			case DATE_AGREED -> EnumSet.of(PUBLISHED, CLOSED);
			case PUBLISHED -> EnumSet.of(CLOSED);
			case CLOSED -> EnumSet.noneOf(CaseStatus.class);
		};
	}

	/**
	 * The outcomes a case may be closed with from this state: a refused case closes as 不受理, a published one as
	 * JVN publication, a case still with the vendor as 個別対応 or 脆弱性ではない.
	 */
	public Set<Outcome> closingOutcomes() {
		return switch (this) {
			case NOT_ACCEPTED -> EnumSet.of(Outcome.NOT_ACCEPTED);
			case PUBLISHED -> EnumSet.of(Outcome.JVN_PUBLICATION);
			case ACCEPTED, VENDOR_CONTACTED, DATE_AGREED -> EnumSet.of(Outcome.PRIVATE_HANDLING, Outcome.NOT_A_VULNERABILITY);
			default -> EnumSet.noneOf(Outcome.class);
		};
	}

	public boolean allows(CaseStatus to) {
		return next().contains(to);
	}
}
