package org.kakehashi.identity.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.kakehashi.identity.KakehashiUser;
import org.kakehashi.identity.internal.Users;
import org.kakehashi.identity.security.SecondFactors;
import org.kakehashi.identity.security.SignInSessions;
import org.kakehashi.identity.security.SignInState;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Setting up an authenticator app, either by choice from the account page or because the user's role or
 * organisation demands it before anything else opens. The recovery codes are shown exactly once, on the
 * page after, from a flash attribute.
 */
@Controller
class EnrolmentController {

	private final Users users;
	private final SecondFactors secondFactors;
	private final SignInSessions sessions;

	EnrolmentController(Users users, SecondFactors secondFactors, SignInSessions sessions) {
		this.users = users;
		this.secondFactors = secondFactors;
		this.sessions = sessions;
	}

	@GetMapping("/account/second-factor/enrol")
	String form(@AuthenticationPrincipal KakehashiUser user, Model model) {
		var account = users.byId(user.id()).orElseThrow();
		var enrolment = secondFactors.startEnrolment(account);
		if (enrolment.isEmpty()) {
			return "redirect:/account";
		}
		model.addAttribute("enrolment", enrolment.get());
		return "identity/enrol";
	}

	@PostMapping("/account/second-factor/enrol")
	String confirm(@AuthenticationPrincipal KakehashiUser user, Authentication authentication,
			@RequestParam(defaultValue = "") String code, Model model, RedirectAttributes redirect,
			HttpServletRequest request, HttpServletResponse response) {
		var account = users.byId(user.id()).orElseThrow();
		var codes = secondFactors.confirmEnrolment(account, code);
		if (codes.isEmpty()) {
			var pending = secondFactors.pendingEnrolment(account);
			if (pending.isEmpty()) {
				return "redirect:/account";
			}
			model.addAttribute("enrolment", pending.get());
			model.addAttribute("codeError", "enrol.wrong-code");
			return "identity/enrol";
		}
		if (SignInState.is(authentication, SignInState.ENROLMENT_REQUIRED)) {
			sessions.complete(account.principal(), request, response);
			secondFactors.enrolmentCompletedSignIn(account);
		}
		redirect.addFlashAttribute("recoveryCodes", codes.get());
		redirect.addFlashAttribute("notice", "enrol.done");
		return "redirect:/account/recovery-codes";
	}

	@GetMapping("/account/recovery-codes")
	String recoveryCodes(Model model) {
		// Codes arrive only as a flash attribute straight after they were made: a reload shows nothing secret.
		return model.containsAttribute("recoveryCodes") ? "identity/recovery-codes" : "redirect:/account";
	}
}
