package org.kakehashi.warnings;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/** Published warnings as other modules (the TAXII feed) see them: content, and the agreements that take TAXII. */
public interface WarningLookup {

	/** A published or withdrawn warning's current revision; empty for drafts and unknown ids. */
	Optional<PublishedWarning> published(UUID warningId);

	/** The text of one published revision in both languages, with its indicators. */
	record PublishedWarning(UUID id, String number, int revision, UUID senderOrganisationId, String urgency,
			String tlp, String titleJa, String titleEn, String summaryJa, String summaryEn, String threatJa,
			String threatEn, String countermeasuresJa, String countermeasuresEn, String affectedProducts,
			List<String> cveIds, List<String> referenceUrls, List<Indicator> indicators, Instant publishedAt,
			Instant updatedAt, @Nullable Instant withdrawnAt, List<TaxiiRecipient> taxiiRecipients) {
	}

	/** An observable carried by a warning; {@code stixId} when it was linked to a stored STIX object. */
	record Indicator(String type, String value, @Nullable String stixId) {
	}

	/** A recipient organisation whose agreement with the sender includes the TAXII channel. */
	record TaxiiRecipient(UUID agreementId, UUID organisationId) {
	}
}
