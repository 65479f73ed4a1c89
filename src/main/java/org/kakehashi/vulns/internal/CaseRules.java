package org.kakehashi.vulns.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.kakehashi.platform.InvalidFields;
import org.kakehashi.vulns.cvss.CvssVector;
import org.kakehashi.vulns.cvss.InvalidCvssVector;

/** Field rules for a finder's report: every broken rule is named with its field, all at once. */
public final class CaseRules {

	public static final int NAME_MAX = 200;
	public static final int VERSIONS_MAX = 500;
	public static final int URL_MAX = 2000;
	public static final int TITLE_MAX = 200;
	public static final int LONG_TEXT_MAX = 20000;
	public static final int IMPACT_MAX = 10000;
	public static final int CVSS_MAX = 200;
	public static final int REASON_MAX = 4000;

	private CaseRules() {
	}

	/** The report with its text trimmed, or every problem with it. */
	static CaseReport check(CaseReport r) {
		var problems = new ArrayList<InvalidFields.Problem>();
		if (r.kind() == null) {
			problems.add(problem("kind", "vulns.error.kind-required", "Say whether the flaw is in a product or a web site."));
		}
		var product = r.kind() == CaseKind.PRODUCT;
		var website = r.kind() == CaseKind.WEBSITE;
		line(problems, "vendorName", r.vendorName(), NAME_MAX, product);
		line(problems, "productName", r.productName(), NAME_MAX, product);
		line(problems, "versions", r.versions(), VERSIONS_MAX, false);
		if (text(problems, "siteUrl", r.siteUrl(), URL_MAX, website) && !r.siteUrl().isBlank() && !webAddress(r.siteUrl().strip())) {
			problems.add(problem("siteUrl", "vulns.error.url", "Give the page's address, starting with https:// or http://."));
		}
		line(problems, "title", r.title(), TITLE_MAX, true);
		text(problems, "description", r.description(), LONG_TEXT_MAX, true);
		text(problems, "reproduction", r.reproduction(), LONG_TEXT_MAX, false);
		text(problems, "impact", r.impact(), IMPACT_MAX, false);
		var cvss = r.suggestedCvss().strip();
		if (text(problems, "suggestedCvss", r.suggestedCvss(), CVSS_MAX, false) && !cvss.isEmpty()) {
			try {
				cvss = CvssVector.parse(cvss).toString();
			}
			catch (InvalidCvssVector e) {
				problems.add(new InvalidFields.Problem("suggestedCvss", "vulns.error.cvss", List.of(e.metric()),
						e.getMessage()));
			}
		}
		if (!problems.isEmpty()) {
			throw new InvalidFields(problems);
		}
		return new CaseReport(r.kind(), r.ics(), r.vendorName().strip(), r.productName().strip(), r.versions().strip(),
				r.siteUrl().strip(), r.title().strip(), r.description().strip(), r.reproduction().strip(),
				r.impact().strip(), cvss, r.consentCredit(), r.consentShareWithVendor());
	}

	/** Checks one text field; true when it broke no rule. */
	public static boolean text(List<InvalidFields.Problem> problems, String field, String value, int max, boolean required) {
		if (required && value.isBlank()) {
			problems.add(problem(field, "vulns.error.required", "Required."));
			return false;
		}
		if (value.strip().length() > max) {
			problems.add(new InvalidFields.Problem(field, "vulns.error.too-long", List.of(max),
					"At most " + max + " characters."));
			return false;
		}
		if (hasControlCharacters(value)) {
			problems.add(problem(field, "vulns.error.control-characters", "Contains control characters."));
			return false;
		}
		return true;
	}

	/**
	 * Like {@link #text}, for a name or title: one line (a line break would end up in mail subjects, CSAF product names
	 * and the public lists).
	 */
	public static boolean line(List<InvalidFields.Problem> problems, String field, String value, int max, boolean required) {
		if (!text(problems, field, value, max, required)) {
			return false;
		}
		if (value.strip().chars().anyMatch(c -> c == '\n' || c == '\r' || c == '\t')) {
			problems.add(problem(field, "vulns.error.single-line", "Use one line."));
			return false;
		}
		return true;
	}

	/** Line breaks and tabs are text; other control characters (NUL above all) are not. */
	public static boolean hasControlCharacters(String value) {
		return value.chars().anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t');
	}

	/**
	 * An http(s) address with a host. Kept lenient beyond that (finders paste addresses with characters a strict
	 * URI parser refuses, such as the very payload they report); whitespace is never part of one.
	 */
	static boolean webAddress(String value) {
		var lower = value.toLowerCase(Locale.ROOT);
		var rest = lower.startsWith("https://") ? value.substring(8) : lower.startsWith("http://") ? value.substring(7) : null;
		if (rest == null || value.chars().anyMatch(Character::isWhitespace)) {
			return false;
		}
		var end = rest.length();
		for (var stop : new char[] { '/', '?', '#' }) {
			var at = rest.indexOf(stop);
			if (at >= 0 && at < end) {
				end = at;
			}
		}
		var host = rest.substring(0, end);
		return !host.isEmpty() && !host.startsWith("@") && !host.startsWith(":");
	}

	public static InvalidFields.Problem problem(String field, String key, String message) {
		return new InvalidFields.Problem(field, key, List.of(), message);
	}
}
