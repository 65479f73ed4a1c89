package org.kakehashi.vulns.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A vulnerability case as stored. The finder is a signed-in user ({@code finderUserId}) or a guest known by a
 * verified e-mail address ({@code finderEmail}, with the name they gave).
 */
public record VulnCase(UUID id, String number, CaseKind kind, boolean ics, String vendorName, String productName,
		String versions, String siteUrl, String title, String description, String reproduction, String impact,
		String suggestedCvss, boolean consentCredit, boolean consentShareWithVendor, @Nullable UUID finderUserId,
		@Nullable UUID finderOrganisationId, @Nullable String finderEmail, String finderName, String finderLanguage, CaseStatus status,
		@Nullable Outcome outcome, @Nullable LocalDate firstVendorContactOn, @Nullable Instant publicationAt,
		@Nullable String publicationZone, Instant createdAt, Instant updatedAt) {

	/** The agreed publication moment in the zone it was agreed in, or null. */
	public @Nullable ZonedDateTime publication() {
		return publicationAt == null || publicationZone == null ? null : publicationAt.atZone(ZoneId.of(publicationZone));
	}

	public boolean guestFinder() {
		return finderUserId == null;
	}

	/** The same case as a vendor may read it: the finder's identity only with the finder's consent. */
	public VulnCase forVendor() {
		if (consentShareWithVendor) {
			return this;
		}
		return new VulnCase(id, number, kind, ics, vendorName, productName, versions, siteUrl, title, description,
				reproduction, impact, suggestedCvss, consentCredit, false, null, null, null, "", "ja", status, outcome,
				firstVendorContactOn, publicationAt, publicationZone, createdAt, updatedAt);
	}
}
