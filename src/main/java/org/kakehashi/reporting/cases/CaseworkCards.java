package org.kakehashi.reporting.cases;

import java.util.ArrayList;
import java.util.List;

import org.kakehashi.identity.DashboardCards;
import org.kakehashi.identity.KakehashiUser;
import org.kakehashi.reporting.internal.Viewers;
import org.springframework.stereotype.Component;

/** Home-page counts: unassigned and overdue triage for centre staff, open cases for everyone who works on cases. */
@Component
class CaseworkCards implements DashboardCards {

	private final Triage triage;
	private final Cases cases;
	private final Viewers viewers;

	CaseworkCards(Triage triage, Cases cases, Viewers viewers) {
		this.triage = triage;
		this.cases = cases;
		this.viewers = viewers;
	}

	@Override
	public List<Card> cards(KakehashiUser user) {
		var viewer = viewers.of(user);
		var cards = new ArrayList<Card>();
		if (viewer.centreAnalyst()) {
			var overdue = triage.count(viewer, Triage.Filter.OVERDUE);
			cards.add(new Card("triage-unassigned", "triage.card.unassigned", "/triage?filter=UNASSIGNED",
					triage.count(viewer, Triage.Filter.UNASSIGNED), overdue > 0));
			if (overdue > 0) {
				cards.add(new Card("triage-overdue", "triage.card.overdue", "/triage?filter=OVERDUE", overdue, true));
			}
		}
		if (Cases.caseWorker(viewer)) {
			cards.add(new Card("cases-open", "case.card.open", "/cases?status=OPEN", cases.openCases(viewer), false));
		}
		return cards;
	}
}
