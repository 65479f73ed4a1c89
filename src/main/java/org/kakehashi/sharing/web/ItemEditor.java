package org.kakehashi.sharing.web;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.kakehashi.identity.Directory;
import org.kakehashi.identity.KakehashiUser;
import org.kakehashi.platform.InvalidFields;
import org.kakehashi.platform.InvalidInput;
import org.kakehashi.reporting.ObservableType;
import org.kakehashi.reporting.Viewer;
import org.kakehashi.sharing.Tlp;
import org.kakehashi.sharing.internal.AudienceEntry;
import org.kakehashi.sharing.internal.AudienceKind;
import org.kakehashi.sharing.internal.SharedItem;
import org.kakehashi.sharing.internal.SharedItems;
import org.kakehashi.sharing.internal.SharingWorkbench;
import org.kakehashi.sharing.redaction.RedactionSuggestion;
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
 * The hub's editor: the source reports beside the sanitised text, redaction suggestions to accept or reject,
 * the TLP, what the item discloses with the re-identification check, observables and their roles, the audience.
 */
@Controller
class ItemEditor {

	private final SharedItems items;
	private final SharingWorkbench workbench;
	private final Directory directory;

	ItemEditor(SharedItems items, SharingWorkbench workbench, Directory directory) {
		this.items = items;
		this.workbench = workbench;
		this.directory = directory;
	}

	@GetMapping("/sharing/items/{id}/edit")
	String edit(@AuthenticationPrincipal KakehashiUser user, @PathVariable UUID id, Model model) {
		var viewer = items.viewer(user);
		var item = editable(viewer, id);
		var users = item.content().audience().stream().filter(a -> a.kind() == AudienceKind.USER)
			.map(AudienceEntry::ref).toList();
		var form = ItemForm.of(item.content(), item.revision(), workbench.emails(users));
		return page(model, viewer, item, form);
	}

	@PostMapping("/sharing/items/{id}")
	String save(@AuthenticationPrincipal KakehashiUser user, @PathVariable UUID id,
			@ModelAttribute("form") ItemForm form, BindingResult binding, Model model, HttpServletResponse response,
			RedirectAttributes redirect) {
		var viewer = items.viewer(user);
		var item = editable(viewer, id);
		if (binding.hasErrors()) {
			response.setStatus(422);
			return page(model, viewer, item, form.withBlankRows());
		}
		var problems = new ArrayList<InvalidFields.Problem>();
		try {
			var content = form.content(workbench.usersByEmail(form.userEmails()), problems);
			if (!problems.isEmpty()) {
				throw new InvalidFields(problems);
			}
			items.update(viewer, id, content, form.getBasedOnRevision());
		}
		catch (InvalidFields e) {
			for (var p : e.problems()) {
				binding.rejectValue(form.formField(p.field()), p.messageKey(), p.args().toArray(), p.message());
			}
			response.setStatus(422);
			return page(model, viewer, item, form.withBlankRows());
		}
		catch (InvalidInput e) {
			if (e.status() == HttpStatus.FORBIDDEN) {
				throw e;
			}
			binding.reject(e.messageKey(), e.getMessage());
			response.setStatus(e.status().value());
			return page(model, viewer, item, form.withBlankRows());
		}
		redirect.addFlashAttribute("notice", "sharing.notice.saved");
		return "redirect:/sharing/items/" + id + "/edit";
	}

	/** Applies the accepted suggestions for one field (or all of them) and records every decision. */
	@PostMapping("/sharing/items/{id}/redactions")
	String redact(@AuthenticationPrincipal KakehashiUser user, @PathVariable UUID id, @RequestParam String field,
			@RequestParam(required = false) @Nullable List<String> accept,
			@RequestParam(defaultValue = "false") boolean all, @RequestParam int basedOnRevision,
			RedirectAttributes redirect) {
		var viewer = items.viewer(user);
		List<String> accepted = accept == null ? List.of() : accept;
		if (all) {
			var suggestions = workbench.suggestions(viewer, id);
			accepted = ("title".equals(field) ? suggestions.title() : suggestions.body()).stream()
				.map(RedactionSuggestion::id).toList();
		}
		try {
			workbench.applySuggestions(viewer, id, field, accepted, basedOnRevision);
			redirect.addFlashAttribute("notice", "sharing.notice.redacted");
		}
		catch (InvalidInput e) {
			if (e.status() != HttpStatus.CONFLICT) {
				throw e;
			}
			redirect.addFlashAttribute("notice", e.messageKey());
		}
		return "redirect:/sharing/items/" + id + "/edit#redactions";
	}

	/** Organisations matching a name, as unticked audience choices (htmx, from the editor's search box). */
	@GetMapping("/sharing/organisations")
	String organisations(@AuthenticationPrincipal KakehashiUser user, @RequestParam(defaultValue = "") String q,
			Model model) {
		var viewer = items.viewer(user);
		if (!SharingWorkbench.hubStaff(viewer)) {
			throw new ResponseStatusException(HttpStatus.FORBIDDEN);
		}
		model.addAttribute("query", q);
		model.addAttribute("results", workbench.searchOrganisations(viewer, q));
		return "sharing/editor :: organisationResults";
	}

	private SharedItem editable(Viewer viewer, UUID id) {
		var item = workbench.hubItem(viewer, id);
		if (!item.status().editable()) {
			throw new ResponseStatusException(HttpStatus.CONFLICT);
		}
		return item;
	}

	private String page(Model model, Viewer viewer, SharedItem item, ItemForm form) {
		var locale = LocaleContextHolder.getLocale();
		var sectors = directory.sectors().stream().collect(Collectors.toMap(Directory.SectorRef::code,
				s -> s.name(locale), (a, b) -> a, java.util.LinkedHashMap::new));
		model.addAttribute("item", item);
		model.addAttribute("form", form);
		model.addAttribute("originals", workbench.originals(viewer, item));
		model.addAttribute("suggestions", workbench.suggestions(viewer, item.id()));
		model.addAttribute("guard", items.guard(viewer, item.id()));
		model.addAttribute("levels", Tlp.values());
		model.addAttribute("sectorNames", sectors);
		model.addAttribute("sizeClasses", List.of("SMALL", "MEDIUM", "LARGE"));
		model.addAttribute("observableTypes", ObservableType.values());
		model.addAttribute("groups", workbench.groups());
		model.addAttribute("chosenOrganisations", workbench.organisationNames(form.getAudienceOrganisations()));
		return "sharing/editor";
	}
}
