package org.kakehashi.vulns.web;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.jspecify.annotations.Nullable;
import org.kakehashi.platform.InvalidFields;
import org.kakehashi.platform.InvalidInput;
import org.kakehashi.vulns.internal.CaseStatus;
import org.kakehashi.vulns.internal.CaseViewer;
import org.kakehashi.vulns.internal.VulnCases;
import org.kakehashi.vulns.internal.VulnCases.CaseNotFound;
import org.kakehashi.vulns.publication.AdvisoryDrafts;
import org.kakehashi.vulns.publication.AdvisoryPublication;
import org.kakehashi.vulns.publication.PublishedAdvisories;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The coordinators' advisory page of a product case: the draft in both languages, what it still lacks, a preview of
 * the public page, publication (automatic at the agreed moment; by hand only once it has come) and, after
 * publication, new revisions.
 */
@Controller
class AdvisoryPages {

	private final VulnCases cases;
	private final AdvisoryDrafts drafts;
	private final AdvisoryPublication publication;
	private final PublishedAdvisories published;
	private final Clock clock;

	AdvisoryPages(VulnCases cases, AdvisoryDrafts drafts, AdvisoryPublication publication, PublishedAdvisories published,
			Clock clock) {
		this.cases = cases;
		this.drafts = drafts;
		this.publication = publication;
		this.published = published;
		this.clock = clock;
	}

	@GetMapping("/vulns/{id}/advisory")
	String advisory(CaseViewer viewer, @PathVariable UUID id, Model model, HttpServletRequest request) {
		return page(viewer, id, model, request, AdvisoryForm.of(drafts.draft(viewer, id)), null);
	}

	@PostMapping("/vulns/{id}/advisory")
	String save(CaseViewer viewer, @PathVariable UUID id, @ModelAttribute("form") AdvisoryForm form, Model model,
			HttpServletRequest request, HttpServletResponse response, RedirectAttributes redirect) {
		try {
			drafts.save(viewer, id, form.draft());
		}
		catch (InvalidFields e) {
			response.setStatus(422);
			return page(viewer, id, model, request, form, CasePage.errors(e));
		}
		redirect.addFlashAttribute("notice", "vulns.notice.advisory-saved");
		return "redirect:/vulns/" + id + "/advisory";
	}

	@GetMapping("/vulns/{id}/advisory/preview")
	String preview(CaseViewer viewer, @PathVariable UUID id, Model model) {
		var page = drafts.preview(viewer, id);
		if (page == null) {
			throw new ResponseStatusException(HttpStatus.CONFLICT, "The advisory is not ready for a preview.");
		}
		model.addAttribute("a", page);
		model.addAttribute("preview", true);
		model.addAttribute("caseId", id);
		return "vulns/advisory-public";
	}

	@PostMapping("/vulns/{id}/advisory/publication")
	String publish(CaseViewer viewer, @PathVariable UUID id, RedirectAttributes redirect) {
		try {
			var outcome = publication.publishNow(viewer, id);
			redirect.addFlashAttribute("notice", outcome.published() ? "vulns.notice.advisory-published" : "vulns.notice.advisory-not-ready");
		}
		catch (InvalidInput e) {
			if (e.status() != HttpStatus.CONFLICT) {
				throw e;
			}
			redirect.addFlashAttribute("publishError", e.messageKey());
		}
		return "redirect:/vulns/" + id + "/advisory";
	}

	@PostMapping("/vulns/{id}/advisory/revisions")
	String republish(CaseViewer viewer, @PathVariable UUID id, @RequestParam(defaultValue = "") String summary,
			Model model, HttpServletRequest request, HttpServletResponse response, RedirectAttributes redirect) {
		try {
			var outcome = publication.republish(viewer, id, summary);
			redirect.addFlashAttribute("notice", outcome.published() ? "vulns.notice.advisory-revised" : "vulns.notice.advisory-not-ready");
		}
		catch (InvalidFields e) {
			response.setStatus(422);
			model.addAttribute("revisionErrors", CasePage.errors(e));
			model.addAttribute("revisionSummary", summary);
			return page(viewer, id, model, request, AdvisoryForm.of(drafts.draft(viewer, id)), null);
		}
		catch (InvalidInput e) {
			if (e.status() != HttpStatus.CONFLICT) {
				throw e;
			}
			redirect.addFlashAttribute("publishError", e.messageKey());
		}
		return "redirect:/vulns/" + id + "/advisory";
	}

	private String page(CaseViewer viewer, UUID id, Model model, HttpServletRequest request, AdvisoryForm form,
			@Nullable Map<String, InvalidFields.Problem> errors) {
		var found = cases.find(viewer, id).orElseThrow(CaseNotFound::new);
		var participation = cases.participation(viewer, id);
		if (!participation.coordinator()) {
			throw new ResponseStatusException(HttpStatus.FORBIDDEN);
		}
		CasePage.header(model, found, participation, CaseViewers.base(request, id), "advisory");
		model.addAttribute("form", form);
		model.addAttribute("errors", errors);
		model.addAttribute("readiness", drafts.readiness(viewer, id));
		var slug = AdvisoryDrafts.slug(found.number());
		model.addAttribute("published", published.line(slug).orElse(null));
		model.addAttribute("slug", slug);
		var due = found.status() == CaseStatus.DATE_AGREED && found.publicationAt() != null
				&& !found.publicationAt().isAfter(Instant.now(clock));
		model.addAttribute("due", due);
		return "vulns/advisory";
	}
}
