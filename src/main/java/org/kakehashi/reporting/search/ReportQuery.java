package org.kakehashi.reporting.search;

import java.time.LocalDate;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.kakehashi.platform.InvalidInput;
import org.kakehashi.reporting.Cause;
import org.kakehashi.reporting.EventType;
import org.kakehashi.reporting.ReportKind;
import org.kakehashi.reporting.ReportStatus;

/**
 * What a list asks for. Every filter is optional; dates are whole days in Asia/Tokyo, both ends included.
 *
 * @param text        words that must all occur in the number, title or a description (no spaces needed in
 *                    Japanese: 「停電」 finds 「大規模停電が発生」)
 * @param minSeverity at least this overall level; {@code severity} asks for exactly one level
 * @param dateField   which time {@code from} and {@code to} apply to
 * @param deadline    only reports with an unmet regulatory deadline that is overdue or due within 24 hours
 */
public record ReportQuery(@Nullable String text, @Nullable String sector, @Nullable ReportKind kind,
		@Nullable EventType eventType, @Nullable Cause cause, @Nullable Integer severity, @Nullable Integer minSeverity,
		@Nullable ReportStatus status, DateField dateField, @Nullable LocalDate from, @Nullable LocalDate to,
		@Nullable UUID organisationId, Sort sort, @Nullable Deadline deadline) {

	/** Refuses what no list could answer, naming the parameter, before anything is read or audited. */
	public ReportQuery {
		SearchTerms.parse(text);
		level("severity", severity);
		level("minSeverity", minSeverity);
		if (from != null && to != null && to.isBefore(from)) {
			throw new InvalidInput("to", "reports.search.error.date-order", "The end date is before the start date.");
		}
	}

	private static void level(String field, @Nullable Integer level) {
		if (level != null && (level < 0 || level > 4)) {
			throw new InvalidInput(field, "reports.search.error.level", "A severity level is 0 to 4.");
		}
	}

	/** Every filter but the deadline one. */
	public ReportQuery(@Nullable String text, @Nullable String sector, @Nullable ReportKind kind,
			@Nullable EventType eventType, @Nullable Cause cause, @Nullable Integer severity,
			@Nullable Integer minSeverity, @Nullable ReportStatus status, DateField dateField, @Nullable LocalDate from,
			@Nullable LocalDate to, @Nullable UUID organisationId, Sort sort) {
		this(text, sector, kind, eventType, cause, severity, minSeverity, status, dateField, from, to, organisationId, sort,
				null);
	}

	/** Regulatory deadlines, as the start page's cards count them. */
	public enum Deadline {
		/** An unmet deadline has passed. */
		OVERDUE,
		/** An unmet deadline falls within the next 24 hours. */
		DUE_SOON
	}

	/** The time a date range applies to. */
	public enum DateField {
		/** First submission (drafts have none and fall outside any range). */
		SUBMITTED,
		/** When the organisation became aware of the event. */
		AWARE
	}

	public enum Sort {
		/** Newest first: drafts by creation, the rest by first submission. */
		NEWEST,
		/** Most severe first, newest first within a level; unrated drafts last. */
		SEVERITY
	}

	public static ReportQuery all() {
		return new ReportQuery(null, null, null, null, null, null, null, null, DateField.SUBMITTED, null, null, null,
				Sort.NEWEST);
	}

	public ReportQuery withText(@Nullable String text) {
		return new ReportQuery(text, sector, kind, eventType, cause, severity, minSeverity, status, dateField, from, to,
				organisationId, sort, deadline);
	}
}
