package org.kakehashi.reporting.cases.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;

import org.jspecify.annotations.Nullable;
import org.kakehashi.identity.KakehashiUser;
import org.kakehashi.platform.InvalidInput;
import org.kakehashi.reporting.cases.CaseNotFound;
import org.kakehashi.reporting.cases.CaseStatus;
import org.kakehashi.reporting.cases.Cases;
import org.kakehashi.reporting.cases.ContactChannel;
import org.kakehashi.reporting.internal.Viewers;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Coordination case pages: the list, a case with its tasks, contacts, log and evidence, and their forms. */
@Controller
class CaseController {

	static final int PAGE_SIZE = 25;

	private final Cases cases;
	private final Viewers viewers;

	CaseController(Cases cases, Viewers viewers) {
		this.cases = cases;
		this.viewers = viewers;
	}

	@GetMapping("/cases")
	String list(@AuthenticationPrincipal KakehashiUser user, @RequestParam(required = false) @Nullable String status,
			@RequestParam(required = false) @Nullable Integer page,
			@RequestHeader(name = "HX-Request", required = false) @Nullable String htmx, Model model) {
		var viewer = viewers.of(user);
		var chosen = parseStatus(status);
		var p = page == null ? 0 : Math.max(0, page - 1);
		model.addAttribute("result", cases.list(viewer, chosen, p, PAGE_SIZE));
		model.addAttribute("status", chosen);
		model.addAttribute("statuses", CaseStatus.values());
		model.addAttribute("requests", Cases.caseWorker(viewer) ? cases.requests(viewer) : java.util.List.of());
		return htmx != null ? "reporting/cases/list :: results" : "reporting/cases/list";
	}

	@GetMapping("/cases/{id}")
	String detail(@AuthenticationPrincipal KakehashiUser user, @PathVariable UUID id, Model model) {
		var viewer = viewers.of(user);
		var detail = cases.find(viewer, id).orElseThrow(CaseNotFound::new);
		model.addAttribute("kase", detail);
		model.addAttribute("owners", detail.workable() ? cases.taskOwners(viewer, id) : java.util.List.of());
		model.addAttribute("channels", ContactChannel.values());
		model.addAttribute("maxEvidenceMb", cases.maxEvidenceBytes() / (1024 * 1024));
		return "reporting/cases/detail";
	}

	@PostMapping("/reports/{id}/cases")
	String open(@AuthenticationPrincipal KakehashiUser user, @PathVariable UUID id,
			@RequestParam(required = false) @Nullable String title, RedirectAttributes redirect, HttpServletRequest request) {
		var created = new UUID[1];
		var target = WebErrors.perform(() -> created[0] = cases.open(viewers.of(user), id, title).id(), "/reports/" + id + "#triage",
				"case.saved.opened", "triageError", redirect, request);
		return created[0] == null ? target : "redirect:/cases/" + created[0];
	}

	@PostMapping("/cases/{id}/reports")
	String linkReport(@AuthenticationPrincipal KakehashiUser user, @PathVariable UUID id,
			@RequestParam(defaultValue = "") String reportId, RedirectAttributes redirect, HttpServletRequest request) {
		return act(id, "case.saved.report", redirect, request, () -> cases.linkReport(viewers.of(user), id, reportId));
	}

	@PostMapping("/cases/{id}/tasks")
	String addTask(@AuthenticationPrincipal KakehashiUser user, @PathVariable UUID id,
			@RequestParam(required = false) @Nullable String title, @RequestParam(required = false) @Nullable String ownerId,
			@RequestParam(required = false) @Nullable String dueOn, RedirectAttributes redirect, HttpServletRequest request) {
		return act(id, "case.saved.task", redirect, request, () -> cases.addTask(viewers.of(user), id,
				new Cases.TaskDraft(title, TriageController.uuid("ownerId", ownerId), date(dueOn))));
	}

	@PostMapping("/cases/{id}/tasks/{taskId}/done")
	String taskDone(@AuthenticationPrincipal KakehashiUser user, @PathVariable UUID id, @PathVariable UUID taskId,
			@RequestParam(defaultValue = "true") boolean done, RedirectAttributes redirect, HttpServletRequest request) {
		return act(id, "case.saved.task-done", redirect, request,
				() -> cases.changeTask(viewers.of(user), id, taskId, new Cases.TaskChange(null, null, null, done)));
	}

