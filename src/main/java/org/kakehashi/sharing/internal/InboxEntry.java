package org.kakehashi.sharing.internal;

import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.kakehashi.sharing.Tlp;

/**
 * One line of an inbox: what arrived, from which hub, when, and whether the viewer or anyone in their
 * organisation has opened it. Nothing about the source or the other recipients.
 */
public record InboxEntry(UUID id, String number, Tlp tlp, String title, UUID hubOrganisationId, String hubName,
		@Nullable String hubNameEn, Instant publishedAt, boolean withdrawn, @Nullable Instant withdrawnAt,
		@Nullable Instant readByMe, @Nullable Instant readByOrganisation) {

	public String hubName(Locale locale) {
		return "en".equals(locale.getLanguage()) && hubNameEn != null ? hubNameEn : hubName;
	}
}
