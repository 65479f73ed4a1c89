package org.kakehashi.vulns.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/** A vulnerability case as stored. */
public record VulnCase(UUID id, String number, CaseKind kind, boolean ics, String vendorName, String productName,
		String versions, String siteUrl, String title, String description, String reproduction, String impact,
		String suggestedCvss, boolean consentCredit, boolean consentShareWithVendor, UUID finderUserId,
		UUID finderOrganisationId, CaseStatus status, @Nullable Outcome outcome, @Nullable LocalDate firstVendorContactOn,
		@Nullable Instant publicationAt, @Nullable String publicationZone, Instant createdAt, Instant updatedAt) {

	/** The agreed publication moment in the zone it was agreed in, or null. */
	public @Nullable ZonedDateTime publication() {
		return publicationAt == null || publicationZone == null ? null : publicationAt.atZone(ZoneId.of(publicationZone));
	}
}
