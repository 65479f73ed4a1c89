package org.kakehashi.sharing.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.jspecify.annotations.Nullable;
import org.kakehashi.identity.KakehashiUser;
import org.kakehashi.sharing.internal.Inbox;
import org.kakehashi.sharing.internal.SharedItems;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The unread count beside "Inbox" in the navigation of every page. Added only when a page is rendered (not for
 * API calls, redirects or fragments), for fully signed-in users; the live stream keeps it current afterwards.
 */
@Configuration(proxyBeanMethods = false)
class InboxNavigation implements WebMvcConfigurer, HandlerInterceptor {

	private final Inbox inbox;
	private final SharedItems items;

	InboxNavigation(Inbox inbox, SharedItems items) {
		this.inbox = inbox;
		this.items = items;
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		registry.addInterceptor(this).excludePathPatterns("/api/**", "/public/**", "/css/**", "/js/**", "/webjars/**");
	}

	@Override
	public void postHandle(HttpServletRequest request, HttpServletResponse response, Object handler,
			@Nullable ModelAndView view) {
		if (view == null || view.getViewName() == null || view.getViewName().startsWith("redirect:")
				|| view.getViewName().contains("::") || request.getHeader("HX-Request") != null) {
			return;
		}
		var authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication != null && authentication.getPrincipal() instanceof KakehashiUser user
				&& authentication.getAuthorities().stream().anyMatch(a -> "SIGNED_IN".equals(a.getAuthority()))) {
			view.addObject("navInboxUnread", inbox.unreadCount(items.viewer(user)));
		}
	}
}
