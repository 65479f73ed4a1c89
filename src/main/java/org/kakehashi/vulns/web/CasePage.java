package org.kakehashi.vulns.web;

import org.kakehashi.platform.InvalidFields;
import org.kakehashi.vulns.internal.Participation;
import org.kakehashi.vulns.internal.VulnCase;
import org.springframework.ui.Model;

/**
 * What the vulnerability pages share: the top of every page of one case (number, title, state, the embargo, the case's
 * tabs), and form problems as templates read them.
 */
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

	/** The first problem of each field, for templates: {@code #messages.msgWithParams(p.messageKey, p.args)}. */
	static java.util.Map<String, InvalidFields.Problem> errors(InvalidFields e) {
		var map = new java.util.LinkedHashMap<String, InvalidFields.Problem>();
		e.problems().forEach(p -> map.putIfAbsent(p.field(), p));
		return map;
	}
}
