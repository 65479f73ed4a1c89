package org.kakehashi.sharing.internal;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/** A published TLP:CLEAR item as anyone may read it, signed in or not. */
public record PublicItem(UUID id, String number, String title, String body, String analysis, String countermeasures,
		String language, Instant publishedAt, String hubName, @Nullable String hubNameEn,
		List<ItemObservable> observables) {

	public String hubName(Locale locale) {
		return "en".equals(locale.getLanguage()) && hubNameEn != null ? hubNameEn : hubName;
	}
}
