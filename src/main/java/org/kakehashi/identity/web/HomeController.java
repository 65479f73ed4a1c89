package org.kakehashi.identity.web;

import java.util.List;

import org.kakehashi.identity.DashboardCards;
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
	private final List<DashboardCards> contributors;

	HomeController(Users users, List<DashboardCards> contributors) {
		this.users = users;
		this.contributors = contributors;
	}

	@GetMapping("/")
	String home(@AuthenticationPrincipal KakehashiUser user, Model model) {
		model.addAttribute("account", users.byId(user.id()).orElseThrow());
		model.addAttribute("cards", contributors.stream().flatMap(c -> c.cards(user).stream()).toList());
		return "home";
	}
}
