package org.kakehashi.sharing.web;

import java.util.Locale;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.kakehashi.platform.KakehashiProperties;
import org.kakehashi.platform.web.AtomFeed;
import org.kakehashi.sharing.internal.Inbox;
import org.kakehashi.sharing.internal.SharedItems.ItemNotFound;
import org.springframework.context.MessageSource;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * TLP:CLEAR items for everyone, without signing in: an index, each item's page and an Atom feed. Only published
 * CLEAR items; a withdrawn one disappears from all three.
 */
@Controller
class PublicSharedController {

	static final int PAGE_SIZE = 25;
	static final int FEED_SIZE = 50;

	private final Inbox inbox;
	private final KakehashiProperties properties;
	private final MessageSource messages;

	PublicSharedController(Inbox inbox, KakehashiProperties properties, MessageSource messages) {
		this.inbox = inbox;
		this.properties = properties;
		this.messages = messages;
	}

	@GetMapping("/public/shared")
	String index(@RequestParam(required = false) @Nullable Integer page, Model model) {
		int zeroBased = page == null ? 0 : Math.max(0, page - 1);
		var result = inbox.publicItems(zeroBased, PAGE_SIZE);
		model.addAttribute("result", result);
		model.addAttribute("previousPage", "/public/shared?page=" + result.page());
		model.addAttribute("nextPage", "/public/shared?page=" + (result.page() + 2));
		return "sharing/public-list";
	}

	@GetMapping("/public/shared/{id}")
	String item(@PathVariable UUID id, Model model) {
		model.addAttribute("item", inbox.publicItem(id).orElseThrow(ItemNotFound::new));
		return "sharing/public-item";
	}

	@GetMapping("/public/shared.atom")
	ResponseEntity<String> feed(Locale locale) {
		var entries = inbox.publicItems(0, FEED_SIZE).items().stream()
			.map(item -> new AtomFeed.Entry("urn:uuid:" + item.id(), item.number() + " " + item.title(), item.publishedAt(),
					item.hubName(locale), properties.link("/public/shared/" + item.id()), AtomFeed.summary(item.body(), 500)))
			.toList();
		var xml = AtomFeed.write(properties.link("/public/shared"),
				messages.getMessage("public.shared.feed-title", null, locale), properties.link("/public/shared.atom"),
				properties.link("/public/shared"), entries);
		return ResponseEntity.ok().contentType(AtomFeed.MEDIA_TYPE).body(xml);
	}
}
