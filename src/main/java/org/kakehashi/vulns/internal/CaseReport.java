package org.kakehashi.vulns.internal;

import org.jspecify.annotations.Nullable;

/** What a finder reports, as typed (checked by {@link CaseRules}). */
public record CaseReport(@Nullable CaseKind kind, boolean ics, String vendorName, String productName, String versions,
		String siteUrl, String title, String description, String reproduction, String impact, String suggestedCvss,
		boolean consentCredit, boolean consentShareWithVendor) {
}
