package org.kakehashi.vulns.internal;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/** A case as a line of a list. */
public record CaseLine(UUID id, String number, CaseKind kind, boolean ics, String title, String vendorName,
		String productName, String siteUrl, CaseStatus status, @Nullable Outcome outcome, @Nullable Instant publicationAt,
		@Nullable String publicationZone, Instant createdAt, Instant updatedAt) {

	/** The agreed publication moment in the zone it was agreed in, or null. */
	public @Nullable ZonedDateTime publication() {
		return publicationAt == null || publicationZone == null ? null : publicationAt.atZone(ZoneId.of(publicationZone));
	}
}
