package org.kakehashi.reporting.web;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.kakehashi.identity.Directory;
import org.kakehashi.identity.KakehashiUser;
import org.kakehashi.platform.InvalidFields;
import org.kakehashi.platform.InvalidInput;
import org.kakehashi.platform.web.DisplayTime;
import org.kakehashi.reporting.Cause;
import org.kakehashi.reporting.EventType;
import org.kakehashi.reporting.ObservableType;
import org.kakehashi.reporting.ReportKind;
import org.kakehashi.reporting.ReportPanels;
import org.kakehashi.reporting.Viewer;
import org.kakehashi.reporting.internal.Attachments;
import org.kakehashi.reporting.internal.Report;
import org.kakehashi.reporting.internal.ReportContent;
import org.kakehashi.reporting.internal.ReportDiff;
import org.kakehashi.reporting.internal.ReportFiling;
import org.kakehashi.reporting.internal.ReportFiling.Submission;
import org.kakehashi.reporting.internal.ReportNotFound;
import org.kakehashi.reporting.internal.ReportRules;
import org.kakehashi.reporting.internal.ReportVersion;
import org.kakehashi.reporting.internal.Viewers;
import org.springframework.core.io.Resource;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
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
 * The report pages: the form (new, draft, update, final), the report itself with its relay and versions,
 * the difference between two versions, attachments. Other report panels (clocks, triage) are added by their
 * own controllers through {@link ReportPanels}.
 */
@Controller
class ReportController {

	private final ReportFiling filing;
	private final Attachments attachments;
	private final Viewers viewers;
	private final Directory directory;
	private final DisplayTime displayTime;
	private final List<ReportPanels> panels;
	private final Clock clock;

	ReportController(ReportFiling filing, Attachments attachments, Viewers viewers, Directory directory,
			DisplayTime displayTime, List<ReportPanels> panels, Clock clock) {
		this.clock = clock;
		this.filing = filing;
		this.attachments = attachments;
		this.viewers = viewers;
		this.directory = directory;
		this.displayTime = displayTime;
		this.panels = panels;
	}

	@GetMapping("/reports/new")
	String newReport(@AuthenticationPrincipal KakehashiUser user, @RequestParam(required = false) @Nullable ReportKind kind,
			Model model) {
		var viewer = requireReporter(user);
		var form = new ReportForm().withBlankRows();
		form.setKind(kind == null ? ReportKind.INCIDENT : kind);
		if (viewer.sectors().size() == 1) {
			form.setSectors(List.of(viewer.sectors().get(0)));
		}
		return form(model, viewer, form, null);
	}

	@PostMapping("/reports")
	String create(@AuthenticationPrincipal KakehashiUser user, @ModelAttribute("form") ReportForm form,
			BindingResult binding, @RequestParam(defaultValue = "save") String action, Model model,
			RedirectAttributes redirect) {
		var viewer = requireReporter(user);
		if ("more".equals(action)) {
			return form(model, viewer, form.withMoreRows(), null);
		}
		if (binding.hasErrors()) {
			return form(model, viewer, form.withBlankRows(), null);
		}
		try {
			var content = content(viewer, form, !action.equals("save"));
			var report = switch (action) {
				case "submit" -> filing.createAndSubmit(viewer, content, Submission.REPORT);
				case "final" -> filing.createAndSubmit(viewer, content, Submission.FINAL);
				default -> filing.createDraft(viewer, content);
			};
			redirect.addFlashAttribute("notice", action.equals("save") ? "report.notice.draft-saved" : "report.notice.submitted");
			return action.equals("save") ? "redirect:/reports/" + report.id() + "/edit" : "redirect:/reports/" + report.id();
		} catch (InvalidFields e) {
			reject(binding, form, e);
			return form(model, viewer, form.withBlankRows(), null);
		}
	}

	@GetMapping("/reports/{id}")
	String show(@AuthenticationPrincipal KakehashiUser user, @PathVariable UUID id, Model model) {
		var viewer = viewers.of(user);
		var view = filing.view(viewer, id).orElseThrow(ReportNotFound::new);
		var report = view.report();
		model.addAttribute("report", report);
		model.addAttribute("c", report.content());
		model.addAttribute("viewer", viewer);
		model.addAttribute("mine", report.organisationId().equals(viewer.organisationId()));
		model.addAttribute("canEdit", report.organisationId().equals(viewer.organisationId()) && viewer.reporter()
				&& !report.closedForUpdates());
		model.addAttribute("canForward", viewer.ministryStaff() && !report.draft()
				&& report.content().sectors().stream().anyMatch(viewer.sectors()::contains));
		model.addAttribute("attachments", view.attachments());
		model.addAttribute("versions", view.versions());
		model.addAttribute("organisation", directory.organisation(report.organisationId()).orElse(null));
		model.addAttribute("sectorNames", sectorNames());
		model.addAttribute("maxAttachmentMb", attachments.maxBytes() / (1024 * 1024));
		var ref = new ReportPanels.ReportRef(report.id(), report.number(), report.organisationId(), report.status());
		model.addAttribute("panels", panels.stream().flatMap(p -> p.panels(viewer, ref).stream()).toList());
		return "reporting/detail";
	}

