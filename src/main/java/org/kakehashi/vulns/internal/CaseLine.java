package org.kakehashi.vulns.internal;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/** A case as a line of a list. */
public record CaseLine(UUID id, String number, CaseKind kind, boolean ics, String title, String vendorName,
		String productName, String siteUrl, CaseStatus status, @Nullable Outcome outcome, Instant createdAt,
		Instant updatedAt) {
}
