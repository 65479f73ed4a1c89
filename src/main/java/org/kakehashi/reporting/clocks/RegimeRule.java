package org.kakehashi.reporting.clocks;

import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneId;
import java.util.Locale;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * One obligation of a regime version: a milestone (EARLY_WARNING, NOTIFICATION, FINAL…), what its deadline runs
 * from, how long it is, whether it is only a target, and which submission meets it.
 *
 * @param offset null for an obligation without a deadline (Japanese updates "as the situation develops")
 * @param dueTextJa how the deadline reads where the bare offset would mislead, e.g. 速やかに（目安 24 時間）
 */
public record RegimeRule(String milestone, int position, String nameJa, String nameEn, Anchor anchor,
		@Nullable DueOffset offset, boolean soft, Satisfaction satisfiedBy, @Nullable String dueTextJa,
		@Nullable String dueTextEn) {

	public String name(Locale locale) {
		return "en".equals(locale.getLanguage()) ? nameEn : nameJa;
	}

	public @Nullable String dueText(Locale locale) {
		return "en".equals(locale.getLanguage()) ? dueTextEn : dueTextJa;
	}

	/** What a deadline runs from. */
	public record Anchor(Kind kind, @Nullable String milestone) {

		public enum Kind {
			/** The time the organisation became aware of the event (for CIRCIA: reasonably believed it occurred). */
			AWARE,
			/** The time the ransom was paid; the rule applies only to reports with a payment. */
			RANSOM_PAID,
			/** An earlier milestone: its submission when met, its due time while not. */
			MILESTONE
		}

		public static Anchor parse(String text) {
			if (text.startsWith("MILESTONE:")) {
				return new Anchor(Kind.MILESTONE, text.substring("MILESTONE:".length()));
			}
			return new Anchor(Kind.valueOf(text), null);
		}

		@Override
		public String toString() {
			return kind == Kind.MILESTONE ? "MILESTONE:" + milestone : kind.name();
		}
	}

	/**
	 * An ISO-8601 offset: {@code PT24H} is an exact duration (24 hours whatever the zone does); {@code P1M} is a
	 * calendar period counted in the regime's zone, so it keeps the local time across DST and clamps to the end
	 * of a shorter month (31 January + P1M = 28 or 29 February).
	 */
	public record DueOffset(String iso, @Nullable Duration duration, @Nullable Period period) {

		private static final Pattern FORM = Pattern.compile("PT[0-9]+[HM]|P[0-9]+[DMY]");

		public static DueOffset parse(String iso) {
			if (!FORM.matcher(iso).matches()) {
				throw new IllegalArgumentException("Offset must be PT<n>H, PT<n>M or P<n>D/M/Y: " + iso);
			}
			return iso.startsWith("PT") ? new DueOffset(iso, Duration.parse(iso), null)
					: new DueOffset(iso, null, Period.parse(iso));
		}

		public Instant from(Instant anchor, ZoneId zone) {
			if (duration != null) {
				return anchor.plus(duration);
			}
			// ZonedDateTime adds the period to the local date-time, clamps the day to the month's end and
			// resolves a time that falls in a DST gap by moving it forward by the gap's length.
			return anchor.atZone(zone).plus(period).toInstant();
		}

		/** Amount and unit for people: 24 HOURS, 1 MONTHS. */
		public long amount() {
			if (duration != null) {
				return duration.toMinutes() % 60 == 0 ? duration.toHours() : duration.toMinutes();
			}
			return period.getYears() + period.getMonths() + period.getDays();
		}

		public String unit() {
			if (duration != null) {
				return duration.toMinutes() % 60 == 0 ? "HOURS" : "MINUTES";
			}
			return period.getYears() != 0 ? "YEARS" : period.getMonths() != 0 ? "MONTHS" : "DAYS";
		}

		@Override
		public String toString() {
			return iso;
		}
	}

	/** Which submission meets the milestone. */
	public record Satisfaction(Kind kind, int sequence) {

		public enum Kind {
			/** The n-th submission (1 = the initial report); a final report earlier than the n-th also meets it. */
			SUBMISSION,
			/** The final report. */
			FINAL,
			/** The first submission saying the ransom was paid. */
			RANSOM_REPORT
		}

		public static Satisfaction parse(String text) {
			if (text.startsWith("SUBMISSION:")) {
				return new Satisfaction(Kind.SUBMISSION, Integer.parseInt(text.substring("SUBMISSION:".length())));
			}
			return new Satisfaction(Kind.valueOf(text), 0);
		}

		@Override
		public String toString() {
			return kind == Kind.SUBMISSION ? "SUBMISSION:" + sequence : kind.name();
		}
	}
}