	@GetMapping("/reports/{id}/edit")
	String edit(@AuthenticationPrincipal KakehashiUser user, @PathVariable UUID id, Model model) {
		var viewer = requireReporter(user);
		var report = editable(viewer, id);
		var form = ReportForm.of(report.content(), displayTime.zone());
		form.setBasedOnVersion(report.version());
		return form(model, viewer, form, report);
	}

	@PostMapping("/reports/{id}")
	String update(@AuthenticationPrincipal KakehashiUser user, @PathVariable UUID id,
			@ModelAttribute("form") ReportForm form, BindingResult binding,
			@RequestParam(defaultValue = "save") String action, Model model, RedirectAttributes redirect) {
		var viewer = requireReporter(user);
		var report = editable(viewer, id);
		if ("more".equals(action)) {
			return form(model, viewer, form.withMoreRows(), report);
		}
		if (binding.hasErrors()) {
			return form(model, viewer, form.withBlankRows(), report);
		}
		try {
			var content = content(viewer, form, !action.equals("save"));
			switch (action) {
				case "submit" -> filing.submit(viewer, id, content, Submission.REPORT, form.getBasedOnVersion());
				case "final" -> filing.submit(viewer, id, content, Submission.FINAL, form.getBasedOnVersion());
				default -> filing.saveDraft(viewer, id, content);
			}
		} catch (InvalidFields e) {
			reject(binding, form, e);
			return form(model, viewer, form.withBlankRows(), report);
		} catch (InvalidInput e) {
			binding.reject(e.messageKey(), e.getMessage());
			return form(model, viewer, form.withBlankRows(), report);
		}
		redirect.addFlashAttribute("notice", action.equals("save") ? "report.notice.draft-saved" : "report.notice.submitted");
		return action.equals("save") ? "redirect:/reports/" + id + "/edit" : "redirect:/reports/" + id;
	}

	@PostMapping("/reports/{id}/delete")
	String delete(@AuthenticationPrincipal KakehashiUser user, @PathVariable UUID id, RedirectAttributes redirect) {
		filing.deleteDraft(requireReporter(user), id);
		redirect.addFlashAttribute("notice", "report.notice.draft-deleted");
		return "redirect:/reports";
	}

	@PostMapping("/reports/{id}/forward")
	String forward(@AuthenticationPrincipal KakehashiUser user, @PathVariable UUID id,
			@RequestParam(required = false) @Nullable String note, RedirectAttributes redirect) {
		filing.forward(viewers.of(user), id, note);
		redirect.addFlashAttribute("notice", "report.notice.forwarded");
		return "redirect:/reports/" + id;
	}

	@GetMapping("/reports/{id}/versions/{version}")
	String version(@AuthenticationPrincipal KakehashiUser user, @PathVariable UUID id, @PathVariable int version,
			Model model) {
		var view = filing.view(viewers.of(user), id).orElseThrow(ReportNotFound::new);
		var report = view.report();
		var versions = view.versions();
		var shown = versions.stream().filter(v -> v.version() == version).findFirst().orElseThrow(ReportNotFound::new);
		model.addAttribute("report", report);
		model.addAttribute("shown", shown);
		model.addAttribute("c", shown.snapshot().content());
		model.addAttribute("versions", versions);
		model.addAttribute("sectorNames", sectorNames());
		return "reporting/version";
	}

	@GetMapping("/reports/{id}/diff")
	String diff(@AuthenticationPrincipal KakehashiUser user, @PathVariable UUID id,
			@RequestParam(required = false) @Nullable Integer from, @RequestParam(required = false) @Nullable Integer to,
			Model model) {
		var view = filing.view(viewers.of(user), id).orElseThrow(ReportNotFound::new);
		var report = view.report();
		var versions = view.versions();
		if (versions.isEmpty()) {
			throw new ReportNotFound();
		}
		int toVersion = to == null ? versions.get(versions.size() - 1).version() : to;
		int fromVersion = from == null ? Math.max(1, toVersion - 1) : from;
		var before = find(versions, fromVersion);
		var after = find(versions, toVersion);
		model.addAttribute("report", report);
		model.addAttribute("versions", versions);
		model.addAttribute("from", before);
		model.addAttribute("to", after);
		model.addAttribute("changes", ReportDiff.between(before.snapshot().content(), after.snapshot().content()));
		return "reporting/diff";
	}

