package org.kakehashi.vulns.web;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.jspecify.annotations.Nullable;
import org.kakehashi.platform.InvalidFields;
import org.kakehashi.platform.InvalidInput;
import org.kakehashi.vulns.cvss.CvssVector;
import org.kakehashi.vulns.cvss.InvalidCvssVector;
import org.kakehashi.vulns.internal.Attachments;
import org.kakehashi.vulns.internal.CaseKind;
import org.kakehashi.vulns.internal.CaseStatus;
import org.kakehashi.vulns.internal.CaseThread;
import org.kakehashi.vulns.internal.CaseVendors;
import org.kakehashi.vulns.internal.CaseViewer;
import org.kakehashi.vulns.internal.CaseVulnerabilities;
import org.kakehashi.vulns.internal.Participation;
import org.kakehashi.vulns.internal.VendorFilter;
import org.kakehashi.vulns.internal.VulnCase;
import org.kakehashi.vulns.internal.VulnCases;
import org.kakehashi.vulns.internal.VulnCases.CaseNotFound;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The vulnerability pages: the signed-in finder's report form and receipt, the list (every case for coordinators,
 * the cases one takes part in for anyone else) and a case's overview with the report, its files, vulnerabilities,
 * schedule and history, and for coordinators the form that moves it. The overview and the report's files also
 * answer under {@code /public/vulns/cases/} for holders of a personal link.
 */
@Controller
class VulnCasePages {

	static final int PAGE_SIZE = 25;

	private final VulnCases cases;
	private final CaseVulnerabilities vulnerabilities;
	private final CaseVendors vendors;
	private final CaseThread thread;
	private final Attachments attachments;

	VulnCasePages(VulnCases cases, CaseVulnerabilities vulnerabilities, CaseVendors vendors, CaseThread thread,
			Attachments attachments) {
		this.cases = cases;
		this.vulnerabilities = vulnerabilities;
		this.vendors = vendors;
		this.thread = thread;
		this.attachments = attachments;
	}

	@GetMapping("/vulns/report")
	String reportForm(Model model) {
		return reportPage(model, new ReportForm());
	}

	@PostMapping("/vulns/report")
	String report(CaseViewer viewer, @ModelAttribute("form") ReportForm form, BindingResult binding,
			@RequestParam(name = "files", required = false) @Nullable List<MultipartFile> files, Model model,
			HttpServletResponse response) {
		if (binding.hasErrors()) {
			response.setStatus(422);
			return reportPage(model, form);
		}
		try {
			var filed = cases.fileWithFiles(viewer, form.report(), Files.uploads(files));
			return "redirect:/vulns/" + filed.id() + "/receipt";
		}
		catch (InvalidFields e) {
			reject(binding, e);
			response.setStatus(422);
			return reportPage(model, form);
		}
		catch (InvalidInput e) {
			binding.reject(e.messageKey(), e.getMessage());
			model.addAttribute("filesError", e.messageKey());
			response.setStatus(e.status() == HttpStatus.CONTENT_TOO_LARGE ? 413 : 422);
			return reportPage(model, form);
		}
	}

	@GetMapping("/vulns/{id}/receipt")
	String receipt(CaseViewer viewer, @PathVariable UUID id, Model model, HttpServletRequest request) {
		model.addAttribute("c", cases.find(viewer, id).orElseThrow(CaseNotFound::new));
		model.addAttribute("base", CaseViewers.base(request, id));
		return "vulns/receipt";
	}

