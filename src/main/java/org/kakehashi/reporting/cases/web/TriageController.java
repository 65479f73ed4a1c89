package org.kakehashi.reporting.cases.web;

import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;

import org.jspecify.annotations.Nullable;
import org.kakehashi.identity.KakehashiUser;
import org.kakehashi.platform.InvalidInput;
import org.kakehashi.reporting.cases.AttackIds;
import org.kakehashi.reporting.cases.Triage;
import org.kakehashi.reporting.cases.TriageStatus;
import org.kakehashi.reporting.internal.ReportNotFound;
import org.kakehashi.reporting.internal.Viewers;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The centre's triage queue, and the triage actions of the panel on a report's page. Every action posts,
 * then redirects back to the report with a notice or the rule that was broken (post/redirect/get).
 */
@Controller
class TriageController {

	static final int PAGE_SIZE = 25;

	private final Triage triage;
	private final Viewers viewers;

	TriageController(Triage triage, Viewers viewers) {
		this.triage = triage;
		this.viewers = viewers;
	}

	@GetMapping("/triage")
	String queue(@AuthenticationPrincipal KakehashiUser user, @RequestParam(defaultValue = "OPEN") String filter,
			@RequestParam(required = false) @Nullable Integer page,
			@RequestHeader(name = "HX-Request", required = false) @Nullable String htmx, Model model) {
		var viewer = viewers.of(user);
		if (!viewer.centreAnalyst()) {
			throw new AccessDeniedException("Only the national centre's analysts triage reports.");
		}
		var chosen = parseFilter(filter);
		var p = page == null ? 0 : Math.max(0, page - 1);
		model.addAttribute("result", triage.queue(viewer, chosen, p, PAGE_SIZE));
		model.addAttribute("filter", chosen);
		model.addAttribute("filters", Triage.Filter.values());
		return htmx != null ? "reporting/triage-queue :: results" : "reporting/triage-queue";
	}

	/** The panel alone, for htmx to swap in. */
	@GetMapping("/reports/{id}/triage")
	String panel(@AuthenticationPrincipal KakehashiUser user, @PathVariable UUID id, Model model) {
		var viewer = viewers.of(user);
		model.addAttribute("triage", triage.panelFor(viewer, id).orElseThrow(ReportNotFound::new));
		return "reporting/triage :: panel(triage=${triage})";
	}

	@PostMapping("/reports/{id}/triage/assign")
	String assign(@AuthenticationPrincipal KakehashiUser user, @PathVariable UUID id,
			@RequestParam(required = false) @Nullable String assigneeId, RedirectAttributes redirect, HttpServletRequest request) {
		return act(id, "triage.saved.assigned", redirect, request,
				() -> triage.assign(viewers.of(user), id, uuid("assigneeId", assigneeId)));
	}

	@PostMapping("/reports/{id}/triage/status")
	String status(@AuthenticationPrincipal KakehashiUser user, @PathVariable UUID id, @RequestParam String status,
			RedirectAttributes redirect, HttpServletRequest request) {
		return act(id, "triage.saved.status", redirect, request,
				() -> triage.moveTo(viewers.of(user), id, parseStatus(status)));
	}

	@PostMapping("/reports/{id}/triage/severity")
	String severity(@AuthenticationPrincipal KakehashiUser user, @PathVariable UUID id,
			@RequestParam(required = false) @Nullable String centreSeverity,
			@RequestParam(required = false) @Nullable String severityReason, RedirectAttributes redirect,
			HttpServletRequest request) {
		return act(id, "triage.saved.severity", redirect, request,
				() -> triage.rerate(viewers.of(user), id, level(centreSeverity), severityReason));
	}

	@PostMapping("/reports/{id}/triage/duplicate")
	String duplicate(@AuthenticationPrincipal KakehashiUser user, @PathVariable UUID id,
			@RequestParam(defaultValue = "") String duplicateOf, RedirectAttributes redirect, HttpServletRequest request) {
		return act(id, "triage.saved.duplicate", redirect, request,
				() -> triage.markDuplicate(viewers.of(user), id, duplicateOf));
	}

	@PostMapping("/reports/{id}/triage/techniques")
	String techniques(@AuthenticationPrincipal KakehashiUser user, @PathVariable UUID id,
			@RequestParam(defaultValue = "") String techniques, RedirectAttributes redirect, HttpServletRequest request) {
		return act(id, "triage.saved.techniques", redirect, request,
				() -> triage.tag(viewers.of(user), id, AttackIds.parse(techniques)));
	}

	@PostMapping("/reports/{id}/triage/link")
	String link(@AuthenticationPrincipal KakehashiUser user, @PathVariable UUID id,
			@RequestParam(defaultValue = "") String reportId, @RequestParam(required = false) @Nullable String note,
			RedirectAttributes redirect, HttpServletRequest request) {
		return act(id, "triage.saved.linked", redirect, request, () -> triage.link(viewers.of(user), id, reportId, note));
	}

	@PostMapping("/reports/{id}/triage/links/{other}/remove")
	String unlink(@AuthenticationPrincipal KakehashiUser user, @PathVariable UUID id, @PathVariable UUID other,
			RedirectAttributes redirect, HttpServletRequest request) {
		return act(id, "triage.saved.unlinked", redirect, request, () -> triage.unlink(viewers.of(user), id, other));
	}

	@PostMapping("/reports/{id}/triage/note")
	String note(@AuthenticationPrincipal KakehashiUser user, @PathVariable UUID id,
			@RequestParam(required = false) @Nullable String body, RedirectAttributes redirect, HttpServletRequest request) {
		return act(id, "triage.saved.note", redirect, request, () -> triage.addNote(viewers.of(user), id, body));
	}

	@PostMapping("/reports/{id}/triage/coordination")
	String coordination(@AuthenticationPrincipal KakehashiUser user, @PathVariable UUID id,
			@RequestParam(required = false) @Nullable String organisationId, RedirectAttributes redirect,
			HttpServletRequest request) {
		return act(id, "triage.saved.coordination", redirect, request,
				() -> triage.requestCoordination(viewers.of(user), id, uuid("organisationId", organisationId)));
	}

	private static String act(UUID reportId, String notice, RedirectAttributes redirect, HttpServletRequest request,
			Runnable action) {
		return WebErrors.perform(action, "/reports/" + reportId + "#triage", notice, "triageError", redirect, request);
	}

	static Triage.Filter parseFilter(String value) {
		try {
			return Triage.Filter.valueOf(value.toUpperCase(java.util.Locale.ROOT));
		} catch (IllegalArgumentException e) {
			return Triage.Filter.OPEN;
		}
	}

	static TriageStatus parseStatus(String value) {
		try {
			return TriageStatus.valueOf(value);
		} catch (IllegalArgumentException e) {
			throw new InvalidInput("status", "triage.error.status", "Not a triage status.");
		}
	}

	static @Nullable Integer level(@Nullable String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			return Integer.valueOf(value.strip());
		} catch (NumberFormatException e) {
			throw new InvalidInput("centreSeverity", "triage.error.severity", "The level is 0 to 4.");
		}
	}

	static @Nullable UUID uuid(String field, @Nullable String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			return UUID.fromString(value.strip());
		} catch (IllegalArgumentException e) {
			throw new InvalidInput(field, "triage.error.unknown-id", "Unknown id.");
		}
	}

}