	@PostMapping("/reports/{id}/attachments")
	String attach(@AuthenticationPrincipal KakehashiUser user, @PathVariable UUID id,
			@RequestParam(name = "file", required = false) @Nullable MultipartFile file, RedirectAttributes redirect) {
		var viewer = requireReporter(user);
		editable(viewer, id);
		if (file == null || file.isEmpty()) {
			redirect.addFlashAttribute("notice", "report.error.attachment-empty");
			return "redirect:/reports/" + id + "#attachments";
		}
		try (var in = file.getInputStream()) {
			attachments.add(viewer, id, file.getOriginalFilename() == null ? "attachment" : file.getOriginalFilename(), in);
			redirect.addFlashAttribute("notice", "report.notice.attached");
		} catch (InvalidInput e) {
			if (e.status() == HttpStatus.FORBIDDEN) {
				throw e;
			}
			redirect.addFlashAttribute("notice", e.messageKey());
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		return "redirect:/reports/" + id + "#attachments";
	}

	@GetMapping("/reports/{id}/attachments/{attachmentId}")
	ResponseEntity<Resource> download(@AuthenticationPrincipal KakehashiUser user, @PathVariable UUID id,
			@PathVariable UUID attachmentId) {
		return Downloads.of(attachments.open(viewers.of(user), id, attachmentId));
	}

	/**
	 * The form's content; when the form itself finds problems, the service's rules are checked too so that
	 * every problem is shown in one pass.
	 */
	private ReportContent content(Viewer viewer, ReportForm form, boolean submitting) {
		var problems = new ArrayList<InvalidFields.Problem>();
		var content = form.content(displayTime.zone(), problems);
		if (!problems.isEmpty()) {
			try {
				ReportRules.check(content, viewer.sectors(), submitting, Instant.now(clock));
			} catch (InvalidFields e) {
				problems.addAll(e.problems());
			}
			throw new InvalidFields(problems);
		}
		return content;
	}

	private String form(Model model, Viewer viewer, ReportForm form, @Nullable Report report) {
		model.addAttribute("form", form);
		model.addAttribute("report", report);
		model.addAttribute("kinds", ReportKind.values());
		model.addAttribute("eventTypeValues", EventType.values());
		model.addAttribute("causeValues", Cause.values());
		model.addAttribute("observableTypes", ObservableType.values());
		model.addAttribute("levels", List.of(0, 1, 2, 3, 4));
		var names = sectorNames();
		model.addAttribute("sectorChoices", viewer.sectors().stream().collect(Collectors.toMap(Function.identity(),
				code -> names.getOrDefault(code, code), (a, b) -> a, java.util.LinkedHashMap::new)));
		return "reporting/form";
	}

	private Map<String, String> sectorNames() {
		var locale = org.springframework.context.i18n.LocaleContextHolder.getLocale();
		return directory.sectors().stream().collect(Collectors.toMap(Directory.SectorRef::code, s -> s.name(locale)));
	}

	private Report editable(Viewer viewer, UUID id) {
		var report = filing.find(viewer, id).orElseThrow(ReportNotFound::new);
		if (!report.organisationId().equals(viewer.organisationId())) {
			throw new ResponseStatusException(HttpStatus.FORBIDDEN);
		}
		if (report.closedForUpdates()) {
			throw new ResponseStatusException(HttpStatus.CONFLICT);
		}
		return report;
	}

	private Viewer requireReporter(KakehashiUser user) {
		var viewer = viewers.of(user);
		if (!viewer.reporter()) {
			throw new ResponseStatusException(HttpStatus.FORBIDDEN);
		}
		return viewer;
	}

	private static void reject(BindingResult binding, ReportForm form, InvalidFields e) {
		for (var p : e.problems()) {
			// Only the form reports row types, by form row; the rules report values by position among filled rows.
			binding.rejectValue(form.formField(p.field()), p.messageKey(), p.args().toArray(), p.message());
		}
	}

	private static ReportVersion find(List<ReportVersion> versions, int version) {
		return versions.stream().filter(v -> v.version() == version).findFirst().orElseThrow(ReportNotFound::new);
	}
}
