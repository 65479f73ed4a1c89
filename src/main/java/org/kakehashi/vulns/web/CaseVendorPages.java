package org.kakehashi.vulns.web;

import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.jspecify.annotations.Nullable;
import org.kakehashi.platform.EnumNames;
import org.kakehashi.platform.InvalidFields;
import org.kakehashi.platform.InvalidInput;
import org.kakehashi.platform.web.DisplayTime;
import org.kakehashi.vulns.internal.CaseVendors;
import org.kakehashi.vulns.internal.CaseViewer;
import org.kakehashi.vulns.internal.CaseVulnerabilities;
import org.kakehashi.vulns.internal.ContactAttempt;
import org.kakehashi.vulns.internal.StatusUpdate;
import org.kakehashi.vulns.internal.VendorDirectory;
import org.kakehashi.vulns.internal.VendorFilter;
import org.kakehashi.vulns.internal.VendorStatus;
import org.kakehashi.vulns.internal.VulnCases;
import org.kakehashi.vulns.internal.VulnCases.CaseNotFound;
import org.kakehashi.vulns.internal.VulnsProperties;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The vendors of a case in the browser: the coordinators' list (filters, paging, answers per vulnerability, the
 * directory search to invite from) and one vendor's page, where the vendor (signed in, or through its contact's
 * personal link) gives its status per vulnerability, and coordinators document contact attempts and list an
 * unreachable vendor.
 */
@Controller
class CaseVendorPages {

	static final int PAGE_SIZE = 50;
	static final int INVITE_MATCHES = 20;

	private final VulnCases cases;
	private final CaseVendors vendors;
	private final CaseVulnerabilities vulnerabilities;
	private final VendorDirectory directory;
	private final DisplayTime time;
	private final VulnsProperties settings;

	CaseVendorPages(VulnCases cases, CaseVendors vendors, CaseVulnerabilities vulnerabilities, VendorDirectory directory,
			DisplayTime time, VulnsProperties settings) {
		this.cases = cases;
		this.vendors = vendors;
		this.vulnerabilities = vulnerabilities;
		this.directory = directory;
		this.time = time;
		this.settings = settings;
	}

