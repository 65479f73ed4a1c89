package org.kakehashi.vulns.certification.web;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;

import jakarta.servlet.http.HttpServletResponse;

import org.jspecify.annotations.Nullable;
import org.kakehashi.identity.Directory;
import org.kakehashi.identity.KakehashiUser;
import org.kakehashi.platform.InvalidFields;
import org.kakehashi.platform.InvalidInput;
import org.kakehashi.vulns.certification.Certification;
import org.kakehashi.vulns.certification.CertificationInput;
import org.kakehashi.vulns.certification.CertificationKind;
import org.kakehashi.vulns.certification.CertificationStatus;
import org.kakehashi.vulns.certification.CertificationViewer;
import org.kakehashi.vulns.certification.Certifications;
import org.kakehashi.vulns.certification.Certifications.CertificationNotFound;
import org.kakehashi.vulns.certification.StatusFilter;
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
 * The registry's pages for signed-in users: the list (every record for coordinators; the public ones and the
 * organisation's own for anyone else), a record's page, and for coordinators the form that registers or corrects
 * one (post/redirect/get; 422 with each message beside its field, nothing stored).
 */
@Controller
class CertificationPages {

	static final int PAGE_SIZE = 25;

	private final Certifications certifications;
	private final Directory directory;

	CertificationPages(Certifications certifications, Directory directory) {
		this.certifications = certifications;
		this.directory = directory;
	}

	@GetMapping("/vulns/certifications")
	String list(@AuthenticationPrincipal KakehashiUser user, @RequestParam(defaultValue = "") String q,
			@RequestParam(defaultValue = "") String kind, @RequestParam(defaultValue = "") String status,
			@RequestParam(defaultValue = "0") int page, Model model) {
		var viewer = CertificationViewer.of(user);
		var kindFilter = CertificationsApi.kind(kind);
		var statusFilter = CertificationsApi.status(status);
		model.addAttribute("coordinator", viewer.coordinator());
		model.addAttribute("kinds", CertificationKind.values());
		model.addAttribute("statuses", StatusFilter.values());
		model.addAttribute("q", q);
		model.addAttribute("kind", kindFilter == null ? "" : kindFilter.name());
		model.addAttribute("status", statusFilter == null ? "" : statusFilter.name());
		model.addAttribute("page", certifications.list(viewer, q, kindFilter, statusFilter, page, PAGE_SIZE));
		model.addAttribute("filtered", kindFilter != null || statusFilter != null || !q.isBlank());
		model.addAttribute("organisationId", viewer.organisationId());
		return "vulns/certifications/list";
	}

	@GetMapping("/vulns/certifications/new")
	String newForm(@AuthenticationPrincipal KakehashiUser user, Model model) {
		requireCoordinator(user);
		return formPage(model, new CertificationForm(), null);
	}

	@PostMapping("/vulns/certifications")
	String register(@AuthenticationPrincipal KakehashiUser user, @ModelAttribute("form") CertificationForm form,
			BindingResult binding, Model model, HttpServletResponse response, RedirectAttributes redirect) {
		var viewer = requireCoordinator(user);
		try {
			var input = checked(form);
			var registered = certifications.register(viewer, input);
			redirect.addFlashAttribute("notice", "vulns.cert.notice.registered");
			return "redirect:/vulns/certifications/" + registered.id();
		}
		catch (InvalidFields e) {
			return refused(binding, e.problems(), model, form, null, response);
		}
		catch (InvalidInput e) {
			return refused(binding, List.of(new InvalidFields.Problem(e.field(), e.messageKey(), List.of(),
					e.getMessage())), model, form, null, response);
		}
	}

