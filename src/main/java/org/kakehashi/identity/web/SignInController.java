package org.kakehashi.identity.web;

import org.kakehashi.identity.security.SignInState;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

@Controller
class SignInController {

	@GetMapping("/login")
	String login() {
		var authentication = SecurityContextHolder.getContext().getAuthentication();
		if (SignInState.is(authentication, SignInState.COMPLETE)) {
			return "redirect:/";
		}
		return "identity/login";
	}
}
