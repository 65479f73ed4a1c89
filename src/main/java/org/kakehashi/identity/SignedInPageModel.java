package org.kakehashi.identity;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.jspecify.annotations.Nullable;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Adds what the layout shows on every page (unread counts beside the navigation) for a completely signed-in user:
 * only when a whole page is rendered — not for API calls, redirects, fragments or htmx requests. A module extends
 * it with a {@code @Configuration} class.
 */
public abstract class SignedInPageModel implements WebMvcConfigurer, HandlerInterceptor {

	/** Adds this module's attributes for {@code user} to the page about to be rendered. */
	protected abstract void addTo(ModelAndView view, KakehashiUser user);

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
			addTo(view, user);
		}
	}
}
