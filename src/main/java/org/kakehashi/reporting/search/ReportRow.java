package org.kakehashi.reporting.search;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.kakehashi.reporting.ReportKind;
import org.kakehashi.reporting.ReportStatus;

/** One line of a report list: enough to recognise a report and open it, never its description. */
public record ReportRow(UUID id, String number, @Nullable String title, ReportKind kind, ReportStatus status,
		List<String> sectors, @Nullable Integer severity, @Nullable Instant awareAt, @Nullable Instant submittedAt,
		Instant createdAt, UUID organisationId, String organisationName, @Nullable String organisationNameEn) {

	public String organisationName(Locale locale) {
		return "en".equals(locale.getLanguage()) && organisationNameEn != null ? organisationNameEn : organisationName;
	}
}
