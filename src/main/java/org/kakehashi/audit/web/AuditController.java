package org.kakehashi.audit.web;

import java.time.LocalDate;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.kakehashi.audit.AuditLog;
import org.kakehashi.audit.AuditLog.AuditQuery;
import org.kakehashi.audit.internal.AuditStore;
import org.kakehashi.platform.KakehashiProperties;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The audit log for platform administrators (the web security configuration restricts {@code /admin/audit}):
 * filter, page through newest first, and verify the whole hash chain on demand.
 */
@Controller
@RequestMapping("/admin/audit")
class AuditController {

	static final int PAGE_SIZE = 50;

	private final AuditLog audit;
	private final AuditStore store;
	private final KakehashiProperties properties;

	AuditController(AuditLog audit, AuditStore store, KakehashiProperties properties) {
		this.audit = audit;
		this.store = store;
		this.properties = properties;
	}

	@GetMapping
	String list(@RequestParam(required = false) @Nullable String actor,
			@RequestParam(required = false) @Nullable UUID organisation,
			@RequestParam(required = false) @Nullable String action,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate from,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate to,
			@RequestParam(defaultValue = "0") int page, Model model) {
		// Dates are days in the platform's zone (Asia/Tokyo): "to" includes the whole of that day.
		var zone = properties.timeZone();
		var query = new AuditQuery(actor, organisation, action, from == null ? null : from.atStartOfDay(zone).toInstant(),
				to == null ? null : to.plusDays(1).atStartOfDay(zone).toInstant(), Math.max(0, page), PAGE_SIZE);
		model.addAttribute("result", audit.search(query));
		model.addAttribute("organisations", store.organisationNames());
		model.addAttribute("actor", actor);
		model.addAttribute("organisation", organisation);
		model.addAttribute("action", action);
		model.addAttribute("from", from);
		model.addAttribute("to", to);
		return "audit/list";
	}

	@PostMapping("/verify")
	String verify(RedirectAttributes redirect) {
		var result = audit.verify();
		// Flash attributes live in the (serialised) session: plain values only.
		redirect.addFlashAttribute("verifiedIntact", result.intact());
		redirect.addFlashAttribute("verifiedChecked", result.checked());
		if (!result.intact()) {
			redirect.addFlashAttribute("verifiedBrokenAt", result.brokenAt());
			redirect.addFlashAttribute("verifiedProblem", result.problem().name());
		}
		return "redirect:/admin/audit";
	}
}
