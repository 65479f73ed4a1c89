package org.kakehashi.vulns.web;

import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import org.jspecify.annotations.Nullable;
import org.kakehashi.vulns.publication.AdvisoryDrafts;
import org.kakehashi.vulns.cvss.CvssVector;
import org.kakehashi.vulns.internal.CaseLine;
import org.kakehashi.vulns.internal.VulnCase;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * Dates and scores of a case for templates ({@code ${@vulnDates...}}): a day such as the 起算日 in the reader's
 * language; the agreed publication moment in the zone it was agreed in, with that zone:
 * {@code 2026-12-01 10:00 (Asia/Tokyo)}; a CVSS vector scored; an advisory's address. Instants (filed, history) go
 * through DisplayTime.
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
		return agreed(vulnCase.publication());
	}

	public String publication(CaseLine line) {
		return agreed(line.publication());
	}

	/** The agreed moment as the parties agreed it: wall-clock time and IANA zone. */
	static String agreed(@Nullable ZonedDateTime at) {
		return at == null ? "—" : AGREED.format(at) + " (" + at.getZone().getId() + ")";
	}

	public @Nullable CvssVector score(@Nullable String vector) {
		return vector == null ? null : VulnCasePages.scored(vector);
	}

	/** A size limit for people: {@code 20 MB}, {@code 256 KB}, {@code 900 bytes}. */
	public String size(long bytes) {
		if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) == 0) {
			return bytes / (1024 * 1024) + " MB";
		}
		if (bytes >= 1024) {
			return bytes / 1024 + " KB";
		}
		return bytes + " bytes";
	}

	/** The advisory's address on the public pages: the CSAF file name's stem ({@code vu_2026-0001}). */
	public String slug(VulnCase vulnCase) {
		return AdvisoryDrafts.slug(vulnCase.number());
	}
}
