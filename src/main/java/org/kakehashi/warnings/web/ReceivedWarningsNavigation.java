package org.kakehashi.warnings.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.jspecify.annotations.Nullable;
import org.kakehashi.identity.KakehashiUser;
import org.kakehashi.warnings.internal.WarningLists;
import org.kakehashi.warnings.internal.WarningViewer;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The count of unread, unacknowledged warnings beside "Warnings" in the navigation of every rendered page (not
 * API calls, redirects or fragments), for fully signed-in users; the live stream keeps it current afterwards.
 */
@Configuration(proxyBeanMethods = false)
class ReceivedWarningsNavigation implements WebMvcConfigurer, HandlerInterceptor {

	private final WarningLists lists;

	ReceivedWarningsNavigation(WarningLists lists) {
		this.lists = lists;
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
			view.addObject("navWarningsUnread", lists.unread(WarningViewer.of(user)));
		}
	}
}
