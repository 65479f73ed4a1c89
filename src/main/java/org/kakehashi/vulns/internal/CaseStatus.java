package org.kakehashi.vulns.internal;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where a vulnerability case stands in the Japanese scheme, and — in {@link #next(CaseKind)} and
 * {@link #closingOutcomes(CaseKind)} — the one table of moves a coordinator may make from here. Everything else
 * (service, pages, API) asks this enum. A web-site case has no publication: once its operator is told
 * ({@link #VENDOR_CONTACTED}), it closes with the operator's answer.
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
	/** The vendor (or the site operator) was contacted; the first contact's date (起算日) is recorded. */
	VENDOR_CONTACTED,
	/** The publication date and time, with its zone, is agreed (and may be agreed anew). */
	DATE_AGREED,
	/** 公表: the advisory is out. */
	PUBLISHED,
	/** Finished, with an {@link Outcome}. */
	CLOSED;

	/** The states a coordinator may move a case of this kind to from this one. */
	public Set<CaseStatus> next(CaseKind kind) {
		if (kind == CaseKind.WEBSITE && this == VENDOR_CONTACTED) {
			return EnumSet.of(CLOSED);
		}
		return switch (this) {
			case RECEIVED -> EnumSet.of(CHECKING);
			case CHECKING -> EnumSet.of(ACCEPTED, NOT_ACCEPTED);
			case ACCEPTED -> EnumSet.of(VENDOR_CONTACTED, CLOSED);
			case NOT_ACCEPTED -> EnumSet.of(CLOSED);
			case VENDOR_CONTACTED -> EnumSet.of(DATE_AGREED, CLOSED);
			// A vendor asking for more time means a new date: agreed again, recorded again.
			case DATE_AGREED -> EnumSet.of(DATE_AGREED, PUBLISHED, CLOSED);
			case PUBLISHED -> EnumSet.of(CLOSED);
			case CLOSED -> EnumSet.noneOf(CaseStatus.class);
		};
	}

	/**
	 * The outcomes a case may be closed with from this state: a refused case closes as 不受理, a published one as
	 * JVN publication, a product case still with the vendor as 個別対応 or 脆弱性ではない; a web-site case with what
	 * its operator did (fixed, page removed, workaround), as not a vulnerability, or with the operator unreachable.
	 */
	public Set<Outcome> closingOutcomes(CaseKind kind) {
		if (kind == CaseKind.WEBSITE) {
			return switch (this) {
				case NOT_ACCEPTED -> EnumSet.of(Outcome.NOT_ACCEPTED);
				case ACCEPTED -> EnumSet.of(Outcome.NOT_A_VULNERABILITY, Outcome.OPERATOR_UNREACHABLE);
				case VENDOR_CONTACTED -> EnumSet.of(Outcome.FIXED, Outcome.PAGE_REMOVED, Outcome.WORKAROUND,
						Outcome.NOT_A_VULNERABILITY, Outcome.OPERATOR_UNREACHABLE);
				default -> EnumSet.noneOf(Outcome.class);
			};
		}
		return switch (this) {
			case NOT_ACCEPTED -> EnumSet.of(Outcome.NOT_ACCEPTED);
			case PUBLISHED -> EnumSet.of(Outcome.JVN_PUBLICATION);
			case ACCEPTED, VENDOR_CONTACTED, DATE_AGREED -> EnumSet.of(Outcome.PRIVATE_HANDLING, Outcome.NOT_A_VULNERABILITY);
			default -> EnumSet.noneOf(Outcome.class);
		};
	}

	public boolean allows(CaseKind kind, CaseStatus to) {
		return next(kind).contains(to);
	}

	/** Open: still being worked on (closed and refused cases are not). */
	public boolean open() {
		return this != CLOSED && this != NOT_ACCEPTED;
	}

	/** Vendors may be invited and speak: from acceptance until the case is closed. */
	public boolean coordinating() {
		return this == ACCEPTED || this == VENDOR_CONTACTED || this == DATE_AGREED || this == PUBLISHED;
	}
}
