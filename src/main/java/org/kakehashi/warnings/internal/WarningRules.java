package org.kakehashi.warnings.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import org.kakehashi.platform.EnumNames;
import org.kakehashi.platform.InvalidFields;
import org.kakehashi.reporting.Observable;
import org.kakehashi.reporting.ObservableType;
import org.kakehashi.sharing.Tlp;

/**
 * The rules a warning's content follows, checked all at once so a form shows every problem beside its field.
 * Lists come back trimmed, de-duplicated and normalised (CVE ids upper case, observables canonical).
 */
final class WarningRules {

	static final int TITLE_MAX = 300;
	static final int TEXT_MAX = 50_000;
	static final int LIST_MAX = 200;
	static final int TERM_MAX = 200;
	static final int INDICATORS_MAX = 1_000;
	private static final Pattern CVE = Pattern.compile("CVE-\\d{4}-\\d{4,}");
	private static final Pattern STIX_ID = Pattern.compile(
			"[a-z][a-z0-9-]{1,249}--[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

	private WarningRules() {
	}

	/** Checks a draft: everything but the parts only publication requires. */
	static WarningContent check(WarningContent c, Predicate<String> sectorExists, Predicate<UUID> organisationExists) {
		var problems = new ArrayList<InvalidFields.Problem>();
		if (c.tlp() == Tlp.RED) {
			problems.add(problem("tlp", "warnings.error.tlp-red",
					"Warnings go to organisations; TLP:RED is for named individuals (use a shared item)."));
		}
		if (c.titleJa().isBlank() && c.titleEn().isBlank()) {
			problems.add(problem("titleJa", "warnings.error.title-required", "A title is required (Japanese or English)."));
		}
		length(problems, "titleJa", c.titleJa(), TITLE_MAX);
		length(problems, "titleEn", c.titleEn(), TITLE_MAX);
		length(problems, "summaryJa", c.summaryJa(), TEXT_MAX);
		length(problems, "summaryEn", c.summaryEn(), TEXT_MAX);
		length(problems, "threatJa", c.threatJa(), TEXT_MAX);
		length(problems, "threatEn", c.threatEn(), TEXT_MAX);
		length(problems, "countermeasuresJa", c.countermeasuresJa(), TEXT_MAX);
		length(problems, "countermeasuresEn", c.countermeasuresEn(), TEXT_MAX);
		length(problems, "affectedProducts", c.affectedProducts(), TEXT_MAX);
		var cves = terms(problems, "cveIds", c.cveIds(), true);
		for (int i = 0; i < cves.size(); i++) {
			if (!CVE.matcher(cves.get(i)).matches()) {
				problems.add(problem("cveIds[" + i + "]", "warnings.error.cve", "A CVE id looks like CVE-2026-12345."));
			}
		}
		var urls = terms(problems, "referenceUrls", c.referenceUrls(), false);
		for (int i = 0; i < urls.size(); i++) {
			if (!webAddress(urls.get(i))) {
				problems.add(problem("referenceUrls[" + i + "]", "warnings.error.url", "An http or https address."));
			}
		}
		var sectors = terms(problems, "sectors", c.sectors(), true);
		for (int i = 0; i < sectors.size(); i++) {
			if (!sectorExists.test(sectors.get(i))) {
				problems.add(problem("sectors[" + i + "]", "warnings.error.unknown-sector", "No such sector."));
			}
		}
		var topics = terms(problems, "topics", c.topics(), false);
		var keywords = terms(problems, "keywords", c.keywords(), false);
		var indicators = new ArrayList<WarningContent.Indicator>();
		if (c.indicators().size() > INDICATORS_MAX) {
			problems.add(problem("indicators", "warnings.error.too-many", "At most " + INDICATORS_MAX + " entries.",
					INDICATORS_MAX));
		}
		for (int i = 0; i < c.indicators().size() && i < INDICATORS_MAX; i++) {
			var indicator = c.indicators().get(i);
			var field = "indicators[" + i + "]";
			var type = EnumNames.parse(ObservableType.class, indicator.type()).orElse(null);
			var observable = type == null ? null : Observable.of(type, indicator.value()).orElse(null);
			if (type == null) {
				problems.add(problem(field + ".type", "warnings.error.indicator-type", "Not a known observable type."));
			}
			else if (observable == null) {
				problems.add(problem(field + ".value", "warnings.error.indicator-value", "Not a valid value of this type."));
			}
			var stixId = indicator.stixId() == null || indicator.stixId().isBlank() ? null : indicator.stixId().trim();
			if (stixId != null && !STIX_ID.matcher(stixId).matches()) {
				problems.add(problem(field + ".stixId", "warnings.error.stix-id",
						"A STIX id looks like indicator--<UUID>."));
			}
			if (observable != null) {
				indicators.add(new WarningContent.Indicator(observable.type().name(), observable.value(), stixId));
			}
		}
		var additions = List.copyOf(new LinkedHashSet<>(c.additions()));
		if (additions.size() > 10_000) {
			problems.add(problem("additions", "warnings.error.too-many", "At most 10000 entries.", 10_000));
		}
		for (int i = 0; i < additions.size(); i++) {
			if (!organisationExists.test(additions.get(i))) {
				problems.add(problem("additions[" + i + "]", "warnings.error.unknown-organisation", "No such organisation."));
			}
		}
		if (!problems.isEmpty()) {
			throw new InvalidFields(problems);
		}
		return new WarningContent(c.urgency(), c.tlp(), c.titleJa().strip(), c.titleEn().strip(), c.summaryJa(),
				c.summaryEn(), c.threatJa(), c.threatEn(), c.countermeasuresJa(), c.countermeasuresEn(),
				c.affectedProducts(), cves, urls, sectors, topics, keywords, List.copyOf(indicators), additions);
	}

	/** What publication needs beyond a valid draft: countermeasures are part of every warning. */
	static void checkPublishable(WarningContent c) {
		if (!c.hasCountermeasures()) {
			throw new InvalidFields(List.of(problem("countermeasuresJa", "warnings.error.countermeasures-required",
					"A warning is not published without the countermeasures recipients must take.")));
		}
	}

	private static boolean webAddress(String value) {
		try {
			var uri = new URI(value);
			return ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
					&& uri.getHost() != null;
		}
		catch (URISyntaxException e) {
			return false;
		}
	}

	private static List<String> terms(List<InvalidFields.Problem> problems, String field, List<String> values,
			boolean upperCase) {
		if (values.size() > LIST_MAX) {
			problems.add(problem(field, "warnings.error.too-many", "At most " + LIST_MAX + " entries.", LIST_MAX));
		}
		var out = new LinkedHashSet<String>();
		for (int i = 0; i < values.size() && i < LIST_MAX; i++) {
			var value = values.get(i) == null ? "" : values.get(i).strip();
			if (value.length() > TERM_MAX) {
				problems.add(problem(field + "[" + i + "]", "warnings.error.too-long", "At most " + TERM_MAX
						+ " characters.", TERM_MAX));
			}
			else if (!value.isEmpty()) {
				out.add(upperCase ? value.toUpperCase(Locale.ROOT) : value);
			}
		}
		return List.copyOf(out);
	}

	private static void length(List<InvalidFields.Problem> problems, String field, String value, int max) {
		if (value.length() > max) {
			problems.add(problem(field, "warnings.error.too-long", "At most " + max + " characters.", max));
		}
	}

	static InvalidFields.Problem problem(String field, String key, String message, Object... args) {
		return new InvalidFields.Problem(field, key, List.of(args), message);
	}
}
