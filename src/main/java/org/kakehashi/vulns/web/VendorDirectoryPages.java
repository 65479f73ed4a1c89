package org.kakehashi.vulns.web;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.servlet.http.HttpServletResponse;

import org.jspecify.annotations.Nullable;
import org.kakehashi.identity.Directory;
import org.kakehashi.platform.InvalidFields;
import org.kakehashi.vulns.internal.CaseViewer;
import org.kakehashi.vulns.internal.VendorDirectory;
import org.kakehashi.vulns.internal.VendorDirectory.VendorNotFound;
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
 * The vendor directory in the browser: coordinators search, add and edit vendors (names, linked organisation,
 * product lines, security contacts); a vendor's own PSIRT staff see their entry and keep its contacts.
 */
@Controller
class VendorDirectoryPages {

	static final int PAGE_SIZE = 50;

	private final VendorDirectory vendors;
	private final Directory directory;

	VendorDirectoryPages(VendorDirectory vendors, Directory directory) {
		this.vendors = vendors;
		this.directory = directory;
	}

	@GetMapping("/vulns/vendors")
	String list(CaseViewer viewer, @RequestParam(defaultValue = "") String q, @RequestParam(defaultValue = "0") int page,
			Model model) {
		model.addAttribute("coordinator", viewer.coordinator());
		model.addAttribute("q", q);
		if (viewer.coordinator()) {
			model.addAttribute("page", vendors.search(viewer, q, page, PAGE_SIZE));
		}
		model.addAttribute("own", vendors.own(viewer));
		return "vulns/directory";
	}

	@GetMapping("/vulns/vendors/new")
	String newForm(CaseViewer viewer, Model model) {
		requireCoordinator(viewer);
		return formPage(model, VendorForm.blank(), null, null);
	}

	@PostMapping("/vulns/vendors")
	String create(CaseViewer viewer, @ModelAttribute("form") VendorForm form, Model model, HttpServletResponse response,
			RedirectAttributes redirect) {
		requireCoordinator(viewer);
		try {
			var created = vendors.create(viewer, form.draft(organisation(form)));
			redirect.addFlashAttribute("notice", "vulns.notice.vendor-saved");
			return "redirect:/vulns/vendors/" + created.id();
		}
		catch (InvalidFields e) {
			response.setStatus(422);
			var errors = CasePage.errors(form.formRows(e));
			form.padContacts();
			return formPage(model, form, null, errors);
		}
	}

	@GetMapping("/vulns/vendors/{id}")
	String view(CaseViewer viewer, @PathVariable UUID id, Model model) {
		var entry = vendors.find(viewer, id).orElseThrow(VendorNotFound::new);
		model.addAttribute("vendor", entry);
		model.addAttribute("coordinator", viewer.coordinator());
		if (!model.containsAttribute("form")) {
			model.addAttribute("form", VendorForm.of(entry));
		}
		return "vulns/directory-entry";
	}

	@GetMapping("/vulns/vendors/{id}/edit")
	String editForm(CaseViewer viewer, @PathVariable UUID id, Model model) {
		requireCoordinator(viewer);
		var entry = vendors.find(viewer, id).orElseThrow(VendorNotFound::new);
		return formPage(model, VendorForm.of(entry), id, null);
	}

	@PostMapping("/vulns/vendors/{id}")
	String update(CaseViewer viewer, @PathVariable UUID id, @ModelAttribute("form") VendorForm form, Model model,
			HttpServletResponse response, RedirectAttributes redirect) {
		requireCoordinator(viewer);
		try {
			vendors.update(viewer, id, form.draft(organisation(form)));
			redirect.addFlashAttribute("notice", "vulns.notice.vendor-saved");
			return "redirect:/vulns/vendors/" + id;
		}
		catch (InvalidFields e) {
			response.setStatus(422);
			var errors = CasePage.errors(form.formRows(e));
			form.padContacts();
			return formPage(model, form, id, errors);
		}
	}

	/** The vendor's own staff (or a coordinator) keep the security contacts. */
	@PostMapping("/vulns/vendors/{id}/contacts")
	String contacts(CaseViewer viewer, @PathVariable UUID id, @ModelAttribute("form") VendorForm form, Model model,
			HttpServletResponse response, RedirectAttributes redirect) {
		try {
			vendors.updateContacts(viewer, id, form.typedContacts());
			redirect.addFlashAttribute("notice", "vulns.notice.contacts-saved");
			return "redirect:/vulns/vendors/" + id;
		}
		catch (InvalidFields e) {
			response.setStatus(422);
			model.addAttribute("errors", CasePage.errors(form.formRows(e)));
			form.padContacts();
			model.addAttribute("form", form);
			return view(viewer, id, model);
		}
	}

	private String formPage(Model model, VendorForm form, @Nullable UUID id, @Nullable Map<String, InvalidFields.Problem> errors) {
		model.addAttribute("form", form);
		model.addAttribute("vendorId", id);
		model.addAttribute("errors", errors);
		model.addAttribute("organisations", directory.allOrganisations());
		return "vulns/directory-form";
	}

	/** The chosen organisation; a value that is not an id is refused like an unknown organisation. */
	private static @Nullable UUID organisation(VendorForm form) {
		if (form.getOrganisationId().isBlank()) {
			return null;
		}
		try {
			return UUID.fromString(form.getOrganisationId().strip());
		}
		catch (IllegalArgumentException e) {
			throw new InvalidFields(List.of(new InvalidFields.Problem("organisationId", "vulns.error.organisation-unknown",
					List.of(), "No such organisation.")));
		}
	}

	private static void requireCoordinator(CaseViewer viewer) {
		if (!viewer.coordinator()) {
			throw new ResponseStatusException(HttpStatus.FORBIDDEN);
		}
	}
}
