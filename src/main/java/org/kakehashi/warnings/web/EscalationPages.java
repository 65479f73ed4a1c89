package org.kakehashi.warnings.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import jakarta.servlet.http.HttpServletResponse;
import org.kakehashi.identity.KakehashiUser;
import org.kakehashi.platform.InvalidFields;
import org.kakehashi.warnings.internal.EscalationRules;
import org.kakehashi.warnings.internal.Urgency;
import org.kakehashi.warnings.internal.WarningViewer;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The sender's escalation rules page, and a warning's escalation log as a fragment the sender's warning page loads
 * (or includes with an {@code escalations} model attribute).
 */
@Controller
class EscalationPages {

	private final EscalationRules rules;

	EscalationPages(EscalationRules rules) {
		this.rules = rules;
	}

	@GetMapping("/warnings/escalation-rules")
	String rules(@AuthenticationPrincipal KakehashiUser user, Model model) {
		var current = rules.rules(WarningViewer.of(user));
		var values = new LinkedHashMap<String, String>();
		current.forEach(rule -> {
			values.put(rule.urgency() + ".remindAfterHours", String.valueOf(rule.remindAfterHours()));
			values.put(rule.urgency() + ".escalateAfterHours", String.valueOf(rule.escalateAfterHours()));
		});
		return page(model, current, values, Map.of());
	}

	@PostMapping("/warnings/escalation-rules")
	String save(@AuthenticationPrincipal KakehashiUser user, @RequestParam Map<String, String> form, Model model,
			HttpServletResponse response, RedirectAttributes redirect) {
		var viewer = WarningViewer.of(user);
		var current = rules.rules(viewer);
		var hours = new ArrayList<EscalationRules.Hours>();
		var errors = new LinkedHashMap<String, String>();
		var values = new LinkedHashMap<String, String>();
		for (var urgency : Urgency.values()) {
			var remind = form.getOrDefault(urgency + ".remindAfterHours", "").strip();
			var escalate = form.getOrDefault(urgency + ".escalateAfterHours", "").strip();
			values.put(urgency + ".remindAfterHours", remind);
			values.put(urgency + ".escalateAfterHours", escalate);
			var r = number(remind);
			var e = number(escalate);
			if (r == null) {
				errors.put(urgency + ".remindAfterHours", "warnings.rules.error.remind");
			}
			if (e == null) {
				errors.put(urgency + ".escalateAfterHours", "warnings.rules.error.escalate");
			}
			if (r != null && e != null) {
				hours.add(new EscalationRules.Hours(urgency, r, e));
			}
		}
		if (errors.isEmpty()) {
			try {
				rules.save(viewer, hours);
				redirect.addFlashAttribute("notice", "warnings.rules.saved");
				return "redirect:/warnings/escalation-rules";
			}
			catch (InvalidFields e) {
				e.problems().forEach(p -> errors.putIfAbsent(p.field(), p.messageKey()));
			}
		}
		response.setStatus(422);
		return page(model, current, values, errors);
	}

	private String page(Model model, Object current, Map<String, String> values, Map<String, String> errors) {
		model.addAttribute("rules", current);
		model.addAttribute("values", values);
		model.addAttribute("errors", errors);
		model.addAttribute("maxHours", EscalationRules.MAX_HOURS);
		return "warnings/escalation-rules";
	}

	/** The escalation log as a fragment, for {@code hx-get} from the sender's warning page. */
	@GetMapping("/warnings/{id}/escalations")
	String log(@AuthenticationPrincipal KakehashiUser user, @PathVariable UUID id, Model model) {
		var english = "en".equals(LocaleContextHolder.getLocale().getLanguage());
		model.addAttribute("escalations", rules.log(WarningViewer.of(user), id, english));
		return "warnings/escalations :: log";
	}

	private static Integer number(String value) {
		try {
			var parsed = Integer.parseInt(value);
			return parsed >= 1 && parsed <= EscalationRules.MAX_HOURS ? parsed : null;
		}
		catch (NumberFormatException e) {
			return null;
		}
	}
}
