package org.kakehashi.sharing.web;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.kakehashi.platform.KakehashiProperties;
import org.kakehashi.sharing.internal.Inbox;
import org.kakehashi.sharing.internal.SharedItems.ItemNotFound;
import org.springframework.context.MessageSource;
import org.springframework.http.MediaType;
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
	static final MediaType ATOM = MediaType.parseMediaType("application/atom+xml;charset=UTF-8");

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
		var items = inbox.publicItems(0, FEED_SIZE).items();
		var updated = items.isEmpty() ? Instant.EPOCH : items.get(0).publishedAt();
		var xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n")
			.append("<feed xmlns=\"http://www.w3.org/2005/Atom\">\n")
			.append("  <id>").append(escape(properties.link("/public/shared"))).append("</id>\n")
			.append("  <title>").append(escape(messages.getMessage("public.shared.feed-title", null, locale))).append("</title>\n")
			.append("  <updated>").append(DateTimeFormatter.ISO_INSTANT.format(updated)).append("</updated>\n")
			.append("  <link rel=\"self\" href=\"").append(escape(properties.link("/public/shared.atom"))).append("\"/>\n")
			.append("  <link rel=\"alternate\" type=\"text/html\" href=\"").append(escape(properties.link("/public/shared"))).append("\"/>\n");
		for (var item : items) {
			var link = properties.link("/public/shared/" + item.id());
			xml.append("  <entry>\n")
				.append("    <id>urn:uuid:").append(item.id()).append("</id>\n")
				.append("    <title>").append(escape(item.number() + " " + item.title())).append("</title>\n")
				.append("    <updated>").append(DateTimeFormatter.ISO_INSTANT.format(item.publishedAt())).append("</updated>\n")
				.append("    <author><name>").append(escape(item.hubName(locale))).append("</name></author>\n")
				.append("    <link rel=\"alternate\" type=\"text/html\" href=\"").append(escape(link)).append("\"/>\n")
				.append("    <summary type=\"text\">").append(escape(summary(item.body()))).append("</summary>\n")
				.append("  </entry>\n");
		}
		xml.append("</feed>\n");
		return ResponseEntity.ok().contentType(ATOM).body(xml.toString());
	}

	private static String summary(String body) {
		return body.length() <= 500 ? body : body.substring(0, 500) + "…";
	}

	/** XML text and attribute escaping; control characters XML 1.0 cannot carry are dropped. */
	static String escape(String text) {
		var out = new StringBuilder(text.length());
		text.codePoints().forEach(c -> {
			switch (c) {
				case '&' -> out.append("&amp;");
				case '<' -> out.append("&lt;");
				case '>' -> out.append("&gt;");
				case '"' -> out.append("&quot;");
				case '\'' -> out.append("&apos;");
				default -> {
					if (c >= 0x20 || c == '\n' || c == '\r' || c == '\t') {
						out.appendCodePoint(c);
					}
				}
			}
		});
		return out.toString();
	}
}
