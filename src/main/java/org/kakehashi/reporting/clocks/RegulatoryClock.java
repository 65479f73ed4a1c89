package org.kakehashi.reporting.clocks;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * One deadline of one regime for one report, as it stood at {@link #asOf()}.
 *
 * @param anchorAt  when the deadline started running
 * @param nearlyDueAt from when an unmet clock counts as nearly due
 * @param metAt     when the submission that met it was made; null while unmet
 * @param metVersion the report version that met it; null while unmet
 */
public record RegulatoryClock(String regimeCode, String regimeNameJa, String regimeNameEn, LocalDate regimeVersion,
		String milestone, String milestoneNameJa, String milestoneNameEn, @Nullable String dueTextJa,
		@Nullable String dueTextEn, Instant anchorAt, Instant due, Instant nearlyDueAt, boolean soft, ClockState state,
		@Nullable Instant metAt, @Nullable Integer metVersion, Instant asOf) {

	public String regimeName(Locale locale) {
		return "en".equals(locale.getLanguage()) ? regimeNameEn : regimeNameJa;
	}

	public String milestoneName(Locale locale) {
		return "en".equals(locale.getLanguage()) ? milestoneNameEn : milestoneNameJa;
	}

	public @Nullable String dueText(Locale locale) {
		return "en".equals(locale.getLanguage()) ? dueTextEn : dueTextJa;
	}

	/** Met, but after the due time. */
	public boolean metLate() {
		return metAt != null && metAt.isAfter(due);
	}

	/** Unmet and running or overdue. */
	public boolean open() {
		return state != ClockState.MET;
	}

	/** Time from {@link #asOf()} to the due time; negative once overdue. */
	public Duration remaining() {
		return Duration.between(asOf, due);
	}

	/** The unit people read the remaining (or overdue) time in: under an hour minutes, under two days hours. */
	public String timeUnit() {
		var left = remaining().abs();
		return left.compareTo(Duration.ofHours(1)) < 0 ? "minutes" : left.compareTo(Duration.ofDays(2)) < 0 ? "hours" : "days";
	}

	/** Whole units of {@link #timeUnit()}, rounded down. */
	public long timeAmount() {
		var left = remaining().abs();
		return switch (timeUnit()) {
			case "minutes" -> left.toMinutes();
			case "hours" -> left.toHours();
			default -> left.toDays();
		};
	}
}