	@GetMapping("/vulns/{id}/vendors")
	String list(CaseViewer viewer, @PathVariable UUID id, @RequestParam(defaultValue = "ALL") String filter,
			@RequestParam(defaultValue = "") String q, @RequestParam(defaultValue = "0") int page,
			@RequestParam(name = "find", defaultValue = "") String find, Model model, HttpServletRequest request) {
		var found = cases.find(viewer, id).orElseThrow(CaseNotFound::new);
		var participation = cases.participation(viewer, id);
		if (!participation.coordinator()) {
			throw new ResponseStatusException(HttpStatus.FORBIDDEN);
		}
		var chosen = EnumNames.parse(VendorFilter.class, filter)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.BAD_REQUEST));
		CasePage.header(model, found, participation, CaseViewers.base(request, id), "vendors");
		model.addAttribute("summary", vendors.summary(viewer, id));
		model.addAttribute("vulnerabilities", vulnerabilities.list(viewer, id));
		model.addAttribute("filters", VendorFilter.values());
		model.addAttribute("filter", chosen.name());
		model.addAttribute("q", q);
		model.addAttribute("page", vendors.list(viewer, id, chosen, q, page, PAGE_SIZE));
		model.addAttribute("find", find);
		if (!find.isBlank()) {
			model.addAttribute("matches", directory.search(viewer, find, 0, INVITE_MATCHES).items());
		}
		return "vulns/vendors";
	}

	@PostMapping("/vulns/{id}/vendors")
	String invite(CaseViewer viewer, @PathVariable UUID id, @RequestParam UUID vendorId,
			@RequestParam(defaultValue = "") String productName, RedirectAttributes redirect) {
		try {
			var invited = vendors.invite(viewer, id, vendorId, productName);
			redirect.addFlashAttribute("notice", "vulns.notice.vendor-invited");
			return "redirect:/vulns/" + id + "/vendors/" + invited.vendorId();
		}
		catch (InvalidInput e) {
			if (e.status() != HttpStatus.CONFLICT && e.status() != HttpStatus.BAD_REQUEST) {
				throw e;
			}
			redirect.addFlashAttribute("inviteError", e.messageKey());
			return "redirect:/vulns/" + id + "/vendors";
		}
		catch (InvalidFields e) {
			redirect.addFlashAttribute("inviteError", e.problems().get(0).messageKey());
			return "redirect:/vulns/" + id + "/vendors";
		}
	}

	@GetMapping({ "/vulns/{id}/vendors/{vendorId}", "/public/vulns/cases/{id}/vendors/{vendorId}" })
	String vendor(CaseViewer viewer, @PathVariable UUID id, @PathVariable UUID vendorId, Model model,
			HttpServletRequest request) {
		return vendorPage(viewer, id, vendorId, model, request, null, null);
	}

	@PostMapping({ "/vulns/{id}/vendors/{vendorId}/statuses/{vulnerabilityId}",
			"/public/vulns/cases/{id}/vendors/{vendorId}/statuses/{vulnerabilityId}" })
	String status(CaseViewer viewer, @PathVariable UUID id, @PathVariable UUID vendorId,
			@PathVariable UUID vulnerabilityId, @RequestParam(defaultValue = "") String status,
			@RequestParam(defaultValue = "") String statement, @RequestParam(defaultValue = "") String affectedVersions,
			@RequestParam(defaultValue = "") String fixedVersions, Model model, HttpServletRequest request,
			HttpServletResponse response, RedirectAttributes redirect) {
		var chosen = status.isBlank() ? null : EnumNames.parse(VendorStatus.class, status).orElse(null);
		var update = new StatusUpdate(chosen, statement, affectedVersions, fixedVersions);
		try {
			if (chosen == null) {
				throw new InvalidFields(List.of(new InvalidFields.Problem("status", "vulns.error.status-required",
						List.of(), "Choose a status.")));
			}
			vendors.setStatus(viewer, id, vendorId, vulnerabilityId, update);
		}
		catch (InvalidFields e) {
			response.setStatus(422);
			return vendorPage(viewer, id, vendorId, model, request, vulnerabilityId, new StatusForm(update, e));
		}
		catch (InvalidInput e) {
			if (e.status() != HttpStatus.CONFLICT) {
				throw e;
			}
			response.setStatus(409);
			return vendorPage(viewer, id, vendorId, model, request, vulnerabilityId, new StatusForm(update,
					new InvalidFields(List.of(new InvalidFields.Problem(e.field(), e.messageKey(), List.of(), e.getMessage())))));
		}
		redirect.addFlashAttribute("notice", "vulns.notice.status-saved");
		return "redirect:" + CaseViewers.base(request, id) + "/vendors/" + vendorId + "#vulnerability-" + vulnerabilityId;
	}

	@PostMapping("/vulns/{id}/vendors/{vendorId}/product")
	String product(CaseViewer viewer, @PathVariable UUID id, @PathVariable UUID vendorId,
			@RequestParam(defaultValue = "") String productName, RedirectAttributes redirect) {
		try {
			vendors.rename(viewer, id, vendorId, productName);
			redirect.addFlashAttribute("notice", "vulns.notice.product-saved");
		}
		catch (InvalidFields e) {
			redirect.addFlashAttribute("productError", e.problems().get(0).messageKey());
		}
		return "redirect:/vulns/" + id + "/vendors/" + vendorId;
	}

	@PostMapping("/vulns/{id}/vendors/{vendorId}/attempts")
	String attempt(CaseViewer viewer, @PathVariable UUID id, @PathVariable UUID vendorId,
			@RequestParam(defaultValue = "") String attemptedAt, @RequestParam(defaultValue = "") String channel,
			@RequestParam(defaultValue = "") String note, Model model, HttpServletRequest request,
			HttpServletResponse response, RedirectAttributes redirect) {
		java.time.Instant at = null;
		var problems = new java.util.ArrayList<InvalidFields.Problem>();
		if (!attemptedAt.isBlank()) {
			try {
				at = LocalDateTime.parse(attemptedAt.strip()).atZone(time.zone()).toInstant();
			}
			catch (DateTimeParseException e) {
				problems.add(new InvalidFields.Problem("attemptedAt", "vulns.error.date-time", List.of(), "Not a date and time."));
			}
		}
		var how = channel.isBlank() ? null : EnumNames.parse(ContactAttempt.Channel.class, channel).orElse(null);
		try {
			if (!problems.isEmpty()) {
				throw new InvalidFields(problems);
			}
			vendors.recordAttempt(viewer, id, vendorId, new CaseVendors.AttemptDraft(at, how, note));
		}
		catch (InvalidFields e) {
			response.setStatus(422);
			model.addAttribute("attemptErrors", CasePage.errors(e));
			model.addAttribute("attemptForm", new String[] { attemptedAt, channel, note });
			return vendorPage(viewer, id, vendorId, model, request, null, null);
		}
		redirect.addFlashAttribute("notice", "vulns.notice.attempt-recorded");
		return "redirect:/vulns/" + id + "/vendors/" + vendorId + "#attempts";
	}

	@PostMapping("/vulns/{id}/vendors/{vendorId}/unreachable")
	String unreachable(CaseViewer viewer, @PathVariable UUID id, @PathVariable UUID vendorId,
			@RequestParam(defaultValue = "true") boolean unreachable, RedirectAttributes redirect) {
		try {
			if (unreachable) {
				vendors.markUnreachable(viewer, id, vendorId);
			}
			else {
				vendors.markReached(viewer, id, vendorId);
			}
			redirect.addFlashAttribute("notice", unreachable ? "vulns.notice.unreachable" : "vulns.notice.reached");
		}
		catch (InvalidInput e) {
			if (e.status() != HttpStatus.CONFLICT) {
				throw e;
			}
			redirect.addFlashAttribute("unreachableError", e.messageKey());
		}
		return "redirect:/vulns/" + id + "/vendors/" + vendorId + "#unreachable";
	}

	/** A status form shown again with what was typed and its errors. */
	record StatusForm(StatusUpdate typed, InvalidFields errors) {

		public java.util.Map<String, InvalidFields.Problem> messages() {
			return CasePage.errors(errors);
		}
	}

	private String vendorPage(CaseViewer viewer, UUID id, UUID vendorId, Model model, HttpServletRequest request,
			@Nullable UUID failedVulnerability, @Nullable StatusForm failed) {
		var found = cases.find(viewer, id).orElseThrow(CaseNotFound::new);
		var participation = cases.participation(viewer, id);
		var vendor = vendors.vendor(viewer, id, vendorId);
		CasePage.header(model, found, participation, CaseViewers.base(request, id), participation.coordinator() ? "vendors" : "vendor");
		model.addAttribute("vendor", vendor);
		model.addAttribute("vulnerabilities", vulnerabilities.list(viewer, id));
		model.addAttribute("statuses", VendorStatus.values());
		model.addAttribute("failedVulnerability", failedVulnerability);
		model.addAttribute("failed", failed);
		if (participation.coordinator()) {
			model.addAttribute("attempts", vendors.attempts(viewer, id, vendorId));
			model.addAttribute("channels", ContactAttempt.Channel.values());
			model.addAttribute("attemptsNeeded", settings.unreachableAfterAttempts());
			if (!model.containsAttribute("attemptForm")) {
				model.addAttribute("attemptForm", new String[] { "", "EMAIL", "" });
			}
		}
		return "vulns/vendor";
	}
}
