package org.kakehashi.reporting.clocks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kakehashi.reporting.clocks.SeedRegimes.BRUSSELS;
import static org.kakehashi.reporting.clocks.SeedRegimes.CIRCIA;
import static org.kakehashi.reporting.clocks.SeedRegimes.JP;
import static org.kakehashi.reporting.clocks.SeedRegimes.NIS2;
import static org.kakehashi.reporting.clocks.SeedRegimes.TOKYO;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.kakehashi.reporting.ReportStatus;

/** The clock rules on worked examples: NIS2's chain, month ends, DST, what meets what, and the warning margin. */
class ClockRulesTests {

	static Instant local(String dateTime, ZoneId zone) {
		return LocalDateTime.parse(dateTime).atZone(zone).toInstant();
	}

	static Submission submitted(int version, Instant at) {
		return new Submission(version, version == 1 ? ReportStatus.SUBMITTED : ReportStatus.UPDATED, at, false);
	}

	static RegulatoryClock clock(List<RegulatoryClock> clocks, String regime, String milestone) {
		return clocks.stream().filter(c -> c.regimeCode().equals(regime) && c.milestone().equals(milestone)).findFirst()
			.orElseThrow(() -> new AssertionError("no clock " + regime + " " + milestone + " in " + clocks));
	}

	@Test
	void nis2EarlyWarningAndNotificationRunFromAwarenessAndTheFinalReportAMonthAfterTheNotification() {
		var aware = local("2026-01-10T09:00", BRUSSELS);
		var notified = local("2026-01-31T12:00", BRUSSELS);
		var clocks = ClockRules.compute(aware, null,
				List.of(submitted(1, aware.plus(Duration.ofHours(3))), submitted(2, notified)), List.of(NIS2),
				notified.plusSeconds(60));

		assertThat(clock(clocks, "EU_NIS2", "EARLY_WARNING").due()).isEqualTo(aware.plus(Duration.ofHours(24)));
		assertThat(clock(clocks, "EU_NIS2", "EARLY_WARNING").state()).isEqualTo(ClockState.MET);
		var notification = clock(clocks, "EU_NIS2", "NOTIFICATION");
		assertThat(notification.due()).isEqualTo(aware.plus(Duration.ofHours(72)));
		assertThat(notification.metVersion()).isEqualTo(2);
		assertThat(notification.metLate()).isTrue();
		// One calendar month after the notification was submitted: 31 January clamps to 28 February.
		var fin = clock(clocks, "EU_NIS2", "FINAL");
		assertThat(fin.due()).isEqualTo(local("2026-02-28T12:00", BRUSSELS));
		assertThat(fin.state()).isEqualTo(ClockState.OPEN);
	}

	@Test
	void theFinalReportRunsFromTheNotificationsDueTimeWhileItIsNotSubmitted() {
		var aware = local("2028-01-28T12:00", BRUSSELS);
		var clocks = ClockRules.compute(aware, null, List.of(submitted(1, aware.plusSeconds(3600))), List.of(NIS2),
				aware.plus(Duration.ofHours(80)));
		var notification = clock(clocks, "EU_NIS2", "NOTIFICATION");
		assertThat(notification.state()).isEqualTo(ClockState.OVERDUE);
		assertThat(notification.due()).isEqualTo(local("2028-01-31T12:00", BRUSSELS));
		// Leap year: 31 January + one month is 29 February.
		assertThat(clock(clocks, "EU_NIS2", "FINAL").due()).isEqualTo(local("2028-02-29T12:00", BRUSSELS));
	}

