package org.kakehashi.vulns.web;

import java.util.Locale;

import org.jspecify.annotations.Nullable;
import org.kakehashi.platform.KakehashiProperties;
import org.kakehashi.platform.web.AtomFeed;
import org.kakehashi.vulns.publication.PublishedAdvisories;
import org.kakehashi.vulns.publication.PublishedAdvisories.AdvisoryNotFound;
import org.springframework.context.MessageSource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Published vulnerability advisories for everyone, without signing in: the index with search, each advisory's page
 * (any revision), its CSAF 2.0 document and CVE JSON 5 records as published, and an Atom feed.
 */
@Controller
class PublicAdvisoryPages {

	static final int PAGE_SIZE = 25;
	static final int FEED_SIZE = 50;

	private final PublishedAdvisories advisories;
	private final KakehashiProperties properties;
	private final MessageSource messages;

	PublicAdvisoryPages(PublishedAdvisories advisories, KakehashiProperties properties, MessageSource messages) {
		this.advisories = advisories;
		this.properties = properties;
		this.messages = messages;
	}

	@GetMapping("/public/advisories")
	String index(@RequestParam(defaultValue = "") String q, @RequestParam(defaultValue = "0") int page, Model model) {
		model.addAttribute("q", q);
		model.addAttribute("page", advisories.index(q, page, PAGE_SIZE));
		return "vulns/advisories";
	}

	@GetMapping("/public/advisories/{slug}")
	String advisory(@PathVariable String slug, @RequestParam(required = false) @Nullable Integer revision, Model model) {
		model.addAttribute("a", advisories.page(slug, revision).orElseThrow(AdvisoryNotFound::new));
		model.addAttribute("preview", false);
		return "vulns/advisory-public";
	}

	@GetMapping("/public/advisories/{slug}/csaf")
	ResponseEntity<String> csaf(@PathVariable String slug, @RequestParam(required = false) @Nullable Integer revision) {
		return json(advisories.csaf(slug, revision).orElseThrow(AdvisoryNotFound::new));
	}

	@GetMapping("/public/advisories/{slug}/cve/{cveId}")
	ResponseEntity<String> cve(@PathVariable String slug, @PathVariable String cveId) {
		return json(advisories.cve(slug, cveId).orElseThrow(AdvisoryNotFound::new));
	}

	@GetMapping("/public/advisories.atom")
	ResponseEntity<String> feed(Locale locale) {
		var entries = advisories.index(null, 0, FEED_SIZE).items().stream()
			.map(a -> new AtomFeed.Entry(properties.link("/public/advisories/" + a.slug()), a.trackingId() + " " + a.title(locale),
					a.publishedAt(), messages.getMessage("vulns.advisories.feed-author", null, locale),
					properties.link("/public/advisories/" + a.slug()),
					String.join(" ", a.cveIds()) + (a.revision() > 1 ? " (rev. " + a.revision() + ")" : "")))
			.toList();
		var xml = AtomFeed.write(properties.link("/public/advisories"),
				messages.getMessage("vulns.advisories.feed-title", null, locale), properties.link("/public/advisories.atom"),
				properties.link("/public/advisories"), entries);
		return ResponseEntity.ok().contentType(AtomFeed.MEDIA_TYPE).body(xml);
	}

	private static ResponseEntity<String> json(PublishedAdvisories.Document document) {
		return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON)
			.header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.inline().filename(document.fileName()).build().toString())
			.body(document.json());
	}
}