	@GetMapping("/vulns")
	String list(CaseViewer viewer, @RequestParam(required = false) @Nullable String status,
			@RequestParam(defaultValue = "") String q, @RequestParam(defaultValue = "0") int page, Model model) {
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

	@GetMapping({ "/vulns/{id}", "/public/vulns/cases/{id}" })
	String detail(CaseViewer viewer, @PathVariable UUID id, Model model, HttpServletRequest request) {
		var found = cases.find(viewer, id).orElseThrow(CaseNotFound::new);
		if (!model.containsAttribute("move")) {
			model.addAttribute("move", new TransitionForm());
		}
		return detailPage(model, viewer, found, request);
	}

	@PostMapping("/vulns/{id}/transitions")
	String transition(CaseViewer viewer, @PathVariable UUID id, @ModelAttribute("move") TransitionForm form,
			BindingResult binding, Model model, HttpServletRequest request, HttpServletResponse response,
			RedirectAttributes redirect) {
		var found = cases.find(viewer, id).orElseThrow(CaseNotFound::new);
		if (!viewer.coordinator()) {
			throw new ResponseStatusException(HttpStatus.FORBIDDEN);
		}
		var problems = new ArrayList<InvalidFields.Problem>();
		var move = form.request(problems);
		try {
			if (!problems.isEmpty()) {
				throw new InvalidFields(problems);
			}
			cases.transition(viewer, id, move);
		}
		catch (InvalidFields e) {
			reject(binding, e);
			response.setStatus(422);
			return detailPage(model, viewer, found, request);
		}
		catch (InvalidInput e) {
			if (e.status() == HttpStatus.FORBIDDEN || e.status() == HttpStatus.NOT_FOUND) {
				throw e;
			}
			binding.rejectValue(e.field(), e.messageKey(), e.getMessage());
			response.setStatus(e.status().value());
			return detailPage(model, viewer, cases.find(viewer, id).orElseThrow(CaseNotFound::new), request);
		}
		redirect.addFlashAttribute("notice", "vulns.notice.moved");
		return "redirect:/vulns/" + id;
	}

	/** More files for the report, from the finder or a coordinator. */
	@PostMapping({ "/vulns/{id}/files", "/public/vulns/cases/{id}/files" })
	String addFiles(CaseViewer viewer, @PathVariable UUID id,
			@RequestParam(name = "files", required = false) @Nullable List<MultipartFile> files,
			HttpServletRequest request, RedirectAttributes redirect) {
		var base = CaseViewers.base(request, id);
		cases.find(viewer, id).orElseThrow(CaseNotFound::new);
		try {
			thread.attachToReport(viewer, id, Files.uploads(files));
		}
		catch (InvalidInput e) {
			if (e.status() == HttpStatus.FORBIDDEN || e.status() == HttpStatus.NOT_FOUND) {
				throw e;
			}
			redirect.addFlashAttribute("filesError", e.messageKey());
			return "redirect:" + base + "#files";
		}
		redirect.addFlashAttribute("notice", "vulns.notice.files-added");
		return "redirect:" + base + "#files";
	}

	@PostMapping("/vulns/{id}/files/{fileId}/sharing")
	String share(CaseViewer viewer, @PathVariable UUID id, @PathVariable UUID fileId,
			@RequestParam(defaultValue = "false") boolean shared, RedirectAttributes redirect) {
		attachments.share(viewer, id, fileId, shared);
		redirect.addFlashAttribute("notice", shared ? "vulns.notice.file-shared" : "vulns.notice.file-unshared");
		return "redirect:/vulns/" + id + "#files";
	}

	@GetMapping({ "/vulns/{id}/files/{fileId}", "/public/vulns/cases/{id}/files/{fileId}" })
	ResponseEntity<byte[]> download(CaseViewer viewer, @PathVariable UUID id, @PathVariable UUID fileId) {
		return Files.download(attachments.open(viewer, id, fileId));
	}

	private String reportPage(Model model, ReportForm form) {
		model.addAttribute("form", form);
		model.addAttribute("kinds", CaseKind.values());
		model.addAttribute("action", "/vulns/report");
		model.addAttribute("maxFileBytes", attachments.maxBytes());
		return "vulns/report";
	}

	private String detailPage(Model model, CaseViewer viewer, VulnCase found, HttpServletRequest request) {
		var participation = cases.participation(viewer, found.id());
		CasePage.header(model, found, participation, CaseViewers.base(request, found.id()), "overview");
		model.addAttribute("cvss", scored(found.suggestedCvss()));
		model.addAttribute("finder", cases.finderContact(viewer, found.id()).orElse(null));
		model.addAttribute("history", cases.history(viewer, found.id()));
		model.addAttribute("vulnerabilities", vulnerabilities.list(viewer, found.id()));
		model.addAttribute("files", attachments.list(viewer, found.id()).stream().filter(a -> a.messageId() == null).toList());
		model.addAttribute("maxFileBytes", attachments.maxBytes());
		model.addAttribute("mayAddFiles", (participation.finder() || participation.coordinator()) && found.status().open());
		if (participation.coordinator()) {
			model.addAttribute("summary", vendors.summary(viewer, found.id()));
		}
		if (participation.vendor() && !participation.coordinator()) {
			model.addAttribute("ownVendors", vendors.list(viewer, found.id(), VendorFilter.ALL, null, 0, 50).items());
		}
		var next = List.copyOf(found.status().next(found.kind()));
		model.addAttribute("next", next);
		model.addAttribute("outcomes", List.copyOf(found.status().closingOutcomes(found.kind())));
		model.addAttribute("asksContactDate", next.contains(CaseStatus.VENDOR_CONTACTED));
		model.addAttribute("asksPublication", next.contains(CaseStatus.DATE_AGREED));
		model.addAttribute("asksOutcome", next.contains(CaseStatus.CLOSED));
		return "vulns/detail";
	}

	/** The suggested vector, scored; null when none was given (or one stored before vectors were checked). */
	static @Nullable CvssVector scored(String vector) {
		try {
			return vector.isBlank() ? null : CvssVector.parse(vector);
		}
		catch (InvalidCvssVector e) {
			return null;
		}
	}

	static void reject(BindingResult binding, InvalidFields e) {
		for (var p : e.problems()) {
			binding.rejectValue(p.field(), p.messageKey(), p.args().toArray(), p.message());
		}
	}
}
