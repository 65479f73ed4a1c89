package org.kakehashi.vulns.web;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

import org.jspecify.annotations.Nullable;
import org.kakehashi.identity.KakehashiUser;
import org.kakehashi.vulns.internal.CaseViewer;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Gives handlers a {@link CaseViewer}: under {@code /public/vulns/} the holder of personal links (the key hashes
 * opened in this session, nothing else — a signed-in user there is treated the same), anywhere else the signed-in
 * user. Case pages exist under both prefixes; {@link #base} gives the one a page links within.
 */
@Configuration(proxyBeanMethods = false)
class CaseViewers implements WebMvcConfigurer {

	static final String PUBLIC_PREFIX = "/public/vulns/";
	static final String KEYS = "vulns.access-keys";
	/** A session keeps at most this many opened links (the oldest go first). */
	static final int KEYS_MAX = 50;

	@Override
	public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
		resolvers.add(new HandlerMethodArgumentResolver() {
			@Override
			public boolean supportsParameter(MethodParameter parameter) {
				return parameter.getParameterType() == CaseViewer.class;
			}

			@Override
			public Object resolveArgument(MethodParameter parameter, @Nullable ModelAndViewContainer mav,
					NativeWebRequest request, @Nullable WebDataBinderFactory binders) {
				return viewer(request.getNativeRequest(HttpServletRequest.class));
			}
		});
	}

	static CaseViewer viewer(HttpServletRequest request) {
		if (viaLink(request)) {
			return CaseViewer.withKeys(keys(request.getSession(false)));
		}
		var authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication != null && authentication.getPrincipal() instanceof KakehashiUser user) {
			return CaseViewer.of(user);
		}
		// Outside /public the security chain admits only signed-in users; this is never reached there.
		return CaseViewer.withKeys(List.of());
	}

	static boolean viaLink(HttpServletRequest request) {
		return request.getRequestURI().substring(request.getContextPath().length()).startsWith(PUBLIC_PREFIX);
	}

	/** Where the pages of one case live for this request: {@code /vulns/{id}} or {@code /public/vulns/cases/{id}}. */
	static String base(HttpServletRequest request, UUID caseId) {
		return (viaLink(request) ? "/public/vulns/cases/" : "/vulns/") + caseId;
	}

	@SuppressWarnings("unchecked")
	static List<String> keys(@Nullable HttpSession session) {
		if (session == null || !(session.getAttribute(KEYS) instanceof List<?> list)) {
			return List.of();
		}
		return List.copyOf((List<String>) list);
	}

	/** Remembers an opened link's key hash in the session (a fresh list: the session store sees the change). */
	static void remember(HttpSession session, String keyHash) {
		var keys = new ArrayList<>(keys(session));
		keys.remove(keyHash);
		keys.add(keyHash);
		while (keys.size() > KEYS_MAX) {
			keys.remove(0);
		}
		session.setAttribute(KEYS, keys);
	}
}
