package org.kakehashi.vulns.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.TreeSet;

import org.kakehashi.platform.KakehashiProperties;
import org.kakehashi.platform.web.AtomFeed;
import org.kakehashi.vulns.publication.AdvisoryDrafts;
import org.kakehashi.vulns.publication.PublishedAdvisories;
import org.kakehashi.vulns.publication.PublishedAdvisories.AdvisoryNotFound;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/**
 * CSAF 2.0 distribution (§7) as a {@code csaf_provider}, directory-based, so that CSAF tools find and fetch the
 * advisories without knowing Kakehashi: {@code /.well-known/csaf/provider-metadata.json}, and under
 * {@code /.well-known/csaf/white/} (published advisories are TLP:CLEAR, TLP 1.0 WHITE in CSAF 2.0) one folder per year
 * of the initial release, {@code index.txt}, {@code changes.csv}, directory listings, and each document's latest
 * revision with its SHA-256 and SHA-512 files.
 */
@RestController
class CsafDistribution {

	static final String ROOT = "/.well-known/csaf/";
	static final String WHITE = ROOT + "white/";

	private final PublishedAdvisories advisories;
	private final AdvisoryDrafts drafts;
	private final KakehashiProperties properties;
	private final JsonMapper json = JsonMapper.builder().build();

	CsafDistribution(PublishedAdvisories advisories, AdvisoryDrafts drafts, KakehashiProperties properties) {
		this.advisories = advisories;
		this.drafts = drafts;
		this.properties = properties;
	}

	@GetMapping(ROOT + "provider-metadata.json")
	ResponseEntity<String> providerMetadata() {
		var latest = advisories.all().stream().map(PublishedAdvisories.Line::publishedAt).findFirst().orElse(Instant.EPOCH);
		var publisher = drafts.publisher();
		var metadata = new LinkedHashMap<String, Object>();
		metadata.put("canonical_url", properties.link(ROOT + "provider-metadata.json"));
		metadata.put("distributions", java.util.List.of(java.util.Map.of("directory_url", properties.link(WHITE))));
		metadata.put("last_updated", latest.toString());
		metadata.put("list_on_CSAF_aggregators", true);
		metadata.put("metadata_version", "2.0");
		metadata.put("mirror_on_CSAF_aggregators", true);
		var issuer = new LinkedHashMap<String, String>();
		issuer.put("category", "coordinator");
		issuer.put("name", publisher.name());
		issuer.put("namespace", publisher.namespace().toString());
		metadata.put("publisher", issuer);
		metadata.put("role", "csaf_provider");
		return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON)
			.body(json.writerWithDefaultPrettyPrinter().writeValueAsString(metadata));
	}

	@GetMapping(WHITE + "index.txt")
	ResponseEntity<String> index() {
		var lines = new StringBuilder();
		advisories.all().stream().map(CsafDistribution::path).sorted().forEach(p -> lines.append(p).append('\n'));
		return text(lines.toString());
	}

	/** Newest first, quoted as the specification's example writes them. */
	@GetMapping(WHITE + "changes.csv")
	ResponseEntity<String> changes() {
		var lines = new StringBuilder();
		advisories.all().forEach(a -> lines.append('"').append(path(a)).append("\",\"").append(a.publishedAt()).append("\"\n"));
		return ResponseEntity.ok().contentType(MediaType.parseMediaType("text/csv;charset=UTF-8")).body(lines.toString());
	}

	@GetMapping(WHITE)
	ResponseEntity<String> years() {
		var years = new TreeSet<String>();
		advisories.all().forEach(a -> years.add(year(a.firstPublishedAt())));
		var entries = new java.util.ArrayList<String>();
		entries.add("index.txt");
		entries.add("changes.csv");
		years.forEach(y -> entries.add(y + "/"));
		return listing(WHITE, entries);
	}

	@GetMapping(WHITE + "{year}/")
	ResponseEntity<String> documents(@PathVariable String year) {
		var entries = new java.util.ArrayList<String>();
		advisories.all().stream().filter(a -> year(a.firstPublishedAt()).equals(year)).map(a -> a.slug() + ".json")
			.sorted().forEach(file -> {
				entries.add(file);
				entries.add(file + ".sha256");
				entries.add(file + ".sha512");
			});
		if (entries.isEmpty()) {
			throw new AdvisoryNotFound();
		}
		return listing(WHITE + year + "/", entries);
	}

	@GetMapping(WHITE + "{year}/{file}")
	ResponseEntity<String> document(@PathVariable String year, @PathVariable String file) {
		var document = located(year, file);
		return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(document);
	}

	@GetMapping(WHITE + "{year}/{file}.sha256")
	ResponseEntity<String> sha256(@PathVariable String year, @PathVariable String file) {
		return text(digest("SHA-256", located(year, file)) + "  " + file + "\n");
	}

	@GetMapping(WHITE + "{year}/{file}.sha512")
	ResponseEntity<String> sha512(@PathVariable String year, @PathVariable String file) {
		return text(digest("SHA-512", located(year, file)) + "  " + file + "\n");
	}

	/** The latest revision of the document of that name, in its year's folder only. */
	private String located(String year, String file) {
		if (!year.matches("\\d{4}") || !file.endsWith(".json")) {
			throw new AdvisoryNotFound();
		}
		var slug = file.substring(0, file.length() - ".json".length());
		var found = advisories.all().stream().filter(a -> a.slug().equals(slug) && year(a.firstPublishedAt()).equals(year))
			.findFirst().orElseThrow(AdvisoryNotFound::new);
		return advisories.csaf(found.slug(), null).orElseThrow(AdvisoryNotFound::new).json();
	}

	static String path(PublishedAdvisories.Line advisory) {
		return year(advisory.firstPublishedAt()) + "/" + advisory.slug() + ".json";
	}

	/** The year of the initial release, in UTC as CSAF dates are written. */
	static String year(Instant initialRelease) {
		return String.valueOf(initialRelease.atZone(ZoneOffset.UTC).getYear());
	}

	private static ResponseEntity<String> listing(String path, java.util.List<String> entries) {
		var html = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Index of ")
			.append(AtomFeed.escape(path)).append("</title></head><body><h1>Index of ").append(AtomFeed.escape(path))
			.append("</h1><ul>\n");
		entries.forEach(e -> html.append("<li><a href=\"").append(AtomFeed.escape(e)).append("\">").append(AtomFeed.escape(e))
			.append("</a></li>\n"));
		return ResponseEntity.ok().contentType(MediaType.TEXT_HTML).body(html.append("</ul></body></html>\n").toString());
	}

	private static ResponseEntity<String> text(String body) {
		return ResponseEntity.ok().contentType(MediaType.parseMediaType("text/plain;charset=UTF-8")).body(body);
	}

	private static String digest(String algorithm, String text) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(text.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException(algorithm + " is part of every JDK", e);
		}
	}
}