	@Test
	void aMonthAcrossTheSpringDstChangeKeepsTheLocalTimeAndHoursStayExact() {
		var aware = local("2026-03-28T10:00", BRUSSELS);
		var clocks = ClockRules.compute(aware, null,
				List.of(submitted(1, aware), submitted(2, aware)), List.of(NIS2), aware);
		// Brussels moves to summer time on 29 March 2026: the month keeps 10:00 local, one hour less in UTC.
		var fin = clock(clocks, "EU_NIS2", "FINAL");
		assertThat(fin.due()).isEqualTo(local("2026-04-28T10:00", BRUSSELS)).isEqualTo(Instant.parse("2026-04-28T08:00:00Z"));
		assertThat(Duration.between(aware, fin.due())).isEqualTo(Duration.ofDays(31).minusHours(1));
		// 24 hours are 24 hours: the early warning lands at 11:00 local the next day.
		assertThat(clock(clocks, "EU_NIS2", "EARLY_WARNING").due()).isEqualTo(local("2026-03-29T11:00", BRUSSELS));
	}

	@Test
	void aLocalTimeThatDoesNotExistMovesForwardByTheGap() {
		var notified = local("2027-02-28T02:30", BRUSSELS);
		var offset = RegimeRule.DueOffset.parse("P1M");
		// 28 March 2027 02:30 falls in the spring gap: it becomes 03:30 summer time.
		assertThat(offset.from(notified, BRUSSELS)).isEqualTo(Instant.parse("2027-03-28T01:30:00Z"));
	}

	@Test
	void aFinalReportFiledFirstMeetsEveryNis2Milestone() {
		var aware = local("2026-05-04T08:00", BRUSSELS);
		var fin = new Submission(1, ReportStatus.FINAL, aware.plus(Duration.ofHours(20)), false);
		var clocks = ClockRules.compute(aware, null, List.of(fin), List.of(NIS2), aware.plus(Duration.ofDays(90)));
		assertThat(clocks).hasSize(3).allSatisfy(c -> {
			assertThat(c.state()).isEqualTo(ClockState.MET);
			assertThat(c.metVersion()).isEqualTo(1);
			assertThat(c.metLate()).isFalse();
		});
	}

	@Test
	void circiaRansomClockRunsOnlyWithAPaymentAndIsMetByTheFirstSubmissionReportingIt() {
		var aware = Instant.parse("2026-06-01T12:00:00Z");
		var paid = aware.plus(Duration.ofHours(30));
		var first = submitted(1, aware.plus(Duration.ofHours(10)));
		assertThat(ClockRules.compute(aware, null, List.of(first), List.of(CIRCIA), aware))
			.extracting(RegulatoryClock::milestone).containsExactly("INCIDENT_REPORT");

		var reporting = new Submission(2, ReportStatus.UPDATED, paid.plus(Duration.ofHours(25)), true);
		var clocks = ClockRules.compute(aware, paid, List.of(first, reporting), List.of(CIRCIA), paid.plus(Duration.ofDays(2)));
		assertThat(clock(clocks, "US_CIRCIA", "INCIDENT_REPORT").metVersion()).isEqualTo(1);
		var ransom = clock(clocks, "US_CIRCIA", "RANSOM_PAYMENT");
		assertThat(ransom.due()).isEqualTo(paid.plus(Duration.ofHours(24)));
		assertThat(ransom.metVersion()).isEqualTo(2);
		assertThat(ransom.metLate()).isTrue();
	}

	@Test
	void japaneseTargetsAreSoftUpdatesHaveNoClockAndTheMonthIsCountedInTokyo() {
		var aware = local("2026-01-31T23:30", TOKYO);
		var clocks = ClockRules.compute(aware, null, List.of(submitted(1, aware.plusSeconds(600))), List.of(JP), aware);
		assertThat(clocks).extracting(RegulatoryClock::milestone).containsExactly("INITIAL", "FINAL");
		assertThat(clocks).allMatch(RegulatoryClock::soft);
		// 23:30 on 31 January in Tokyo is still January there (14:30 UTC): the month ends on 28 February, Tokyo time.
		assertThat(clock(clocks, "JP", "FINAL").due()).isEqualTo(local("2026-02-28T23:30", TOKYO));
	}

