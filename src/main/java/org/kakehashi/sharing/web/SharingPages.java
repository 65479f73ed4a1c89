package org.kakehashi.sharing.web;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.kakehashi.identity.Directory;
import org.kakehashi.identity.KakehashiUser;
import org.kakehashi.platform.InvalidFields;
import org.kakehashi.platform.InvalidInput;
import org.kakehashi.platform.Page;
import org.kakehashi.reporting.Viewer;
import org.kakehashi.sharing.Tlp;
import org.kakehashi.sharing.internal.ItemContent;
import org.kakehashi.sharing.internal.ItemStatus;
import org.kakehashi.sharing.internal.SharedItems;
import org.kakehashi.sharing.internal.SharedItems.ItemNotFound;
import org.kakehashi.sharing.internal.SharingWorkbench;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The hub's and the sources' pages: the hub's list and the approvals waiting for a source, starting an item
 * (from scratch or from a report), the item page with its workflow steps. Recipients read items in their inbox.
 */
@Controller
class SharingPages {

	static final int PAGE_SIZE = 25;

	private final SharedItems items;
	private final SharingWorkbench workbench;
	private final Directory directory;

	SharingPages(SharedItems items, SharingWorkbench workbench, Directory directory) {
		this.items = items;
		this.workbench = workbench;
		this.directory = directory;
	}

	@GetMapping("/sharing")
	String list(@AuthenticationPrincipal KakehashiUser user, @RequestParam(required = false) @Nullable String status,
			@RequestParam(defaultValue = "0") int page, Model model) {
		var viewer = items.viewer(user);
		var hub = SharingWorkbench.hubStaff(viewer);
		if (!hub && !SharingWorkbench.approver(viewer)) {
			throw new ResponseStatusException(HttpStatus.FORBIDDEN);
		}
		ItemStatus filter = null;
		if (status != null && !status.isBlank()) {
			try {
				filter = ItemStatus.valueOf(status);
			}
			catch (IllegalArgumentException e) {
				throw new ResponseStatusException(HttpStatus.BAD_REQUEST);
			}
		}
		model.addAttribute("hub", hub);
		model.addAttribute("statuses", ItemStatus.values());
		model.addAttribute("status", filter == null ? "" : filter.name());
		model.addAttribute("page", hub ? items.hubItems(viewer, filter, Math.max(0, page), PAGE_SIZE)
				: new Page<>(List.of(), 0, PAGE_SIZE, 0));
		model.addAttribute("awaiting", items.awaitingMyApproval(viewer));
		return "sharing/list";
	}

	@GetMapping("/sharing/new")
	String newItem(@AuthenticationPrincipal KakehashiUser user, Model model) {
		requireHub(items.viewer(user));
		return newForm(model, "", "", Tlp.AMBER.name(), null);
	}

	/** Starts an item: from a report (the report page's button) or from scratch (a title is enough to begin). */
	@PostMapping("/sharing/items")
	String create(@AuthenticationPrincipal KakehashiUser user, @RequestParam(required = false) @Nullable UUID reportId,
			@RequestParam(defaultValue = "") String title, @RequestParam(defaultValue = "") String language,
			@RequestParam(defaultValue = "AMBER") String tlp, Model model, HttpServletResponse response,
			RedirectAttributes redirect) {
		var viewer = requireHub(items.viewer(user));
		var lang = "en".equals(language.isBlank() ? LocaleContextHolder.getLocale().getLanguage() : language) ? "en" : "ja";
		var level = Tlp.parse(tlp).orElse(null);
		if (level == null) {
			response.setStatus(422);
			return newForm(model, title, lang, tlp, new InvalidInput("tlp", "sharing.error.tlp", "Choose a level."));
		}
		try {
			var content = new ItemContent(title, "", "", "", lang, level, List.of(), null, null, List.of(), List.of());
			var item = items.create(viewer, content, reportId == null ? List.of() : List.of(reportId));
			redirect.addFlashAttribute("notice", "sharing.notice.created");
			return "redirect:/sharing/items/" + item.id() + "/edit";
		}
		catch (InvalidFields e) {
			var first = e.problems().get(0);
			response.setStatus(422);
			return newForm(model, title, lang, tlp, new InvalidInput(first.field(), first.messageKey(), first.message()));
		}
	}

	private String newForm(Model model, String title, String language, String tlp, @Nullable InvalidInput problem) {
		model.addAttribute("typedTitle", title);
		model.addAttribute("language", language.isBlank() ? LocaleContextHolder.getLocale().getLanguage() : language);
		model.addAttribute("tlp", tlp);
		model.addAttribute("levels", Tlp.values());
		model.addAttribute("problem", problem);
		return "sharing/new";
	}

	@GetMapping("/sharing/items/{id}")
	String show(@AuthenticationPrincipal KakehashiUser user, @PathVariable UUID id, Model model) {
		var viewer = items.viewer(user);
		var relation = workbench.relation(viewer, id).orElseThrow(ItemNotFound::new);
		if (relation == SharingWorkbench.Relation.RECIPIENT) {
			// Recipients read in their inbox, which marks and audits the read.
			return "redirect:/sharing/inbox/" + id;
		}
		return page(model, viewer, id, null, Map.of());
	}

	@PostMapping("/sharing/items/{id}/approval-requests")
	String requestApproval(@AuthenticationPrincipal KakehashiUser user, @PathVariable UUID id, Model model,
			HttpServletResponse response, RedirectAttributes redirect) {
		var viewer = items.viewer(user);
		try {
			items.requestApproval(viewer, id);
		}
		catch (InvalidInput e) {
			return failed(model, viewer, id, e, Map.of(), response);
		}
		redirect.addFlashAttribute("notice", "sharing.notice.approval-requested");
		return "redirect:/sharing/items/" + id;
	}

