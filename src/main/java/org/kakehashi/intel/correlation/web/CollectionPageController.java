package org.kakehashi.intel.correlation.web;

import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletResponse;

import org.jspecify.annotations.Nullable;
import org.kakehashi.identity.KakehashiUser;
import org.kakehashi.intel.importing.BundleExport;
import org.kakehashi.intel.store.CollectionAccess;
import org.kakehashi.intel.store.Collections;
import org.kakehashi.intel.store.ObjectQuery;
import org.kakehashi.intel.store.StixObjects;
import org.kakehashi.platform.KakehashiProperties;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/**
 * One collection for people: its objects newest first, a page at a time (keyset: the link to older objects carries
 * where this page ended), filtered by STIX type and by text in the id or name; and the whole collection as a STIX
 * bundle. A collection the user may not read is not found; one they may only write is forbidden.
 */
@Controller
class CollectionPageController {

	static final int PAGE_SIZE = 50;
	static final int MAX_TEXT = 200;
	private static final Pattern TYPE = Pattern.compile("[a-z0-9][a-z0-9-]{1,248}[a-z0-9]");
	private static final Pattern CURSOR = Pattern.compile("(\\d{1,19})\\.(\\d{1,19})");
	/** The STIX 2.1 types offered in the filter (any other well-formed type is still accepted in the URL). */
	static final List<String> TYPES = List.of("attack-pattern", "campaign", "course-of-action", "grouping", "identity",
			"incident", "indicator", "infrastructure", "intrusion-set", "location", "malware", "malware-analysis", "note",
			"observed-data", "opinion", "report", "threat-actor", "tool", "vulnerability", "relationship", "sighting",
			"artifact", "autonomous-system", "directory", "domain-name", "email-addr", "email-message", "file", "ipv4-addr",
			"ipv6-addr", "mac-addr", "mutex", "network-traffic", "process", "software", "url", "user-account",
			"windows-registry-key", "x509-certificate", "marking-definition", "language-content", "extension-definition");

	private final Collections collections;
	private final StixObjects objects;
	private final BundleExport export;
	private final IntelReaders readers;
	private final KakehashiProperties properties;

	CollectionPageController(Collections collections, StixObjects objects, BundleExport export, IntelReaders readers,
			KakehashiProperties properties) {
		this.collections = collections;
		this.objects = objects;
		this.export = export;
		this.readers = readers;
		this.properties = properties;
	}

	@GetMapping("/intel/collections/{id}")
	String collection(@AuthenticationPrincipal KakehashiUser user, @PathVariable String id,
			@RequestParam(required = false) @Nullable String type, @RequestParam(required = false) @Nullable String q,
			@RequestParam(required = false) @Nullable String before,
			@RequestHeader(name = "HX-Request", required = false) @Nullable String htmx, Model model) {
		var access = readable(user, id);
		var cleanType = type == null || type.isBlank() ? null : type.strip();
		var text = q == null || q.isBlank() ? null : q.strip();
		String typeError = cleanType != null && !TYPE.matcher(cleanType).matches() ? "intel.collection.type-invalid" : null;
		String textError = text != null && text.length() > MAX_TEXT ? "intel.collection.text-too-long" : null;
		var position = cursor(before);
		model.addAttribute("access", access);
		model.addAttribute("taxiiUrl", properties.link("/taxii2/intel/collections/" + access.collection().id() + "/"));
		model.addAttribute("types", TYPES);
		model.addAttribute("type", cleanType == null ? "" : cleanType);
		model.addAttribute("q", text == null ? "" : text);
		model.addAttribute("typeError", typeError);
		model.addAttribute("textError", textError);
		model.addAttribute("firstPage", position == null);
		model.addAttribute("filtered", cleanType != null || text != null);
		if (typeError == null && textError == null) {
			var page = objects.newest(access.collection().id(), cleanType, text, position, PAGE_SIZE);
			model.addAttribute("rows", page.rows());
			model.addAttribute("next", page.more() ? cursor(page.rows().get(page.rows().size() - 1).position()) : null);
		} else {
			model.addAttribute("rows", List.of());
			model.addAttribute("next", null);
		}
		// htmx swaps the filters and the list in place; without script the whole page comes back.
		return htmx == null ? "intel/collection" : "intel/collection :: results";
	}

	@GetMapping("/intel/collections/{id}/bundle")
	void bundle(@AuthenticationPrincipal KakehashiUser user, @PathVariable String id, HttpServletResponse response)
			throws IOException {
		var access = readable(user, id);
		response.setHeader(HttpHeaders.CONTENT_TYPE, "application/stix+json;version=2.1");
		response.setHeader(HttpHeaders.CONTENT_DISPOSITION,
				"attachment; filename=\"collection-" + access.collection().id() + ".json\"");
		export.collection(user, access, Set.of(), null, response.getOutputStream());
	}

	private CollectionAccess readable(KakehashiUser user, String id) {
		var access = collections.find(readers.ofSession(user), id)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
		if (!access.canRead()) {
			throw new ResponseStatusException(HttpStatus.FORBIDDEN);
		}
		return access;
	}

	/** Where the previous page ended: date_added in microseconds since the epoch, and seq. */
	private static ObjectQuery.@Nullable Position cursor(@Nullable String text) {
		if (text == null || text.isBlank()) {
			return null;
		}
		var matcher = CURSOR.matcher(text.strip());
		if (!matcher.matches()) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST);
		}
		try {
			var micros = Long.parseLong(matcher.group(1));
			return new ObjectQuery.Position(Instant.EPOCH.plus(micros, ChronoUnit.MICROS), Long.parseLong(matcher.group(2)));
		} catch (NumberFormatException | ArithmeticException | java.time.DateTimeException e) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST);
		}
	}

	private static String cursor(ObjectQuery.Position position) {
		return ChronoUnit.MICROS.between(Instant.EPOCH, position.dateAdded()) + "." + position.seq();
	}
}
