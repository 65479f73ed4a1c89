package org.kakehashi.vulns.publication;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * A published advisory as its public page shows it, frozen at publication (stored as JSON with the revision, so a
 * later draft never leaks): the texts in both languages, each vulnerability with CVE, CWE and CVSS, every vendor with
 * its product and status per vulnerability, references, the credit and the revision history.
 */
public record AdvisoryPage(String trackingId, String slug, int revision, Instant firstPublishedAt, Instant publishedAt,
		String titleJa, String titleEn, String summaryJa, String summaryEn, String impactJa, String impactEn,
		String solutionJa, String solutionEn, boolean ics, List<Vuln> vulnerabilities, List<VendorEntry> vendors,
		List<Link> references, String credit, List<RevisionLine> revisions, String publisher) {

	public record Vuln(int ordinal, @Nullable String cveId, String cweId, String cweName, String titleJa, String titleEn,
			String descriptionJa, String descriptionEn, @Nullable Score cvssV3, @Nullable Score cvssV4) {

		public String title(Locale locale) {
			return pick(locale, titleJa, titleEn);
		}

		public String description(Locale locale) {
			return pick(locale, descriptionJa, descriptionEn);
		}
	}

	public record Score(String vector, String version, String score, String severity) {
	}

	/** One vendor: its product and, in vulnerability order, what it said (UNKNOWN where it said nothing). */
	public record VendorEntry(String name, String nameEn, String product, List<StatusLine> statuses) {

		public String name(Locale locale) {
			return pick(locale, name, nameEn);
		}
	}

	public record StatusLine(int ordinal, String status, List<String> affectedVersions, List<String> fixedVersions,
			String statement) {
	}

	public record Link(String url, String summary) {
	}

	public record RevisionLine(int number, Instant date, String summary) {
	}

	public String title(Locale locale) {
		return pick(locale, titleJa, titleEn);
	}

	public String summary(Locale locale) {
		return pick(locale, summaryJa, summaryEn);
	}

	public String impact(Locale locale) {
		return pick(locale, impactJa, impactEn);
	}

	public String solution(Locale locale) {
		return pick(locale, solutionJa, solutionEn);
	}

	/** The other language's text when one is empty (every published text exists in both, older ones may not). */
	static String pick(Locale locale, String ja, String en) {
		var english = "en".equals(locale.getLanguage());
		var first = english ? en : ja;
		return first.isBlank() ? (english ? ja : en) : first;
	}
}
