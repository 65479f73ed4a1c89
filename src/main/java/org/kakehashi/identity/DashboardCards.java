package org.kakehashi.identity;

import java.util.List;

/**
 * What a module puts on the signed-in user's start page: counts that need their attention (overdue reports,
 * unread warnings) with a link. The identity module owns the page; other modules contribute beans.
 */
public interface DashboardCards {

	/**
	 * One card. {@code labelKey} is a message key taking the count as its argument; {@code urgent} draws the
	 * card as a badge that asks for action.
	 */
	record Card(String id, String labelKey, String href, long count, boolean urgent) {
	}

	List<Card> cards(KakehashiUser user);
}
