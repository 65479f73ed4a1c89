package org.kakehashi.warnings.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletResponse;

import org.jspecify.annotations.Nullable;
import org.kakehashi.identity.KakehashiUser;
import org.kakehashi.platform.InvalidInput;
import org.kakehashi.warnings.internal.ActionStatus;
import org.kakehashi.warnings.internal.RecipientPages;
import org.kakehashi.warnings.internal.Urgency;
import org.kakehashi.warnings.internal.WarningLists;
import org.kakehashi.warnings.internal.WarningStatus;
import org.kakehashi.warnings.internal.WarningViewer;
import org.kakehashi.warnings.internal.Warnings;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The recipient's pages: the organisation's warnings inbox (live through the stream every page opens) and one
 * received warning with its history, the one-click acknowledgement and the action the organisation took. A
 * recipient sees only their own organisation's answers; anything else answers 404.
 */
@Controller
class ReceivedWarningsController {

	static final int PAGE_SIZE = 25;

	private final Warnings warnings;
	private final WarningLists lists;
	private final RecipientPages pages;

	ReceivedWarningsController(Warnings warnings, WarningLists lists, RecipientPages pages) {
		this.warnings = warnings;
		this.lists = lists;
		this.pages = pages;
	}

	@GetMapping("/warnings/inbox")
	String inbox(@AuthenticationPrincipal KakehashiUser user, @RequestParam(required = false) @Nullable String q,
			@RequestParam(required = false) @Nullable String urgency,
			@RequestParam(required = false) @Nullable String acknowledged,
			@RequestParam(defaultValue = "false") boolean unread,
			@RequestParam(required = false) @Nullable Integer page,
			@RequestHeader(name = "HX-Request", required = false) @Nullable String htmx, Model model,
			HttpServletResponse response) {
		var viewer = WarningViewer.of(user);
		var filters = new LinkedHashMap<String, String>();
		put(filters, "q", q);
		put(filters, "urgency", urgency);
		put(filters, "acknowledged", acknowledged);
		put(filters, "unread", unread ? "true" : null);
		Urgency level = null;
		Boolean acked = null;
		String filterError = null;
		try {
			level = blank(urgency) ? null : Urgency.valueOf(urgency.strip().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException e) {
			filterError = "warnings.inbox.filter.bad-urgency";
		}
		if (!blank(acknowledged)) {
			switch (acknowledged.strip()) {
				case "yes" -> acked = Boolean.TRUE;
				case "no" -> acked = Boolean.FALSE;
				default -> filterError = "warnings.inbox.filter.bad-acknowledged";
			}
		}
		int zeroBased = page == null ? 0 : Math.max(0, page - 1);
		var result = filterError != null
				? new org.kakehashi.platform.Page<WarningLists.InboxLine>(java.util.List.of(), 0, PAGE_SIZE, 0)
				: lists.inbox(viewer, new WarningLists.InboxQuery(blank(q) ? null : q.strip(), level, acked,
						unread ? Boolean.TRUE : null, zeroBased, PAGE_SIZE));
		if (filterError != null) {
			// A filter that cannot be read is named beside the form; the list stays empty rather than unfiltered.
			response.setStatus(400);
		}
		var queryString = filters.entrySet().stream()
			.map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
			.collect(Collectors.joining("&"));
		var pageLink = "/warnings/inbox?" + (queryString.isEmpty() ? "" : queryString + "&") + "page=";
		model.addAttribute("filters", filters);
		model.addAttribute("filterError", filterError);
		model.addAttribute("unreadOnly", unread);
		model.addAttribute("result", result);
		model.addAttribute("urgencies", Urgency.values());
		model.addAttribute("language", LocaleContextHolder.getLocale().getLanguage());
		model.addAttribute("currentList", "/warnings/inbox" + (queryString.isEmpty() ? "" : "?" + queryString)
				+ (result.page() > 0 ? (queryString.isEmpty() ? "?" : "&") + "page=" + (result.page() + 1) : ""));
		model.addAttribute("previousPage", pageLink + result.page());
		model.addAttribute("nextPage", pageLink + (result.page() + 2));
		return htmx != null ? "warnings/inbox :: results" : "warnings/inbox";
	}

	/**
	 * Opening the warning marks it read for the user and opened for their organisation (and audits reads of
	 * TLP:AMBER) through {@link Warnings#view}. The sender's staff have their own page for the same warning.
	 */
	@GetMapping("/warnings/inbox/{id}")
	String show(@AuthenticationPrincipal KakehashiUser user, @PathVariable UUID id,
			@RequestParam(name = "text", required = false) @Nullable String textLanguage, Model model) {
		var viewer = WarningViewer.of(user);
		var language = LocaleContextHolder.getLocale().getLanguage();
		var view = warnings.view(viewer, id, "en".equals(language)).orElseThrow(Warnings.WarningNotFound::new);
		if (!(view instanceof Warnings.ReceivedView received)) {
			return "redirect:/warnings/" + id;
		}
		var content = received.warning().content();
		// The text in the user's language when the sender wrote it, the other one on request.
		var preferred = "en".equals(language) ? "en" : "ja";
		var shown = "en".equals(textLanguage) || "ja".equals(textLanguage) ? textLanguage : preferred;
		if ("en".equals(shown) && content.titleEn().isBlank() && content.summaryEn().isBlank()
				&& content.countermeasuresEn().isBlank()) {
			shown = "ja";
		}
		else if ("ja".equals(shown) && content.titleJa().isBlank() && content.summaryJa().isBlank()
				&& content.countermeasuresJa().isBlank()) {
			shown = "en";
		}
		var other = "en".equals(shown) ? "ja" : "en";
		var otherExists = "en".equals(other)
				? !(content.titleEn().isBlank() && content.summaryEn().isBlank() && content.countermeasuresEn().isBlank())
				: !(content.titleJa().isBlank() && content.summaryJa().isBlank() && content.countermeasuresJa().isBlank());
		var en = "en".equals(shown);
		model.addAttribute("warning", received.warning());
		model.addAttribute("warningContent", content);
		model.addAttribute("text", Map.of("title", en ? or(content.titleEn(), content.titleJa()) : or(content.titleJa(), content.titleEn()),
				"summary", en ? content.summaryEn() : content.summaryJa(),
				"threat", en ? content.threatEn() : content.threatJa(),
				"countermeasures", en ? content.countermeasuresEn() : content.countermeasuresJa()));
		model.addAttribute("shown", shown);
		model.addAttribute("other", otherExists ? other : null);
		model.addAttribute("revisions", received.revisions());
		model.addAttribute("firstRead", pages.firstRead(viewer, id).orElse(null));
		model.addAttribute("sender", received.senderName());
		model.addAttribute("own", received.own());
		model.addAttribute("actions", ActionStatus.values());
		model.addAttribute("open", received.warning().status() == WarningStatus.PUBLISHED);
		return "warnings/received";
	}

	@PostMapping("/warnings/inbox/{id}/acknowledgement")
	String acknowledge(@AuthenticationPrincipal KakehashiUser user, @PathVariable UUID id,
			@RequestParam(required = false) @Nullable String comment, RedirectAttributes redirect) {
		try {
			warnings.acknowledge(WarningViewer.of(user), id, comment);
			redirect.addFlashAttribute("notice", "warnings.received.notice.acknowledged");
		}
		catch (InvalidInput e) {
			refused(e, redirect, "ackError", comment);
		}
		return "redirect:/warnings/inbox/" + id + "#response";
	}

	@PostMapping("/warnings/inbox/{id}/action")
	String action(@AuthenticationPrincipal KakehashiUser user, @PathVariable UUID id,
			@RequestParam(required = false) @Nullable String status, @RequestParam(required = false) @Nullable String note,
			RedirectAttributes redirect) {
		var viewer = WarningViewer.of(user);
		ActionStatus chosen;
		try {
			chosen = ActionStatus.valueOf(status == null ? "" : status.strip().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException e) {
			// Check the caller may see the warning before saying anything about the form.
			if (!(warnings.view(viewer, id, false).orElse(null) instanceof Warnings.ReceivedView)) {
				throw new Warnings.WarningNotFound();
			}
			redirect.addFlashAttribute("actionError", "warnings.received.action.status-required");
			redirect.addFlashAttribute("actionDraft", note == null ? "" : note);
			return "redirect:/warnings/inbox/" + id + "#action";
		}
		try {
			warnings.reportAction(viewer, id, chosen, note);
			redirect.addFlashAttribute("notice", "warnings.received.notice.action");
		}
		catch (InvalidInput e) {
			refused(e, redirect, "actionError", note);
		}
		return "redirect:/warnings/inbox/" + id + "#action";
	}

	private static void refused(InvalidInput e, RedirectAttributes redirect, String errorName, @Nullable String draft) {
		if (e.status() == HttpStatus.CONFLICT) {
			redirect.addFlashAttribute("notice", e.messageKey());
			return;
		}
		redirect.addFlashAttribute(errorName, e.messageKey());
		redirect.addFlashAttribute(errorName.replace("Error", "Draft"), draft == null ? "" : draft);
	}

	private static String or(String first, String second) {
		return first.isBlank() ? second : first;
	}

	private static boolean blank(@Nullable String value) {
		return value == null || value.isBlank();
	}

	private static void put(Map<String, String> filters, String name, @Nullable String value) {
		if (!blank(value)) {
			filters.put(name, value.strip());
		}
	}
}
