package org.kakehashi.warnings.web;

import org.kakehashi.identity.KakehashiUser;
import org.kakehashi.identity.SignedInPageModel;
import org.kakehashi.warnings.internal.WarningLists;
import org.kakehashi.warnings.internal.WarningViewer;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.ModelAndView;

/**
 * The count of unread, unacknowledged warnings beside "Warnings" in the navigation of every rendered page; the live
 * stream keeps it current afterwards.
 */
@Configuration(proxyBeanMethods = false)
class ReceivedWarningsNavigation extends SignedInPageModel {

	private final WarningLists lists;

	ReceivedWarningsNavigation(WarningLists lists) {
		this.lists = lists;
	}

	@Override
	protected void addTo(ModelAndView view, KakehashiUser user) {
		view.addObject("navWarningsUnread", lists.unread(WarningViewer.of(user)));
	}
}
