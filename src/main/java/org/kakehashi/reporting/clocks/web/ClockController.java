package org.kakehashi.reporting.clocks.web;

import java.util.UUID;

import org.kakehashi.identity.KakehashiUser;
import org.kakehashi.reporting.clocks.ReportClocks;
import org.kakehashi.reporting.internal.Viewers;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/** A report's clock panel on its own, for htmx to refresh on the report page; 404 when the report is not visible. */
@Controller
class ClockController {

	private final ReportClocks clocks;
	private final Viewers viewers;

	ClockController(ReportClocks clocks, Viewers viewers) {
		this.clocks = clocks;
		this.viewers = viewers;
	}

	@GetMapping("/reports/{id}/clocks")
	String panel(@AuthenticationPrincipal KakehashiUser user, @PathVariable UUID id, Model model) {
		model.addAttribute("clocks", clocks.forReport(viewers.of(user), id));
		return "reporting/clocks :: panel(clocks=${clocks})";
	}
}
