package org.kakehashi.identity.web;

import org.kakehashi.identity.internal.OidcProviders;
import org.kakehashi.identity.security.SignInState;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

@Controller
class SignInController {

	private final OidcProviders oidcProviders;

	SignInController(OidcProviders oidcProviders) {
		this.oidcProviders = oidcProviders;
	}

	@GetMapping("/login")
	String login(Model model) {
		var authentication = SecurityContextHolder.getContext().getAuthentication();
		if (SignInState.is(authentication, SignInState.COMPLETE)) {
			return "redirect:/";
		}
		model.addAttribute("oidcProviders", oidcProviders.enabled());
		return "identity/login";
	}
}