	@GetMapping("/vulns/certifications/{id}")
	String detail(@AuthenticationPrincipal KakehashiUser user, @PathVariable UUID id, Model model) {
		var viewer = CertificationViewer.of(user);
		var found = certifications.find(viewer, id).orElseThrow(CertificationNotFound::new);
		model.addAttribute("c", found);
		model.addAttribute("coordinator", viewer.coordinator());
		model.addAttribute("holderOrganisation",
				found.holderOrganisationId() == null ? null : directory.organisation(found.holderOrganisationId()).orElse(null));
		model.addAttribute("reminders", certifications.reminders(viewer, id));
		return "vulns/certifications/detail";
	}

	@GetMapping("/vulns/certifications/{id}/edit")
	String editForm(@AuthenticationPrincipal KakehashiUser user, @PathVariable UUID id, Model model) {
		var found = visible(user, id);
		requireCoordinator(user);
		return formPage(model, CertificationForm.of(found), found);
	}

	@PostMapping("/vulns/certifications/{id}")
	String update(@AuthenticationPrincipal KakehashiUser user, @PathVariable UUID id,
			@ModelAttribute("form") CertificationForm form, BindingResult binding, Model model,
			HttpServletResponse response, RedirectAttributes redirect) {
		var found = visible(user, id);
		var viewer = requireCoordinator(user);
		try {
			certifications.update(viewer, id, checked(form), form.revision());
			redirect.addFlashAttribute("notice", "vulns.cert.notice.saved");
			return "redirect:/vulns/certifications/" + id;
		}
		catch (InvalidFields e) {
			return refused(binding, e.problems(), model, form, found, response);
		}
		catch (InvalidInput e) {
			if (e.status() == HttpStatus.FORBIDDEN || e.status() == HttpStatus.NOT_FOUND) {
				throw e;
			}
			return refused(binding, List.of(new InvalidFields.Problem(e.field(), e.messageKey(), List.of(),
					e.getMessage())), model, form, found, response);
		}
	}

	/**
	 * The form's input when every rule holds; otherwise every problem at once: those of reading the form (a date
	 * that is not one) first, then the registry's rules for the rest.
	 */
	private CertificationInput checked(CertificationForm form) {
		var problems = new ArrayList<InvalidFields.Problem>();
		var input = form.input(problems);
		try {
			certifications.validate(input);
		}
		catch (InvalidFields e) {
			problems.addAll(e.problems());
		}
		if (!problems.isEmpty()) {
			throw new InvalidFields(problems);
		}
		return input;
	}

	private String refused(BindingResult binding, List<InvalidFields.Problem> problems, Model model,
			CertificationForm form, @Nullable Certification editing, HttpServletResponse response) {
		// One message per field: "not a date" says more than the "required" the rules then add.
		var seen = new LinkedHashSet<String>();
		var status = 422;
		for (var p : problems) {
			if (p.field().equals("revision")) {
				// Changed by a colleague meanwhile: said above the form, nothing overwritten.
				binding.reject(p.messageKey(), p.message());
				status = 409;
			}
			else if (seen.add(p.field())) {
				binding.rejectValue(p.field(), p.messageKey(), p.args().toArray(), p.message());
			}
		}
		response.setStatus(status);
		return formPage(model, form, editing);
	}

	private String formPage(Model model, CertificationForm form, @Nullable Certification editing) {
		model.addAttribute("form", form);
		model.addAttribute("editing", editing);
		model.addAttribute("kinds", CertificationKind.values());
		model.addAttribute("statuses", CertificationStatus.values());
		model.addAttribute("organisations", directory.allOrganisations());
		model.addAttribute("standards", certifications.standardSuggestions());
		model.addAttribute("levels", certifications.levelSuggestions());
		model.addAttribute("issuers", certifications.issuerSuggestions());
		return "vulns/certifications/form";
	}

	private Certification visible(KakehashiUser user, UUID id) {
		return certifications.find(CertificationViewer.of(user), id).orElseThrow(CertificationNotFound::new);
	}

	private static CertificationViewer requireCoordinator(KakehashiUser user) {
		var viewer = CertificationViewer.of(user);
		if (!viewer.coordinator()) {
			throw new ResponseStatusException(HttpStatus.FORBIDDEN);
		}
		return viewer;
	}
}
