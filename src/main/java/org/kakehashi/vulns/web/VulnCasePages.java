package org.kakehashi.vulns.web;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.servlet.http.HttpServletResponse;

import org.jspecify.annotations.Nullable;
import org.kakehashi.identity.KakehashiUser;
import org.kakehashi.platform.InvalidFields;
import org.kakehashi.platform.InvalidInput;
import org.kakehashi.vulns.cvss.CvssVector;
import org.kakehashi.vulns.cvss.InvalidCvssVector;
import org.kakehashi.vulns.internal.CaseKind;
import org.kakehashi.vulns.internal.CaseStatus;
import org.kakehashi.vulns.internal.CaseViewer;
import org.kakehashi.vulns.internal.VulnCase;
import org.kakehashi.vulns.internal.VulnCases;
import org.kakehashi.vulns.internal.VulnCases.CaseNotFound;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The vulnerability pages: the finder's report form and receipt, the list (every case for coordinators, "my
 * reports" for anyone else) and a case's page with its history and, for coordinators, the form that moves it.
 */
@Controller
class VulnCasePages {

	static final int PAGE_SIZE = 25;

	private final VulnCases cases;

	VulnCasePages(VulnCases cases) {
		this.cases = cases;
	}

	@GetMapping("/vulns/report")
	String reportForm(Model model) {
		return reportPage(model, new ReportForm());
	}

	@PostMapping("/vulns/report")
	String report(@AuthenticationPrincipal KakehashiUser user, @ModelAttribute("form") ReportForm form,
			BindingResult binding, Model model, HttpServletResponse response) {
		if (binding.hasErrors()) {
			response.setStatus(422);
			return reportPage(model, form);
		}
		try {
			var filed = cases.file(CaseViewer.of(user), form.report());
			return "redirect:/vulns/" + filed.id() + "/receipt";
		}
		catch (InvalidFields e) {
			reject(binding, e);
			response.setStatus(422);
			return reportPage(model, form);
		}
	}

	@GetMapping("/vulns/{id}/receipt")
	String receipt(@AuthenticationPrincipal KakehashiUser user, @PathVariable UUID id, Model model) {
		model.addAttribute("c", cases.find(CaseViewer.of(user), id).orElseThrow(CaseNotFound::new));
		return "vulns/receipt";
	}

	@GetMapping("/vulns")
	String list(@AuthenticationPrincipal KakehashiUser user, @RequestParam(required = false) @Nullable String status,
			@RequestParam(defaultValue = "") String q, @RequestParam(defaultValue = "0") int page, Model model) {
		var viewer = CaseViewer.of(user);
		CaseStatus filter = null;
		if (status != null && !status.isBlank()) {
			try {
				filter = CaseStatus.valueOf(status);
			}
			catch (IllegalArgumentException e) {
				throw new ResponseStatusException(HttpStatus.BAD_REQUEST);
			}
		}
		model.addAttribute("coordinator", viewer.coordinator());
		model.addAttribute("statuses", CaseStatus.values());
		model.addAttribute("status", filter == null ? "" : filter.name());
		model.addAttribute("q", q);
		model.addAttribute("page", cases.list(viewer, filter, q, page, PAGE_SIZE));
		model.addAttribute("filtered", filter != null || !q.isBlank());
		return "vulns/list";
	}

	@GetMapping("/vulns/{id}")
	String detail(@AuthenticationPrincipal KakehashiUser user, @PathVariable UUID id, Model model) {
		var viewer = CaseViewer.of(user);
		var found = cases.find(viewer, id).orElseThrow(CaseNotFound::new);
		if (!model.containsAttribute("move")) {
			model.addAttribute("move", new TransitionForm());
		}
		return detailPage(model, viewer, found);
	}

	@PostMapping("/vulns/{id}/transitions")
	String transition(@AuthenticationPrincipal KakehashiUser user, @PathVariable UUID id,
			@ModelAttribute("move") TransitionForm form, BindingResult binding, Model model,
			HttpServletResponse response, RedirectAttributes redirect) {
		var viewer = CaseViewer.of(user);
		var found = cases.find(viewer, id).orElseThrow(CaseNotFound::new);
		if (!viewer.coordinator()) {
			throw new ResponseStatusException(HttpStatus.FORBIDDEN);
		}
		var problems = new ArrayList<InvalidFields.Problem>();
		var request = form.request(problems);
		try {
			if (!problems.isEmpty()) {
				throw new InvalidFields(problems);
			}
			cases.transition(viewer, id, request);
		}
		catch (InvalidFields e) {
			reject(binding, e);
			response.setStatus(422);
			return detailPage(model, viewer, found);
		}
		catch (InvalidInput e) {
			if (e.status() == HttpStatus.FORBIDDEN || e.status() == HttpStatus.NOT_FOUND) {
				throw e;
			}
			binding.rejectValue(e.field(), e.messageKey(), e.getMessage());
			response.setStatus(e.status().value());
			return detailPage(model, viewer, cases.find(viewer, id).orElseThrow(CaseNotFound::new));
		}
		redirect.addFlashAttribute("notice", "vulns.notice.moved");
		return "redirect:/vulns/" + id;
	}

	private String reportPage(Model model, ReportForm form) {
		model.addAttribute("form", form);
		model.addAttribute("kinds", CaseKind.values());
		return "vulns/report";
	}

	private String detailPage(Model model, CaseViewer viewer, VulnCase found) {
		model.addAttribute("c", found);
		model.addAttribute("cvss", scored(found.suggestedCvss()));
		model.addAttribute("coordinator", viewer.coordinator());
		model.addAttribute("history", cases.history(viewer, found.id()));
		model.addAttribute("next", List.copyOf(found.status().next()));
		model.addAttribute("outcomes", List.copyOf(found.status().closingOutcomes()));
		model.addAttribute("asksContactDate", found.status().allows(CaseStatus.VENDOR_CONTACTED));
		model.addAttribute("asksPublication", found.status().allows(CaseStatus.DATE_AGREED));
		model.addAttribute("asksOutcome", found.status().allows(CaseStatus.CLOSED));
		return "vulns/detail";
	}

	/** The suggested vector, scored; null when none was given (or one stored before vectors were checked). */
	private static @Nullable CvssVector scored(String vector) {
		try {
			return vector.isBlank() ? null : CvssVector.parse(vector);
		}
		catch (InvalidCvssVector e) {
			return null;
		}
	}

	private static void reject(BindingResult binding, InvalidFields e) {
		for (var p : e.problems()) {
			binding.rejectValue(p.field(), p.messageKey(), p.args().toArray(), p.message());
		}
	}
}
