package org.kakehashi.vulns;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * Published advisories for other modules: only what the public advisory page shows, in its latest revision. Nothing
 * of a case before its publication is reachable here.
 */
public interface AdvisoryLookup {

	/** A published advisory as of its latest revision. */
	record PublishedAdvisory(UUID caseId, String trackingId, URI url, int revision, Instant firstPublishedAt,
			Instant publishedAt, String titleJa, String titleEn, String summaryJa, String summaryEn, String publisher,
			List<PublishedVulnerability> vulnerabilities, List<String> products) {
	}

	/** One vulnerability of it: CVE, CWE, texts in both languages and its CVSS vectors (may be empty). */
	record PublishedVulnerability(int ordinal, @Nullable String cveId, String cweId, String cweName, String titleJa,
			String titleEn, String descriptionJa, String descriptionEn, @Nullable String cvssV3, @Nullable String cvssV4) {
	}

	Optional<PublishedAdvisory> published(UUID caseId);
}
