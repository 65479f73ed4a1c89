package org.kakehashi.sharing.internal;

import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/** A recipient organisation's comment on an item, for the hub (and the commenting organisation itself). */
public record Feedback(UUID id, UUID organisationId, String organisationName, @Nullable String organisationNameEn,
		String author, String body, Instant createdAt) {

	public String organisationName(Locale locale) {
		return "en".equals(locale.getLanguage()) && organisationNameEn != null ? organisationNameEn : organisationName;
	}
}
