package org.kakehashi.identity.web;

import java.net.URI;

import jakarta.servlet.http.HttpServletRequest;

import org.jspecify.annotations.Nullable;
import org.kakehashi.identity.KakehashiUser;
import org.kakehashi.identity.internal.Users;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Switches the language (the locale interceptor has already set the cookie from {@code ?lang=}) and
 * remembers it on the account, then returns to the page the user came from.
 */
@Controller
class LanguageController {

	private final Users users;

	LanguageController(Users users) {
		this.users = users;
	}

	@GetMapping("/language")
	String switchLanguage(@RequestParam String lang, @AuthenticationPrincipal @Nullable Object principal,
			HttpServletRequest request) {
		if (principal instanceof KakehashiUser user && ("ja".equals(lang) || "en".equals(lang))) {
			users.setLocale(user.id(), lang);
		}
		return "redirect:" + sameOriginPath(request.getHeader("Referer"));
	}

	/** Only a path on this site, never an open redirect to someone else's. */
	static String sameOriginPath(@Nullable String referer) {
		if (referer == null) {
			return "/";
		}
		try {
			var uri = URI.create(referer);
			var path = uri.getRawPath();
			if (path == null || !path.startsWith("/") || path.startsWith("//") || path.startsWith("/language")) {
				return "/";
			}
			var query = uri.getRawQuery();
			return query == null ? path : path + "?" + query.replaceAll("(^|&)lang=[^&]*", "");
		} catch (IllegalArgumentException e) {
			return "/";
		}
	}
}