	@PostMapping("/sharing/items/{id}/publication")
	String publish(@AuthenticationPrincipal KakehashiUser user, @PathVariable UUID id,
			@RequestParam(defaultValue = "") String approvalOverrideReason,
			@RequestParam(defaultValue = "") String guardOverrideReason, Model model, HttpServletResponse response,
			RedirectAttributes redirect) {
		var viewer = items.viewer(user);
		try {
			items.publish(viewer, id, approvalOverrideReason, guardOverrideReason);
		}
		catch (InvalidInput e) {
			return failed(model, viewer, id, e, Map.of("approvalOverrideReason", approvalOverrideReason,
					"guardOverrideReason", guardOverrideReason), response);
		}
		redirect.addFlashAttribute("notice", "sharing.notice.published");
		return "redirect:/sharing/items/" + id;
	}

	@PostMapping("/sharing/items/{id}/withdrawal")
	String withdraw(@AuthenticationPrincipal KakehashiUser user, @PathVariable UUID id,
			@RequestParam(defaultValue = "") String reason, Model model, HttpServletResponse response,
			RedirectAttributes redirect) {
		var viewer = items.viewer(user);
		try {
			items.withdraw(viewer, id, reason);
		}
		catch (InvalidInput e) {
			return failed(model, viewer, id, e, Map.of("reason", reason), response);
		}
		redirect.addFlashAttribute("notice", "sharing.notice.withdrawn");
		return "redirect:/sharing/items/" + id;
	}

	@PostMapping("/sharing/items/{id}/approval")
	String approve(@AuthenticationPrincipal KakehashiUser user, @PathVariable UUID id, @RequestParam int revision,
			@RequestParam(defaultValue = "") String comment, Model model, HttpServletResponse response,
			RedirectAttributes redirect) {
		var viewer = items.viewer(user);
		try {
			items.approve(viewer, id, revision, comment);
		}
		catch (InvalidInput e) {
			return failed(model, viewer, id, e, Map.of("approveComment", comment), response);
		}
		redirect.addFlashAttribute("notice", "sharing.notice.approved");
		return "redirect:/sharing/items/" + id;
	}

	@PostMapping("/sharing/items/{id}/change-requests")
	String requestChanges(@AuthenticationPrincipal KakehashiUser user, @PathVariable UUID id,
			@RequestParam int revision, @RequestParam(defaultValue = "") String comment, Model model,
			HttpServletResponse response, RedirectAttributes redirect) {
		var viewer = items.viewer(user);
		try {
			items.requestChanges(viewer, id, revision, comment);
		}
		catch (InvalidInput e) {
			return failed(model, viewer, id, e, Map.of("comment", comment), response);
		}
		redirect.addFlashAttribute("notice", "sharing.notice.changes-requested");
		return "redirect:/sharing/items/" + id;
	}

	/** The item page again, the refusal explained beside its field and what was typed kept. */
	private String failed(Model model, Viewer viewer, UUID id, InvalidInput e, Map<String, String> typed,
			HttpServletResponse response) {
		if (e.status() == HttpStatus.FORBIDDEN || e.status() == HttpStatus.NOT_FOUND) {
			throw e;
		}
		response.setStatus(e.status().value());
		return page(model, viewer, id, e, typed);
	}

	private String page(Model model, Viewer viewer, UUID id, @Nullable InvalidInput problem, Map<String, String> typed) {
		var relation = workbench.relation(viewer, id).orElseThrow(ItemNotFound::new);
		// The hub's view marks nothing; a source's comes from the workbench so a published item is not a "read".
		var view = relation == SharingWorkbench.Relation.HUB ? items.view(viewer, id).orElseThrow(ItemNotFound::new)
				: workbench.sourceView(viewer, id).orElseThrow(ItemNotFound::new);
		var locale = LocaleContextHolder.getLocale();
		model.addAttribute("problem", problem);
		model.addAttribute("typed", typed);
		model.addAttribute("sectorNames", directory.sectors().stream()
			.collect(Collectors.toMap(Directory.SectorRef::code, s -> s.name(locale))));
		if (view instanceof SharedItems.HubView hub) {
			var item = hub.item();
			model.addAttribute("item", item);
			model.addAttribute("c", item.content());
			model.addAttribute("approvals", hub.approvals());
			model.addAttribute("audienceLabels", hub.audienceLabels());
			model.addAttribute("guard", item.status().editable() ? items.guard(viewer, id) : null);
			model.addAttribute("sources", workbench.originals(viewer, item));
			model.addAttribute("hubName", directory.organisation(item.hubOrganisationId())
				.map(o -> o.name(locale)).orElse(""));
			return "sharing/item";
		}
		if (view instanceof SharedItems.SourceView source) {
			model.addAttribute("source", source);
			model.addAttribute("t", source.text());
			model.addAttribute("hubName", directory.organisation(source.text().hubOrganisationId())
				.map(o -> o.name(locale)).orElse(""));
			return "sharing/source";
		}
		throw new ItemNotFound();
	}

	private static Viewer requireHub(Viewer viewer) {
		if (!SharingWorkbench.hubStaff(viewer)) {
			throw new ResponseStatusException(HttpStatus.FORBIDDEN);
		}
		return viewer;
	}
}
