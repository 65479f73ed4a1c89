package org.kakehashi.reporting.clocks.web;

import java.io.IOException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import jakarta.servlet.http.HttpServletResponse;

import org.jspecify.annotations.Nullable;
import org.kakehashi.identity.Directory;
import org.kakehashi.identity.KakehashiUser;
import org.kakehashi.identity.OrganisationType;
import org.kakehashi.identity.Role;
import org.kakehashi.platform.InvalidInput;
import org.kakehashi.reporting.clocks.Regime;
import org.kakehashi.reporting.clocks.RegimeRule;
import org.kakehashi.reporting.clocks.Regimes;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The regimes page: every regime, version and rule in the viewer's language, for platform administrators and
 * national-centre analysts; platform administrators also set which regimes an organisation reports under.
 */
@Controller
class RegimeController {

	/** A rule as the page reads it. */
	record RuleRow(String milestone, String name, String deadline, String anchor, String satisfiedBy, boolean soft) {
	}

	record VersionRow(String effectiveFrom, String basis, List<RuleRow> rules) {
	}

	record RegimeRow(String code, String name, String zone, List<VersionRow> versions) {
	}

	record AssignmentRow(UUID organisationId, String organisation, List<String> regimes) {
	}

	private final Regimes regimes;
	private final Directory directory;
	private final MessageSource messages;

	RegimeController(Regimes regimes, Directory directory, MessageSource messages) {
		this.regimes = regimes;
		this.directory = directory;
		this.messages = messages;
	}

	@GetMapping("/reports/regimes")
	String page(@AuthenticationPrincipal KakehashiUser user, Model model) {
		var admin = user.platformAdmin();
		if (!admin && !(user.organisationType() == OrganisationType.NATIONAL_CENTRE && user.has(Role.ANALYST))) {
			throw new AccessDeniedException("Platform administrators and centre analysts only.");
		}
		var locale = LocaleContextHolder.getLocale();
		var all = regimes.all();
		model.addAttribute("regimes", all.stream().map(r -> row(r, locale)).toList());
		var names = all.stream().collect(java.util.stream.Collectors.toMap(Regime::code, r -> r.name(locale)));
		model.addAttribute("regimeNames", names);
		model.addAttribute("defaultRegime", names.get(Regime.DEFAULT));
		var assignments = regimes.assignments();
		var organisations = directory.organisations(assignments.keySet());
		model.addAttribute("assignments", assignments.entrySet().stream()
			.filter(e -> organisations.containsKey(e.getKey()))
			.map(e -> new AssignmentRow(e.getKey(), organisations.get(e.getKey()).name(locale),
					e.getValue().stream().map(names::get).toList()))
			.sorted(Comparator.comparing(AssignmentRow::organisation))
			.toList());
		model.addAttribute("canEdit", admin);
		if (admin) {
			model.addAttribute("organisations", Arrays.stream(OrganisationType.values())
				.flatMap(type -> directory.organisationsOfType(type, List.of()).stream())
				.sorted(Comparator.comparing(o -> o.name(locale)))
				.toList());
		}
		return "reporting/regimes";
	}

	@PostMapping("/reports/regimes/organisations")
	@PreAuthorize("hasRole('PLATFORM_ADMIN')")
	String assign(@RequestParam UUID organisationId, @RequestParam(required = false) @Nullable List<String> regimes,
			RedirectAttributes redirect) {
		if (directory.organisation(organisationId).isEmpty()) {
			throw new ResponseStatusException(org.springframework.http.HttpStatus.NOT_FOUND);
		}
		this.regimes.assign(organisationId, regimes == null ? List.of() : regimes);
		redirect.addFlashAttribute("notice", "clocks.regimes.saved");
		return "redirect:/reports/regimes";
	}

	/** The form only offers known codes, so anything else is a forged request: a plain 400. */
	@ExceptionHandler(InvalidInput.class)
	void invalid(InvalidInput e, HttpServletResponse response) throws IOException {
		response.sendError(e.status().value());
	}

	private RegimeRow row(Regime regime, Locale locale) {
		return new RegimeRow(regime.code(), regime.name(locale), regime.zone().getId(), regime.versions().stream()
			.map(v -> new VersionRow(v.effectiveFrom().toString(), v.basis(locale),
					v.rules().stream().map(rule -> row(rule, v, locale)).toList()))
			.toList());
	}

	private RuleRow row(RegimeRule rule, Regime.RegimeVersion version, Locale locale) {
		var dueText = rule.dueText(locale);
		var deadline = dueText != null ? dueText
				: rule.offset() == null ? messages.getMessage("clocks.offset.none", null, locale)
				: messages.getMessage("clocks.offset." + rule.offset().unit(), new Object[] { rule.offset().amount() }, locale);
		var anchor = switch (rule.anchor().kind()) {
			case AWARE, RANSOM_PAID -> messages.getMessage("clocks.anchor." + rule.anchor().kind(), null, locale);
			case MILESTONE -> messages.getMessage("clocks.anchor.MILESTONE", new Object[] { version.rules().stream()
				.filter(r -> r.milestone().equals(rule.anchor().milestone())).findFirst().map(r -> r.name(locale))
				.orElse(rule.anchor().milestone()) }, locale);
		};
		var satisfied = messages.getMessage("clocks.satisfied." + rule.satisfiedBy().kind(),
				new Object[] { rule.satisfiedBy().sequence() }, locale);
		return new RuleRow(rule.milestone(), rule.name(locale), deadline, anchor, satisfied, rule.soft());
	}
}