	@Test
	void nearlyDueInTheLastQuarterOfTheWindowButNeverMoreThanADayAhead() {
		var aware = Instant.parse("2026-07-01T00:00:00Z");
		var submissions = List.of(submitted(1, aware.plusSeconds(60)));
		var due72 = aware.plus(Duration.ofHours(72));
		assertThat(clock(ClockRules.compute(aware, null, submissions, List.of(NIS2), due72.minus(Duration.ofHours(18)).minusSeconds(1)),
				"EU_NIS2", "NOTIFICATION").state()).isEqualTo(ClockState.OPEN);
		assertThat(clock(ClockRules.compute(aware, null, submissions, List.of(NIS2), due72.minus(Duration.ofHours(18))),
				"EU_NIS2", "NOTIFICATION").state()).isEqualTo(ClockState.NEARLY_DUE);
		assertThat(clock(ClockRules.compute(aware, null, submissions, List.of(NIS2), due72), "EU_NIS2", "NOTIFICATION").state())
			.isEqualTo(ClockState.OVERDUE);

		var none = List.<Submission>of();
		var early = clock(ClockRules.compute(aware, null, none, List.of(NIS2), aware), "EU_NIS2", "EARLY_WARNING");
		assertThat(early.nearlyDueAt()).isEqualTo(early.due().minus(Duration.ofHours(6)));
		var fin = clock(ClockRules.compute(aware, null, none, List.of(JP), aware), "JP", "FINAL");
		assertThat(fin.nearlyDueAt()).isEqualTo(fin.due().minus(Duration.ofHours(24)));
	}

	@Test
	void theVersionInForceAtTheAwareTimeApplies() {
		var newer = new Regime("X", "X", "X", BRUSSELS, List.of(
				SeedRegimes.version("2025-01-01", SeedRegimes.rule("INITIAL", 1, "AWARE", "PT24H", false, "SUBMISSION:1")),
				SeedRegimes.version("2026-01-01", SeedRegimes.rule("INITIAL", 1, "AWARE", "PT12H", false, "SUBMISSION:1"))));
		// Midnight in Brussels is 23:00 UTC the day before.
		var justBefore = Instant.parse("2025-12-31T22:59:59Z");
		var justAfter = Instant.parse("2025-12-31T23:00:00Z");
		assertThat(ClockRules.compute(justBefore, null, List.of(), List.of(newer), justBefore).get(0).due())
			.isEqualTo(justBefore.plus(Duration.ofHours(24)));
		assertThat(ClockRules.compute(justAfter, null, List.of(), List.of(newer), justAfter).get(0).due())
			.isEqualTo(justAfter.plus(Duration.ofHours(12)));
		// Before the first version the regime imposes nothing.
		assertThat(ClockRules.compute(Instant.parse("2024-06-01T00:00:00Z"), null, List.of(), List.of(NIS2),
				Instant.parse("2024-06-01T00:00:00Z"))).isEmpty();
	}

	@Test
	void remainingTimeReadsInMinutesHoursOrDays() {
		var aware = Instant.parse("2026-07-01T00:00:00Z");
		var early = clock(ClockRules.compute(aware, null, List.of(), List.of(NIS2), aware.plus(Duration.ofHours(19))),
				"EU_NIS2", "EARLY_WARNING");
		assertThat(early.timeUnit()).isEqualTo("hours");
		assertThat(early.timeAmount()).isEqualTo(5);
		var late = clock(ClockRules.compute(aware, null, List.of(), List.of(NIS2), aware.plus(Duration.ofHours(24)).plusSeconds(40 * 60)),
				"EU_NIS2", "EARLY_WARNING");
		assertThat(late.state()).isEqualTo(ClockState.OVERDUE);
		assertThat(late.timeUnit()).isEqualTo("minutes");
		assertThat(late.timeAmount()).isEqualTo(40);
	}
}
