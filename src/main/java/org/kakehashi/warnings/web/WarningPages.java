package org.kakehashi.warnings.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import jakarta.servlet.http.HttpServletResponse;

import org.jspecify.annotations.Nullable;
import org.kakehashi.identity.Directory;
import org.kakehashi.identity.KakehashiUser;
import org.kakehashi.platform.InvalidFields;
import org.kakehashi.platform.InvalidInput;
import org.kakehashi.sharing.Tlp;
import org.kakehashi.warnings.internal.Agreements;
import org.kakehashi.warnings.internal.Urgency;
import org.kakehashi.warnings.internal.Warning;
import org.kakehashi.warnings.internal.WarningChecks;
import org.kakehashi.warnings.internal.WarningLists;
import org.kakehashi.warnings.internal.WarningSenders;
import org.kakehashi.warnings.internal.WarningStatus;
import org.kakehashi.warnings.internal.WarningTemplates;
import org.kakehashi.warnings.internal.WarningViewer;
import org.kakehashi.warnings.internal.Warnings;
import org.kakehashi.warnings.internal.Warnings.WarningNotFound;
import org.springframework.context.i18n.LocaleContextHolder;
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
 * The sender's pages: the organisation's warnings, composing (from a template) and editing, the warning page with
 * its workflow (review by a second person, the recipients it would reach, publish, update, withdraw) and, once
 * published, the tracking dashboard. Recipients read warnings in their inbox; anyone else gets 404.
 */
@Controller
class WarningPages {

	static final int PAGE_SIZE = 25;
	/** Planned recipients listed by name before publishing; the count covers them all. */
	static final int PLANNED_SHOWN = 300;

	private final Warnings warnings;
	private final WarningLists lists;
	private final WarningSenders senders;
	private final WarningTemplates templates;
	private final Agreements agreements;
	private final Directory directory;
	private final WarningTracking tracking;
	private final WarningChecks checks;

	WarningPages(Warnings warnings, WarningLists lists, WarningSenders senders, WarningTemplates templates,
			Agreements agreements, Directory directory, WarningTracking tracking, WarningChecks checks) {
		this.tracking = tracking;
		this.checks = checks;
		this.warnings = warnings;
		this.lists = lists;
		this.senders = senders;
		this.templates = templates;
		this.agreements = agreements;
		this.directory = directory;
	}

	@GetMapping("/warnings")
	String list(@AuthenticationPrincipal KakehashiUser user, @RequestParam(required = false) @Nullable String status,
			@RequestParam(defaultValue = "") String q, @RequestParam(defaultValue = "0") int page, Model model) {
		var viewer = WarningViewer.of(user);
		if (!viewer.senderStaff()) {
			return "redirect:/warnings/inbox";
		}
		WarningStatus filter = null;
		if (status != null && !status.isBlank()) {
			try {
				filter = WarningStatus.valueOf(status);
			}
			catch (IllegalArgumentException e) {
				throw new ResponseStatusException(HttpStatus.BAD_REQUEST);
			}
		}
		model.addAttribute("statuses", WarningStatus.values());
		model.addAttribute("status", filter == null ? "" : filter.name());
		model.addAttribute("q", q);
		model.addAttribute("page", lists.sent(viewer, filter, q, Math.max(0, page), PAGE_SIZE));
		model.addAttribute("filtered", filter != null || !q.isBlank());
		return "warnings/list";
	}

