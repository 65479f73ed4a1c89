package org.kakehashi.identity.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.kakehashi.identity.KakehashiUser;
import org.kakehashi.identity.internal.Users;
import org.kakehashi.identity.security.SecondFactors;
import org.kakehashi.identity.security.SignInSessions;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The second step of a sign-in, reachable only with the password accepted and a second factor on file. */
@Controller
class SecondFactorController {

	private final Users users;
	private final SecondFactors secondFactors;
	private final SignInSessions sessions;

	SecondFactorController(Users users, SecondFactors secondFactors, SignInSessions sessions) {
		this.users = users;
		this.secondFactors = secondFactors;
		this.sessions = sessions;
	}

	@GetMapping("/login/second-factor")
	String form(@AuthenticationPrincipal KakehashiUser user, Model model) {
		var account = users.byId(user.id()).orElseThrow();
		model.addAttribute("account", account);
		return "identity/second-factor";
	}

	@PostMapping("/login/second-factor")
	String verify(@AuthenticationPrincipal KakehashiUser user, @RequestParam(defaultValue = "") String code, Model model,
			HttpServletRequest request, HttpServletResponse response) {
		var account = users.byId(user.id()).orElseThrow();
		var outcome = secondFactors.verifySignIn(account, code.length() > 64 ? "" : code);
		if (outcome.succeeded()) {
			sessions.complete(account.principal(), request, response);
			return "redirect:/";
		}
		if (outcome == SecondFactors.Outcome.LOCKED) {
			sessions.signOut(request);
			return "redirect:/login?error=locked";
		}
		model.addAttribute("account", account);
		model.addAttribute("codeError", "second-factor.wrong-code");
		return "identity/second-factor";
	}
}
