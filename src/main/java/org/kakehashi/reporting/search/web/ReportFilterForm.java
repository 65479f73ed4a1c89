package org.kakehashi.reporting.search.web;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.UUID;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import org.kakehashi.platform.InvalidInput;
import org.kakehashi.reporting.Cause;
import org.kakehashi.reporting.EventType;
import org.kakehashi.reporting.ReportKind;
import org.kakehashi.reporting.ReportStatus;
import org.kakehashi.reporting.search.ReportQuery;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The list filters as they arrive in a URL, shared by the page, the downloads and the API. Values are read
 * here rather than by Spring's converters so that a bad one is refused naming its parameter. {@code clock}
 * ({@code overdue}, {@code due-soon}) comes from the start page's deadline cards.
 */
record ReportFilterForm(@Nullable String q, @Nullable String sector, @Nullable String kind,
		@Nullable String eventType, @Nullable String cause, @Nullable String severity, @Nullable String minSeverity,
		@Nullable String status, @Nullable String dateField, @Nullable String from, @Nullable String to,
		@Nullable String organisation, @Nullable String sort, @Nullable String clock) {

	ReportQuery query() {
		return new ReportQuery(blankToNull(q), blankToNull(sector), parse("kind", kind, ReportKind::valueOf),
				parse("eventType", eventType, EventType::valueOf), parse("cause", cause, Cause::valueOf),
				parse("severity", severity, Integer::valueOf), parse("minSeverity", minSeverity, Integer::valueOf),
				parse("status", status, ReportStatus::valueOf),
				dateField == null || dateField.isBlank() ? ReportQuery.DateField.SUBMITTED
						: parse("dateField", dateField, ReportQuery.DateField::valueOf),
				parse("from", from, LocalDate::parse), parse("to", to, LocalDate::parse),
				parse("organisation", organisation, UUID::fromString),
				sort == null || sort.isBlank() ? ReportQuery.Sort.NEWEST : parse("sort", sort, ReportQuery.Sort::valueOf),
				parse("clock", clock, value -> ReportQuery.Deadline.valueOf(value.toUpperCase(java.util.Locale.ROOT).replace('-', '_'))));
	}

	/** The filters as a query string for links (pager, downloads), without empty values. */
	String queryString() {
		var uri = UriComponentsBuilder.newInstance();
		add(uri, "q", q);
		add(uri, "sector", sector);
		add(uri, "kind", kind);
		add(uri, "eventType", eventType);
		add(uri, "cause", cause);
		add(uri, "severity", severity);
		add(uri, "minSeverity", minSeverity);
		add(uri, "status", status);
		add(uri, "dateField", dateField);
		add(uri, "from", from);
		add(uri, "to", to);
		add(uri, "organisation", organisation);
		add(uri, "sort", sort);
		add(uri, "clock", clock);
		var query = uri.encode().build().getQuery();
		return query == null ? "" : query;
	}

	/** What the audit log keeps of a download: the filters, never any report content. */
	java.util.Map<String, String> auditDetails() {
		var details = new java.util.TreeMap<String, String>();
		var query = queryString();
		details.put("filters", query.isEmpty() ? "none" : query);
		return details;
	}

	private static void add(UriComponentsBuilder uri, String name, @Nullable String value) {
		if (value != null && !value.isBlank()) {
			uri.queryParam(name, value.strip());
		}
	}

	private static <T> @Nullable T parse(String field, @Nullable String value, Function<String, T> parser) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			return parser.apply(value.strip());
		} catch (IllegalArgumentException | DateTimeParseException e) {
			throw new InvalidInput(field, "reports.search.error.invalid-value", "Not a valid value for " + field + ".");
		}
	}

	private static @Nullable String blankToNull(@Nullable String value) {
		return value == null || value.isBlank() ? null : value;
	}
}
