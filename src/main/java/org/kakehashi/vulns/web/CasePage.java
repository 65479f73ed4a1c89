package org.kakehashi.vulns.web;

import org.kakehashi.vulns.internal.Participation;
import org.kakehashi.vulns.internal.VulnCase;
import org.springframework.ui.Model;

/** What every page of one case shows at its top: number, title, state, the embargo, and the case's tabs. */
final class CasePage {

	private CasePage() {
	}

	static void header(Model model, VulnCase found, Participation participation, String base, String tab) {
		model.addAttribute("c", found);
		model.addAttribute("participation", participation);
		model.addAttribute("coordinator", participation.coordinator());
		model.addAttribute("base", base);
		model.addAttribute("tab", tab);
	}
}
