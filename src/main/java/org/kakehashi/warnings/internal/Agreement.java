package org.kakehashi.warnings.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A prior agreement (事前の合意) between a sender and a subscriber organisation: which warnings it covers (sectors,
 * topics, product/vendor keywords; empty = all), how they are delivered and to whom, and for how long.
 */
public record Agreement(UUID id, UUID senderOrganisationId, UUID subscriberOrganisationId, List<String> sectors,
		List<String> topics, List<String> keywords, Set<Channel> channels, List<String> contactEmails,
		String contactLanguage, @Nullable String webhookUrl, @Nullable String webhookSecret,
		@Nullable Instant webhookDisabledAt, int webhookFailures, LocalDate validFrom, @Nullable LocalDate validTo,
		String note, Instant createdAt, Instant updatedAt, @Nullable Instant endedAt) {

	public boolean activeOn(LocalDate day) {
		return endedAt == null && !day.isBefore(validFrom) && (validTo == null || !day.isAfter(validTo));
	}
}
