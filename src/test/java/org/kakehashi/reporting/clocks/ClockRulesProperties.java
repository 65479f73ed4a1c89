package org.kakehashi.reporting.clocks;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/** Laws of the clock arithmetic, over many instants, zones and offsets. */
class ClockRulesProperties {

	static final List<ZoneId> ZONES = List.of(ZoneId.of("Europe/Brussels"), ZoneId.of("Asia/Tokyo"),
			ZoneId.of("America/New_York"), ZoneId.of("Australia/Lord_Howe"), ZoneId.of("UTC"));

	@Provide
	Arbitrary<ZoneId> zones() {
		return Arbitraries.of(ZONES);
	}

	@Provide
	Arbitrary<String> offsets() {
		return Arbitraries.oneOf(Arbitraries.integers().between(0, 2000).map(h -> "PT" + h + "H"),
				Arbitraries.integers().between(0, 600).map(m -> "PT" + m + "M"),
				Arbitraries.integers().between(0, 400).map(d -> "P" + d + "D"),
				Arbitraries.integers().between(0, 36).map(m -> "P" + m + "M"),
				Arbitraries.integers().between(0, 5).map(y -> "P" + y + "Y"));
	}

	/** Instants from 2020 to 2040. */
	static Instant instant(long seconds) {
		return Instant.ofEpochSecond(seconds);
	}

	@Property(tries = 2000)
	void dueIsNeverBeforeItsAnchor(@ForAll @LongRange(min = 1_577_836_800L, max = 2_208_988_800L) long seconds,
			@ForAll("offsets") String offset, @ForAll("zones") ZoneId zone) {
		var anchor = instant(seconds);
		assertThat(RegimeRule.DueOffset.parse(offset).from(anchor, zone)).isAfterOrEqualTo(anchor);
	}

	@Property(tries = 1000)
	void hourOffsetsAreTheSameInEveryZone(@ForAll @LongRange(min = 1_577_836_800L, max = 2_208_988_800L) long seconds,
			@ForAll @IntRange(min = 0, max = 2000) int hours, @ForAll("zones") ZoneId a, @ForAll("zones") ZoneId b) {
		var offset = RegimeRule.DueOffset.parse("PT" + hours + "H");
		var anchor = instant(seconds);
		assertThat(offset.from(anchor, a)).isEqualTo(offset.from(anchor, b)).isEqualTo(anchor.plus(Duration.ofHours(hours)));
	}

	@Property(tries = 2000)
	void monthOffsetsLandOnTheSameLocalDayOrTheMonthsEnd(
			@ForAll @LongRange(min = 1_577_836_800L, max = 2_208_988_800L) long seconds,
			@ForAll @IntRange(min = 0, max = 36) int months, @ForAll("zones") ZoneId zone) {
		var anchor = instant(seconds);
		var start = anchor.atZone(zone);
		var due = RegimeRule.DueOffset.parse("P" + months + "M").from(anchor, zone).atZone(zone);
		var target = YearMonth.from(start).plusMonths(months);
		assertThat(YearMonth.from(due.toLocalDate())).isEqualTo(target);
		assertThat(due.getDayOfMonth()).isEqualTo(Math.min(start.getDayOfMonth(), target.lengthOfMonth()));
		// Same local time, unless that time does not exist on the due day (a DST gap) and moved forward.
		var wanted = start.toLocalTime();
		if (!due.toLocalTime().equals(wanted)) {
			var local = LocalDateTime.of(due.toLocalDate(), wanted);
			assertThat(zone.getRules().getValidOffsets(local)).isEmpty();
			assertThat(due.toLocalTime()).isAfter(wanted);
		}
	}

	@Property(tries = 1000)
	void aMonthInBrusselsAcrossDstIsTheLocalCalendarMonth(@ForAll @IntRange(min = 0, max = 364) int day,
			@ForAll @IntRange(min = 0, max = 23) int hour, @ForAll @IntRange(min = 0, max = 59) int minute) {
		var brussels = ZoneId.of("Europe/Brussels");
		var local = LocalDateTime.of(2026, 1, 1, hour, minute).plusDays(day);
		var anchor = local.atZone(brussels).toInstant();
		var due = RegimeRule.DueOffset.parse("P1M").from(anchor, brussels);
		// The anchor's own wall-clock time: a time in the spring-forward gap (02:xx on 29 March) is really 03:xx.
		var anchorLocal = anchor.atZone(brussels).toLocalDateTime();
		var expected = anchorLocal.plusMonths(1).atZone(brussels).toInstant();
		assertThat(due).isEqualTo(expected);
		// The UTC length differs from the local calendar length by at most the one-hour DST shift.
		var localDays = Duration.between(anchorLocal, anchorLocal.plusMonths(1));
		assertThat(Duration.between(anchor, due).minus(localDays).abs()).isLessThanOrEqualTo(Duration.ofHours(1));
	}

	@Property(tries = 1000)
	void aClockIsMetOnlyByASubmissionAndAnUnmetOneMovesOpenNearlyDueOverdue(
			@ForAll @LongRange(min = 0, max = 200 * 3600) long elapsedSeconds, @ForAll @IntRange(min = 0, max = 3) int submissions) {
		var aware = Instant.parse("2026-03-27T20:00:00Z");
		var list = java.util.stream.IntStream.rangeClosed(1, submissions)
			.mapToObj(v -> new Submission(v, v == 1 ? org.kakehashi.reporting.ReportStatus.SUBMITTED
					: org.kakehashi.reporting.ReportStatus.UPDATED, aware.plus(Duration.ofHours(v * 30L)), false))
			.toList();
		var now = aware.plusSeconds(elapsedSeconds);
		for (var clock : ClockRules.compute(aware, null, list, List.of(SeedRegimes.NIS2), now)) {
			assertThat(clock.due()).isAfterOrEqualTo(clock.anchorAt());
			assertThat(clock.nearlyDueAt()).isBetween(clock.anchorAt(), clock.due());
			var expected = clock.metAt() != null ? ClockState.MET
					: !now.isBefore(clock.due()) ? ClockState.OVERDUE
					: !now.isBefore(clock.nearlyDueAt()) ? ClockState.NEARLY_DUE : ClockState.OPEN;
			assertThat(clock.state()).isEqualTo(expected);
		}
	}
}
