package org.kakehashi.vulns.publication;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * The advisory's own text as the coordinators draft it (the vulnerabilities and vendor statuses come from the case):
 * title, summary, impact and solution in both languages, references (one {@code url description} per line) and how
 * the finder is credited (empty: not at all; only with the finder's consent).
 */
public record AdvisoryDraft(String titleJa, String titleEn, String summaryJa, String summaryEn, String impactJa,
		String impactEn, String solutionJa, String solutionEn, String referenceLines, String credit,
		@Nullable Instant updatedAt) {

	public static AdvisoryDraft empty() {
		return new AdvisoryDraft("", "", "", "", "", "", "", "", "", "", null);
	}
}