	@PostMapping("/cases/{id}/contacts")
	String addContact(@AuthenticationPrincipal KakehashiUser user, @PathVariable UUID id,
			@RequestParam(required = false) @Nullable String name,
			@RequestParam(required = false) @Nullable String organisation,
			@RequestParam(required = false) @Nullable String country, @RequestParam(required = false) @Nullable String channel,
			@RequestParam(required = false) @Nullable String address, @RequestParam(defaultValue = "false") boolean foreignCsirt,
			RedirectAttributes redirect, HttpServletRequest request) {
		return act(id, "case.saved.contact", redirect, request, () -> cases.addContact(viewers.of(user), id,
				new Cases.ContactDraft(name, organisation, country, channel(channel), address, foreignCsirt)));
	}

	@PostMapping("/cases/{id}/log")
	String addLog(@AuthenticationPrincipal KakehashiUser user, @PathVariable UUID id,
			@RequestParam(required = false) @Nullable String body, RedirectAttributes redirect, HttpServletRequest request) {
		return act(id, "case.saved.log", redirect, request, () -> cases.addLog(viewers.of(user), id, body));
	}

	@PostMapping("/cases/{id}/evidence")
	String addEvidence(@AuthenticationPrincipal KakehashiUser user, @PathVariable UUID id,
			@RequestParam(required = false) @Nullable MultipartFile file,
			@RequestParam(required = false) @Nullable String description, RedirectAttributes redirect,
			HttpServletRequest request) {
		return act(id, "case.saved.evidence", redirect, request, () -> {
			cases.checkChangeable(viewers.of(user), id);
			if (file == null || file.isEmpty()) {
				throw new InvalidInput("file", "case.error.evidence-empty", "Choose a file.");
			}
			try (var in = file.getInputStream()) {
				cases.addEvidence(viewers.of(user), id, file.getOriginalFilename(), description, in);
			} catch (IOException e) {
				throw new UncheckedIOException(e);
			}
		});
	}

	@GetMapping("/cases/{id}/evidence/{evidenceId}")
	ResponseEntity<Resource> download(@AuthenticationPrincipal KakehashiUser user, @PathVariable UUID id,
			@PathVariable UUID evidenceId) {
		return evidenceResponse(cases.openEvidence(viewers.of(user), id, evidenceId));
	}

	/** Always a download, typed by the sniffed bytes, never rendered inline by the browser. */
	static ResponseEntity<Resource> evidenceResponse(Cases.Download download) {
		if (!Files.isRegularFile(download.file())) {
			throw new CaseNotFound("The evidence file is missing.");
		}
		var evidence = download.evidence();
		return ResponseEntity.ok()
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment().filename(evidence.fileName(), StandardCharsets.UTF_8).build().toString())
			.header("X-Content-Type-Options", "nosniff")
			.header(HttpHeaders.CACHE_CONTROL, "private, no-store")
			.header("X-Evidence-SHA256", evidence.sha256())
			.contentType(MediaType.parseMediaType(evidence.contentType()))
			.contentLength(evidence.sizeBytes())
			.body(new FileSystemResource(download.file()));
	}

	@PostMapping("/cases/{id}/close")
	String close(@AuthenticationPrincipal KakehashiUser user, @PathVariable UUID id,
			@RequestParam(required = false) @Nullable String closureSummary, RedirectAttributes redirect,
			HttpServletRequest request) {
		return act(id, "case.saved.closed", redirect, request, () -> cases.close(viewers.of(user), id, closureSummary));
	}

	@PostMapping("/cases/{id}/reopen")
	String reopen(@AuthenticationPrincipal KakehashiUser user, @PathVariable UUID id, RedirectAttributes redirect,
			HttpServletRequest request) {
		return act(id, "case.saved.reopened", redirect, request, () -> cases.reopen(viewers.of(user), id));
	}

	private static String act(UUID caseId, String notice, RedirectAttributes redirect, HttpServletRequest request,
			Runnable action) {
		return WebErrors.perform(action, "/cases/" + caseId, notice, "caseError", redirect, request);
	}

	static @Nullable CaseStatus parseStatus(@Nullable String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			return CaseStatus.valueOf(value);
		} catch (IllegalArgumentException e) {
			return null;
		}
	}

	static @Nullable ContactChannel channel(@Nullable String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			return ContactChannel.valueOf(value);
		} catch (IllegalArgumentException e) {
			throw new InvalidInput("channel", "case.error.channel", "Choose how to reach the contact.");
		}
	}

	static @Nullable LocalDate date(@Nullable String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			return LocalDate.parse(value.strip());
		} catch (DateTimeParseException e) {
			throw new InvalidInput("dueOn", "case.error.date", "A date as YYYY-MM-DD.");
		}
	}
}