	@GetMapping("/warnings/new")
	String compose(@AuthenticationPrincipal KakehashiUser user, @RequestParam(defaultValue = "") String template,
			Model model) {
		var viewer = requireSender(user);
		var form = new WarningForm();
		if (!template.isBlank()) {
			form = WarningForm.of(templates.content(viewer, template)
				.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No such template.")), null);
			form.setTemplate(template);
		}
		return composePage(model, viewer, null, form, "new");
	}

	@PostMapping("/warnings")
	String create(@AuthenticationPrincipal KakehashiUser user, @ModelAttribute("form") WarningForm form,
			BindingResult binding, @RequestParam(defaultValue = "save") String action, Model model,
			HttpServletResponse response, RedirectAttributes redirect) {
		var viewer = requireSender(user);
		if (binding.hasErrors()) {
			response.setStatus(422);
			return composePage(model, viewer, null, form, "new");
		}
		var review = "review".equals(action);
		var problems = new ArrayList<InvalidFields.Problem>();
		var content = form.content(problems);
		problems.addAll(checks.problems(content, review).stream()
			.filter(p -> problems.stream().noneMatch(mine -> mine.field().equals(p.field()))).toList());
		Warning created;
		try {
			if (!problems.isEmpty()) {
				throw new InvalidFields(problems);
			}
			created = warnings.create(viewer, content);
		}
		catch (InvalidFields e) {
			reject(binding, form, e);
			response.setStatus(422);
			return composePage(model, viewer, null, form, "new");
		}
		return afterSave(viewer, created, review, redirect);
	}

	@GetMapping("/warnings/{id}/edit")
	String edit(@AuthenticationPrincipal KakehashiUser user, @PathVariable UUID id, Model model) {
		var viewer = senderOf(user, id);
		var warning = own(viewer, id);
		if (!warning.status().editable()) {
			return "redirect:/warnings/" + id + "/revise";
		}
		return composePage(model, viewer, warning, WarningForm.of(warning.content(), warning.revision()), "edit");
	}

	@PostMapping("/warnings/{id}")
	String save(@AuthenticationPrincipal KakehashiUser user, @PathVariable UUID id,
			@ModelAttribute("form") WarningForm form, BindingResult binding,
			@RequestParam(defaultValue = "save") String action, Model model, HttpServletResponse response,
			RedirectAttributes redirect) {
		var viewer = senderOf(user, id);
		var warning = own(viewer, id);
		if (binding.hasErrors()) {
			response.setStatus(422);
			return composePage(model, viewer, warning, form, "edit");
		}
		var review = "review".equals(action);
		var problems = new ArrayList<InvalidFields.Problem>();
		var content = form.content(problems);
		problems.addAll(checks.problems(content, review).stream()
			.filter(p -> problems.stream().noneMatch(mine -> mine.field().equals(p.field()))).toList());
		Warning saved;
		try {
			if (!problems.isEmpty()) {
				throw new InvalidFields(problems);
			}
			saved = warnings.update(viewer, id, content, form.getBasedOnRevision());
		}
		catch (InvalidFields e) {
			reject(binding, form, e);
			response.setStatus(422);
			return composePage(model, viewer, warning, form, "edit");
		}
		catch (InvalidInput e) {
			rejectInput(binding, form, e);
			response.setStatus(e.status().value());
			return composePage(model, viewer, warning, form, "edit");
		}
		return afterSave(viewer, saved, review, redirect);
	}

	/** After a save: the warning page, or straight into review when that was asked for. */
	private String afterSave(WarningViewer viewer, Warning warning, boolean review, RedirectAttributes redirect) {
		if (review && warning.status() == WarningStatus.DRAFT && warnings.reviewRequired()) {
			try {
				warnings.requestReview(viewer, warning.id());
				redirect.addFlashAttribute("notice", "warnings.notice.review-requested");
				return "redirect:/warnings/" + warning.id();
			}
			catch (InvalidFields | InvalidInput e) {
				// Saved, but not sendable: the page says why.
				redirect.addFlashAttribute("notice", "warnings.notice.saved-not-sent");
				return "redirect:/warnings/" + warning.id();
			}
		}
		redirect.addFlashAttribute("notice", "warnings.notice.saved");
		return "redirect:/warnings/" + warning.id();
	}

	@GetMapping("/warnings/{id}")
	String show(@AuthenticationPrincipal KakehashiUser user, @PathVariable UUID id, Model model) {
		var viewer = WarningViewer.of(user);
		if (senders.editors(viewer, id).isEmpty()) {
			if (senders.received(viewer, id)) {
				// Recipients read in their inbox, which marks the read and audits it.
				return "redirect:/warnings/inbox/" + id;
			}
			throw new WarningNotFound();
		}
		return page(model, viewer, id, null, Map.of());
	}

	@PostMapping("/warnings/{id}/review-request")
	String requestReview(@AuthenticationPrincipal KakehashiUser user, @PathVariable UUID id, Model model,
			HttpServletResponse response, RedirectAttributes redirect) {
		var viewer = senderOf(user, id);
		try {
			warnings.requestReview(viewer, id);
		}
		catch (InvalidInput e) {
			return failed(model, viewer, id, e, Map.of(), response);
		}
		catch (InvalidFields e) {
			return failed(model, viewer, id, first(e), Map.of(), response);
		}
		redirect.addFlashAttribute("notice", "warnings.notice.review-requested");
		return "redirect:/warnings/" + id;
	}

	@PostMapping("/warnings/{id}/review")
	String review(@AuthenticationPrincipal KakehashiUser user, @PathVariable UUID id,
			@RequestParam(defaultValue = "") String decision, @RequestParam(defaultValue = "") String comment,
			Model model, HttpServletResponse response, RedirectAttributes redirect) {
		var viewer = senderOf(user, id);
		if (!"approve".equals(decision) && !"return".equals(decision)) {
			return failed(model, viewer, id, new InvalidInput("decision", "warnings.error.decision",
					"Approve or return the warning."), Map.of("comment", comment), response);
		}
		try {
			warnings.review(viewer, id, "approve".equals(decision), comment);
		}
		catch (InvalidInput e) {
			return failed(model, viewer, id, e, Map.of("comment", comment), response);
		}
		redirect.addFlashAttribute("notice", "approve".equals(decision) ? "warnings.notice.approved"
				: "warnings.notice.returned");
		return "redirect:/warnings/" + id;
	}

	@PostMapping("/warnings/{id}/publication")
	String publish(@AuthenticationPrincipal KakehashiUser user, @PathVariable UUID id, Model model,
			HttpServletResponse response, RedirectAttributes redirect) {
		var viewer = senderOf(user, id);
		try {
			warnings.publish(viewer, id);
		}
		catch (InvalidInput e) {
			return failed(model, viewer, id, e, Map.of(), response);
		}
		catch (InvalidFields e) {
			return failed(model, viewer, id, first(e), Map.of(), response);
		}
		redirect.addFlashAttribute("notice", "warnings.notice.published");
		return "redirect:/warnings/" + id;
	}

	@GetMapping("/warnings/{id}/revise")
	String reviseForm(@AuthenticationPrincipal KakehashiUser user, @PathVariable UUID id, Model model) {
		var viewer = senderOf(user, id);
		var warning = own(viewer, id);
		if (warning.status() != WarningStatus.PUBLISHED) {
			return "redirect:/warnings/" + id + (warning.status().editable() ? "/edit" : "");
		}
		return composePage(model, viewer, warning, WarningForm.of(warning.content(), warning.revision()), "revise");
	}

	@PostMapping("/warnings/{id}/revision")
	String revise(@AuthenticationPrincipal KakehashiUser user, @PathVariable UUID id,
			@ModelAttribute("form") WarningForm form, BindingResult binding, Model model,
			HttpServletResponse response, RedirectAttributes redirect) {
		var viewer = senderOf(user, id);
		var warning = own(viewer, id);
		if (binding.hasErrors()) {
			response.setStatus(422);
			return composePage(model, viewer, warning, form, "revise");
		}
		var problems = new ArrayList<InvalidFields.Problem>();
		var content = form.content(problems);
		try {
			if (!problems.isEmpty()) {
				throw new InvalidFields(problems);
			}
			warnings.revise(viewer, id, content, form.getChangeNote(), form.getBasedOnRevision());
		}
		catch (InvalidFields e) {
			reject(binding, form, e);
			response.setStatus(422);
			return composePage(model, viewer, warning, form, "revise");
		}
		catch (InvalidInput e) {
			rejectInput(binding, form, e);
			response.setStatus(e.status().value());
			return composePage(model, viewer, warning, form, "revise");
		}
		redirect.addFlashAttribute("notice", "warnings.notice.revised");
		return "redirect:/warnings/" + id;
	}

	@PostMapping("/warnings/{id}/withdrawal")
	String withdraw(@AuthenticationPrincipal KakehashiUser user, @PathVariable UUID id,
			@RequestParam(defaultValue = "") String reason, Model model, HttpServletResponse response,
			RedirectAttributes redirect) {
		var viewer = senderOf(user, id);
		try {
			warnings.withdraw(viewer, id, reason);
		}
		catch (InvalidInput e) {
			return failed(model, viewer, id, e, Map.of("reason", reason), response);
		}
		redirect.addFlashAttribute("notice", "warnings.notice.withdrawn");
		return "redirect:/warnings/" + id;
	}

	/** Organisations matching a name, as unticked additional recipients (htmx, from the form's search box). */
	@GetMapping("/warnings/organisations")
	String organisations(@AuthenticationPrincipal KakehashiUser user, @RequestParam(defaultValue = "") String q,
			Model model) {
		var viewer = requireSender(user);
		var locale = LocaleContextHolder.getLocale();
		var query = q.strip().toLowerCase(Locale.ROOT);
		var results = new LinkedHashMap<UUID, String>();
		if (!query.isEmpty()) {
			for (var o : directory.allOrganisations()) {
				if (o.id().equals(viewer.organisationId())) {
					continue;
				}
				if (o.name().toLowerCase(Locale.ROOT).contains(query)
						|| o.nameEn() != null && o.nameEn().toLowerCase(Locale.ROOT).contains(query)) {
					results.put(o.id(), o.name(locale));
				}
				if (results.size() == 20) {
					break;
				}
			}
		}
		model.addAttribute("query", q);
		model.addAttribute("results", results);
		return "warnings/compose :: organisationResults";
	}

	/** The warning page again, the refusal explained beside its field and what was typed kept. */
	private String failed(Model model, WarningViewer viewer, UUID id, InvalidInput e, Map<String, String> typed,
			HttpServletResponse response) {
		if (e.status() == HttpStatus.FORBIDDEN || e.status() == HttpStatus.NOT_FOUND) {
			throw e;
		}
		response.setStatus(e.status().value());
		return page(model, viewer, id, e, typed);
	}

	String page(Model model, WarningViewer viewer, UUID id, @Nullable InvalidInput problem, Map<String, String> typed) {
		var english = "en".equals(LocaleContextHolder.getLocale().getLanguage());
		var view = warnings.view(viewer, id, english).orElseThrow(WarningNotFound::new);
		if (!(view instanceof Warnings.SenderView sender)) {
			throw new WarningNotFound();
		}
		var warning = sender.warning();
		var editors = senders.editors(viewer, id).orElseThrow(WarningNotFound::new);
		model.addAttribute("w", warning);
		model.addAttribute("c", warning.content());
		model.addAttribute("editors", editors);
		model.addAttribute("revisions", sender.revisions());
		model.addAttribute("additionNames", sender.additionNames());
		model.addAttribute("problem", problem);
		model.addAttribute("typed", typed);
		model.addAttribute("sectorNames", sectorNames());
		model.addAttribute("reviewRequired", warnings.reviewRequired());
		model.addAttribute("ownEdit", editors.lastEditorId().equals(viewer.userId()));
		var status = warning.status();
		var publishable = status == WarningStatus.APPROVED || status == WarningStatus.DRAFT && !warnings.reviewRequired();
		model.addAttribute("publishable", publishable);
		if (publishable) {
			var planned = warnings.plannedRecipients(viewer, id);
			model.addAttribute("plannedCount", planned.size());
			var shown = planned.size() > PLANNED_SHOWN ? planned.subList(0, PLANNED_SHOWN) : planned;
			model.addAttribute("planned", shown);
			var names = sectorNames();
			var scopes = new LinkedHashMap<UUID, List<String>>();
			for (var p : shown) {
				if (p.agreementId() != null && !scopes.containsKey(p.agreementId())) {
					agreements.find(viewer, p.agreementId()).ifPresent(a -> scopes.put(a.id(), List.of(
							String.join(", ", a.sectors().stream().map(code -> names.getOrDefault(code, code)).toList()),
							String.join(", ", a.topics()), String.join(", ", a.keywords()))));
				}
			}
			model.addAttribute("agreementScopes", scopes);
		}
		model.addAttribute("templateName", typed.getOrDefault("templateName", ""));
		if (status.published()) {
			WarningTracking.dashboard(model, warnings, viewer, id, "ALL");
			model.addAttribute("chart", tracking.chart((org.kakehashi.warnings.internal.TrackingDao.Tracking) model.getAttribute("tracking")));
		}
		return "warnings/detail";
	}

	private String composePage(Model model, WarningViewer viewer, @Nullable Warning warning, WarningForm form,
			String mode) {
		var locale = LocaleContextHolder.getLocale();
		model.addAttribute("form", form);
		model.addAttribute("w", warning);
		model.addAttribute("mode", mode);
		model.addAttribute("urgencies", Urgency.values());
		model.addAttribute("levels", List.of(Tlp.AMBER_STRICT, Tlp.AMBER, Tlp.GREEN, Tlp.CLEAR));
		model.addAttribute("sectorNames", sectorNames());
		model.addAttribute("reviewRequired", warnings.reviewRequired());
		if ("new".equals(mode)) {
			model.addAttribute("templates", templates.list(viewer, locale));
		}
		var chosen = new LinkedHashMap<String, String>();
		var ids = new ArrayList<UUID>();
		for (var addition : form.getAdditions()) {
			try {
				ids.add(UUID.fromString(addition.strip()));
			}
			catch (IllegalArgumentException e) {
				// Not an organisation id: the form shows the error; nothing to name.
			}
		}
		directory.organisations(ids).values().forEach(o -> chosen.put(o.id().toString(), o.name(locale)));
		model.addAttribute("chosenOrganisations", chosen);
		return "warnings/compose";
	}

	private Map<String, String> sectorNames() {
		var locale = LocaleContextHolder.getLocale();
		var sectors = new LinkedHashMap<String, String>();
		directory.sectors().forEach(s -> sectors.put(s.code(), s.name(locale)));
		return sectors;
	}

	private void reject(BindingResult binding, WarningForm form, InvalidFields e) {
		for (var p : e.problems()) {
			var onForm = form.onForm(p);
			binding.rejectValue(onForm.field(), onForm.messageKey(), onForm.args().toArray(), onForm.message());
		}
	}

	private static void rejectInput(BindingResult binding, WarningForm form, InvalidInput e) {
		if (e.status() == HttpStatus.FORBIDDEN || e.status() == HttpStatus.NOT_FOUND) {
			throw e;
		}
		switch (e.field()) {
			case "changeNote", "basedOnRevision" -> binding.rejectValue(e.field(), e.messageKey(), e.getMessage());
			default -> binding.reject(e.messageKey(), e.getMessage());
		}
	}

	private static InvalidInput first(InvalidFields e) {
		var p = e.problems().get(0);
		return new InvalidInput(p.field(), p.messageKey(), p.message(), HttpStatus.UNPROCESSABLE_ENTITY);
	}

	private Warning own(WarningViewer viewer, UUID id) {
		var english = "en".equals(LocaleContextHolder.getLocale().getLanguage());
		if (senders.editors(viewer, id).isEmpty()) {
			throw new WarningNotFound();
		}
		var view = warnings.view(viewer, id, english).orElseThrow(WarningNotFound::new);
		if (!(view instanceof Warnings.SenderView sender)) {
			throw new WarningNotFound();
		}
		return sender.warning();
	}

	/** Sender staff of the warning's organisation; anyone else is told the warning does not exist. */
	WarningViewer senderOf(KakehashiUser user, UUID id) {
		var viewer = WarningViewer.of(user);
		if (senders.editors(viewer, id).isEmpty()) {
			throw new WarningNotFound();
		}
		return viewer;
	}

	static WarningViewer requireSender(KakehashiUser user) {
		var viewer = WarningViewer.of(user);
		if (!viewer.senderStaff()) {
			throw new ResponseStatusException(HttpStatus.FORBIDDEN);
		}
		return viewer;
	}
}
