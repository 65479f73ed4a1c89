package org.kakehashi.vulns.web;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import org.jspecify.annotations.Nullable;
import org.kakehashi.vulns.internal.VulnCase;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * Dates of a case for templates ({@code ${@vulnDates...}}): a day such as the 起算日 in the reader's language, and
 * the agreed publication moment in the zone it was agreed in, with that zone: {@code 2026-12-01 10:00 (Asia/Tokyo)}.
 * Instants (filed, history) go through DisplayTime.
 */
@Component("vulnDates")
class VulnDates {

	private static final DateTimeFormatter JA = DateTimeFormatter.ofPattern("uuuu年M月d日(E)", Locale.JAPANESE);
	private static final DateTimeFormatter EN = DateTimeFormatter.ofPattern("EEE d MMM uuuu", Locale.ENGLISH);
	private static final DateTimeFormatter AGREED = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm");

	public String day(@Nullable LocalDate date) {
		if (date == null) {
			return "—";
		}
		return ("ja".equals(LocaleContextHolder.getLocale().getLanguage()) ? JA : EN).format(date);
	}

	public String publication(VulnCase vulnCase) {
		var at = vulnCase.publication();
		return at == null ? "—" : AGREED.format(at) + " (" + at.getZone().getId() + ")";
	}
}
