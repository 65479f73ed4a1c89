package org.kakehashi.sharing.web;

import org.kakehashi.identity.KakehashiUser;
import org.kakehashi.identity.SignedInPageModel;
import org.kakehashi.sharing.internal.Inbox;
import org.kakehashi.sharing.internal.SharedItems;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.ModelAndView;

/**
 * The unread count beside "Inbox" in the navigation of every rendered page; the live stream keeps it current
 * afterwards.
 */
@Configuration(proxyBeanMethods = false)
class InboxNavigation extends SignedInPageModel {

	private final Inbox inbox;
	private final SharedItems items;

	InboxNavigation(Inbox inbox, SharedItems items) {
		this.inbox = inbox;
		this.items = items;
	}

	@Override
	protected void addTo(ModelAndView view, KakehashiUser user) {
		view.addObject("navInboxUnread", inbox.unreadCount(items.viewer(user)));
	}
}
