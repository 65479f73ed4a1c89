package org.kakehashi.reporting.clocks;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.kakehashi.identity.DashboardCards;
import org.kakehashi.identity.KakehashiUser;
import org.kakehashi.identity.OrganisationType;
import org.kakehashi.identity.Role;
import org.kakehashi.reporting.internal.Viewers;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Start-page cards: reports with an overdue obligation (urgent) and reports with one due within 24 hours, for
 * reporters and organisation administrators over their own reports, and for ministry and centre analysts over
 * the reports they can see. Cards with nothing to count are left out.
 */
@Component
class ClockCards implements DashboardCards {

	static final Duration SOON = Duration.ofHours(24);

	private final ClockDao dao;
	private final Viewers viewers;
	private final Clock clock;

	ClockCards(ClockDao dao, Viewers viewers, Clock clock) {
		this.dao = dao;
		this.viewers = viewers;
		this.clock = clock;
	}

	@Override
	@Transactional(readOnly = true)
	public List<Card> cards(KakehashiUser user) {
		var viewer = viewers.of(user);
		// Administrators of a ministry or the centre administer people, not reports: the analysts get the cards.
		var ownReports = viewer.reporter() || viewer.has(Role.ORG_ADMIN) && !viewer.is(OrganisationType.SECTOR_MINISTRY)
				&& !viewer.is(OrganisationType.NATIONAL_CENTRE);
		if (!(ownReports || viewer.ministryStaff() || viewer.centreAnalyst())) {
			return List.of();
		}
		var now = Instant.now(clock);
		var counts = dao.counts(viewer, now, now.plus(SOON));
		var cards = new ArrayList<Card>();
		if (counts[0] > 0) {
			cards.add(new Card("reports-overdue", "clocks.card.overdue", "/reports?clock=overdue", counts[0], true));
		}
		if (counts[1] > 0) {
			cards.add(new Card("reports-due-soon", "clocks.card.due-soon", "/reports?clock=due-soon", counts[1], false));
		}
		return cards;
	}
}
