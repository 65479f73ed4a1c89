package org.kakehashi.identity.web;

import org.kakehashi.identity.KakehashiUser;
import org.kakehashi.identity.internal.Users;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The signed-in user's start page: who they are and what they can do here. */
@Controller
class HomeController {

	private final Users users;

	HomeController(Users users) {
		this.users = users;
	}

	@GetMapping("/")
	String home(@AuthenticationPrincipal KakehashiUser user, Model model) {
		model.addAttribute("account", users.byId(user.id()).orElseThrow());
		return "home";
	}
}
