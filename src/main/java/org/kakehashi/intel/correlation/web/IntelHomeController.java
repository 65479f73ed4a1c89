package org.kakehashi.intel.correlation.web;

import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;
import org.kakehashi.identity.KakehashiUser;
import org.kakehashi.intel.correlation.Correlations;
import org.kakehashi.intel.correlation.ObservableKind;
import org.kakehashi.intel.correlation.ObservableValue;
import org.kakehashi.intel.store.CollectionAccess;
import org.kakehashi.intel.store.Collections;
import org.kakehashi.intel.store.IntelCollection;
import org.kakehashi.platform.KakehashiProperties;
import org.kakehashi.reporting.ReportLookup;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The intelligence landing page: the collections the user may read (with their TAXII address), and a search for an
 * observable value over everything the user may see, intelligence and reports alike.
 */
@Controller
class IntelHomeController {

	/** Objects counted per collection; beyond this the page says "more than". */
	static final int COUNT_CAP = 100_000;
	static final int RESULTS = 50;

	/** One readable collection as the page lists it. */
	record CollectionRow(IntelCollection collection, boolean canWrite, long objects, boolean moreObjects, String taxiiUrl) {
	}

	/** The search form as typed, and what was wrong with it (message keys per field). */
	record Search(String value, String type, @Nullable String valueError, @Nullable String typeError) {

		boolean asked() {
			return !value.isBlank();
		}
	}

	private final Collections collections;
	private final Correlations correlations;
	private final ReportLookup reports;
	private final IntelReaders readers;
	private final KakehashiProperties properties;

	IntelHomeController(Collections collections, Correlations correlations, ReportLookup reports, IntelReaders readers,
			KakehashiProperties properties) {
		this.collections = collections;
		this.correlations = correlations;
		this.reports = reports;
		this.readers = readers;
		this.properties = properties;
	}

	@GetMapping("/intel")
	String home(@AuthenticationPrincipal KakehashiUser user, @RequestParam(required = false) @Nullable String value,
			@RequestParam(required = false) @Nullable String type,
			@RequestHeader(name = "HX-Request", required = false) @Nullable String htmx, Model model) {
		var reader = readers.ofSession(user);
		if (htmx == null) {
			var readable = collections.visibleTo(reader).stream().filter(CollectionAccess::canRead).toList();
			var counts = collections.objectCounts(readable.stream().map(a -> a.collection().id()).toList(), COUNT_CAP);
			model.addAttribute("collections", readable.stream().map(a -> {
				long n = counts.getOrDefault(a.collection().id(), 0L);
				return new CollectionRow(a.collection(), a.canWrite(), Math.min(n, COUNT_CAP - 1), n >= COUNT_CAP,
						properties.link("/taxii2/intel/collections/" + a.collection().id() + "/"));
			}).toList());
			model.addAttribute("countCap", COUNT_CAP - 1);
		}
		model.addAttribute("kinds", ObservableKind.values());

		var search = search(value, type);
		model.addAttribute("search", search);
		if (search.asked() && search.valueError() == null && search.typeError() == null) {
			var normalised = normalise(search.value(), search.type()).orElseThrow();
			var audience = correlations.audience(reader, reports.viewer(user));
			var found = correlations.find(audience, normalised, Correlations.Except.NOTHING, RESULTS);
			model.addAttribute("searched", normalised);
			model.addAttribute("found", found);
		}
		// htmx swaps the search form and its results in place; without script the whole page comes back.
		return htmx == null ? "intel/home" : "intel/home :: search";
	}

	private static Search search(@Nullable String value, @Nullable String type) {
		var text = value == null ? "" : value.strip();
		var kind = type == null || type.isBlank() ? "auto" : type.strip().toLowerCase(Locale.ROOT);
		if (text.isEmpty()) {
			return new Search("", kind, null, null);
		}
		if (!kind.equals("auto") && ObservableKind.of(kind).isEmpty()) {
			return new Search(text, "auto", null, "intel.observable.type");
		}
		if (text.length() > ObservableValue.MAX_LENGTH || normalise(text, kind).isEmpty()) {
			return new Search(text, kind, kind.equals("auto") ? "intel.search.unrecognised" : "intel.observable.value", null);
		}
		return new Search(text, kind, null, null);
	}

	/** The value as the index compares it: of the kind chosen, or the first kind that accepts it. */
	static java.util.Optional<ObservableValue> normalise(String value, String kind) {
		if (!kind.equals("auto")) {
			return ObservableKind.of(kind).flatMap(k -> ObservableValue.of(k, value));
		}
		var candidates = value.contains("://") ? List.of(ObservableKind.URL)
				: List.of(ObservableKind.IPV4, ObservableKind.IPV6, ObservableKind.MD5, ObservableKind.SHA1,
						ObservableKind.SHA256, ObservableKind.EMAIL, ObservableKind.DOMAIN);
		return candidates.stream().map(k -> ObservableValue.of(k, value)).flatMap(java.util.Optional::stream).findFirst();
	}
}
