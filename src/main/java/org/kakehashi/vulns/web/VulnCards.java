package org.kakehashi.vulns.web;

import java.util.ArrayList;
import java.util.List;

import org.kakehashi.identity.DashboardCards;
import org.kakehashi.identity.KakehashiUser;
import org.kakehashi.vulns.internal.CaseViewer;
import org.kakehashi.vulns.internal.VulnCases;
import org.springframework.stereotype.Component;

/**
 * Start-page counts: for coordinators the reports waiting to be checked and advisories whose agreed moment passed
 * unpublished; for a vendor's PSIRT the cases still waiting for its answer.
 */
@Component
class VulnCards implements DashboardCards {

	private final VulnCases cases;

	VulnCards(VulnCases cases) {
		this.cases = cases;
	}

	@Override
	public List<Card> cards(KakehashiUser user) {
		var viewer = CaseViewer.of(user);
		var attention = cases.attention(viewer);
		var cards = new ArrayList<Card>();
		if (viewer.coordinator()) {
			cards.add(new Card("vulns-received", "vulns.card.received", "/vulns?status=RECEIVED", attention.received(),
					attention.received() > 0));
			if (attention.overdue() > 0) {
				cards.add(new Card("vulns-overdue", "vulns.card.overdue", "/vulns?status=DATE_AGREED", attention.overdue(), true));
			}
		}
		if (attention.awaitingAnswer() > 0) {
			cards.add(new Card("vulns-awaiting", "vulns.card.awaiting", "/vulns", attention.awaitingAnswer(), true));
		}
		return cards;
	}
}
