package org.kakehashi.sharing.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletResponse;

import org.jspecify.annotations.Nullable;
import org.kakehashi.identity.Directory;
import org.kakehashi.identity.KakehashiUser;
import org.kakehashi.platform.InvalidInput;
import org.kakehashi.platform.Page;
import org.kakehashi.platform.web.DisplayTime;
import org.kakehashi.sharing.Tlp;
import org.kakehashi.sharing.internal.Inbox;
import org.kakehashi.sharing.internal.InboxEntry;
import org.kakehashi.sharing.internal.InboxQuery;
import org.kakehashi.sharing.internal.SharedItems;
import org.kakehashi.sharing.internal.SharedItems.ItemNotFound;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
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
 * The recipient's pages: the inbox with its filters, one received item (sanitised text, TLP banner, feedback),
 * "mark all read", the CEPTOAR relay view, and the hub's feedback fragment for its own item page.
 */
@Controller
class InboxController {

	static final int PAGE_SIZE = 25;

	private final Inbox inbox;
	private final SharedItems items;
	private final Directory directory;
	private final DisplayTime displayTime;
	private final MessageSource messages;

	InboxController(Inbox inbox, SharedItems items, Directory directory, DisplayTime displayTime,
			MessageSource messages) {
		this.inbox = inbox;
		this.items = items;
		this.directory = directory;
		this.displayTime = displayTime;
		this.messages = messages;
	}

	@GetMapping("/sharing/inbox")
	String list(@AuthenticationPrincipal KakehashiUser user, @RequestParam(required = false) @Nullable String q,
			@RequestParam(required = false) @Nullable String tlp, @RequestParam(defaultValue = "false") boolean unread,
			@RequestParam(required = false) @Nullable String withdrawn,
			@RequestParam(required = false) @Nullable String from, @RequestParam(required = false) @Nullable String to,
			@RequestParam(required = false) @Nullable Integer page,
			@RequestHeader(name = "HX-Request", required = false) @Nullable String htmx, Model model,
			HttpServletResponse response) {
		var viewer = items.viewer(user);
		var filters = new LinkedHashMap<String, String>();
		put(filters, "q", q);
		put(filters, "tlp", tlp);
		put(filters, "unread", unread ? "true" : null);
		put(filters, "withdrawn", withdrawn);
		put(filters, "from", from);
		put(filters, "to", to);
		int zeroBased = page == null ? 0 : Math.max(0, page - 1);
		Page<InboxEntry> result;
		try {
			var query = InboxFilters.query(q, tlp, unread, withdrawn, from, to, displayTime.zone());
			result = inbox.list(viewer, query, zeroBased, PAGE_SIZE);
		}
		catch (InvalidInput e) {
			// A filter that cannot be read is shown beside the form; the list stays empty rather than unfiltered.
			response.setStatus(400);
			var locale = LocaleContextHolder.getLocale();
			model.addAttribute("filterError", messages.getMessage("inbox.filter.error", new Object[] {
					messages.getMessage("inbox.filter." + e.field(), null, e.field(), locale),
					messages.getMessage(e.messageKey(), null, e.getMessage(), locale) }, locale));
			result = new Page<>(List.of(), 0, PAGE_SIZE, 0);
		}
		var queryString = filters.entrySet().stream()
			.map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
			.collect(Collectors.joining("&"));
		var pageLink = "/sharing/inbox?" + (queryString.isEmpty() ? "" : queryString + "&") + "page=";
		model.addAttribute("filters", filters);
		model.addAttribute("unreadOnly", unread);
		model.addAttribute("result", result);
		model.addAttribute("tlps", Tlp.values());
		model.addAttribute("withdrawnOptions", InboxQuery.Withdrawn.values());
		model.addAttribute("currentList", "/sharing/inbox" + (queryString.isEmpty() ? "" : "?" + queryString)
				+ (result.page() > 0 ? (queryString.isEmpty() ? "?" : "&") + "page=" + (result.page() + 1) : ""));
		model.addAttribute("previousPage", pageLink + result.page());
		model.addAttribute("nextPage", pageLink + (result.page() + 2));
		model.addAttribute("unreadCount", inbox.unreadCount(viewer));
		model.addAttribute("relays", inbox.relays(viewer));
		return htmx != null ? "sharing/inbox :: results" : "sharing/inbox";
	}

	@PostMapping("/sharing/inbox/read-all")
	String markAllRead(@AuthenticationPrincipal KakehashiUser user, RedirectAttributes redirect) {
		inbox.markAllRead(items.viewer(user));
		redirect.addFlashAttribute("notice", "inbox.notice.all-read");
		return "redirect:/sharing/inbox";
	}

	/** Opening the item marks it read (and audits the read of RED and AMBER) through {@link SharedItems#view}. */
	@GetMapping("/sharing/inbox/{id}")
	String show(@AuthenticationPrincipal KakehashiUser user, @PathVariable UUID id, Model model) {
		var viewer = items.viewer(user);
		var view = items.view(viewer, id).orElseThrow(ItemNotFound::new);
		if (!(view instanceof SharedItems.ReceivedView received)) {
			// The hub and the source have their own page for the same item.
			return "redirect:/sharing/items/" + id;
		}
		var item = received.item();
		model.addAttribute("item", item);
		model.addAttribute("hub", directory.organisation(item.hubOrganisationId())
			.map(h -> h.name(LocaleContextHolder.getLocale())).orElse(""));
		model.addAttribute("feedback", inbox.feedback(viewer, id));
		model.addAttribute("maxFeedback", Inbox.MAX_FEEDBACK);
		return "sharing/received";
	}

	@PostMapping("/sharing/inbox/{id}/feedback")
	String feedback(@AuthenticationPrincipal KakehashiUser user, @PathVariable UUID id,
			@RequestParam(required = false) @Nullable String body, RedirectAttributes redirect) {
		var viewer = items.viewer(user);
		try {
			inbox.giveFeedback(viewer, id, body);
		}
		catch (InvalidInput e) {
			redirect.addFlashAttribute("feedbackError", e.messageKey());
			redirect.addFlashAttribute("feedbackDraft", body == null ? "" : body);
			return "redirect:/sharing/inbox/" + id + "#feedback";
		}
		redirect.addFlashAttribute("notice", "inbox.notice.feedback-sent");
		return "redirect:/sharing/inbox/" + id + "#feedback";
	}

	/** The hub's item page loads this with hx-get: every recipient organisation's comments. */
	@GetMapping("/sharing/items/{id}/feedback")
	String hubFeedback(@AuthenticationPrincipal KakehashiUser user, @PathVariable UUID id, Model model) {
		model.addAttribute("feedback", inbox.hubFeedback(items.viewer(user), id));
		return "sharing/feedback :: hub";
	}

	@GetMapping("/sharing/relay")
	String relay(@AuthenticationPrincipal KakehashiUser user, @RequestParam(required = false) @Nullable Integer page,
			Model model) {
		int zeroBased = page == null ? 0 : Math.max(0, page - 1);
		var result = inbox.relay(items.viewer(user), zeroBased, PAGE_SIZE);
		model.addAttribute("result", result);
		model.addAttribute("previousPage", "/sharing/relay?page=" + result.page());
		model.addAttribute("nextPage", "/sharing/relay?page=" + (result.page() + 2));
		return "sharing/relay";
	}

	private static void put(Map<String, String> filters, String name, @Nullable String value) {
		if (value != null && !value.isBlank()) {
			filters.put(name, value.strip());
		}
	}
}
