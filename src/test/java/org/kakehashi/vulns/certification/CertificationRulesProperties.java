package org.kakehashi.vulns.certification;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Laws of the expiry rules: where a certificate stands on a day, which list filters it meets, and which reminder is
 * due, over many thresholds, end dates and ways the job may run (daily, late, with gaps).
 */
class CertificationRulesProperties {

	static final LocalDate BASE = LocalDate.of(2026, 1, 1);

	@Provide
	Arbitrary<List<Integer>> thresholds() {
		return Arbitraries.integers().between(0, 400).list().ofMinSize(1).ofMaxSize(5);
	}

	@Provide
	Arbitrary<CertificationStatus> statuses() {
		return Arbitraries.of(CertificationStatus.class);
	}

	@Property(tries = 1000)
	void runningDailySendsEachThresholdOnceOnItsOwnDay(@ForAll("thresholds") List<Integer> days,
			@ForAll @IntRange(min = 0, max = 60) int earlyBy) {
		var schedule = new ReminderSchedule(days);
		var validTo = BASE.plusDays(500);
		var start = validTo.minusDays(schedule.horizon() + earlyBy);
		var sent = new ArrayList<Integer>();
		for (var day = start; !day.isAfter(validTo.plusDays(30)); day = day.plusDays(1)) {
			var due = schedule.due(validTo, day, Set.copyOf(sent));
			if (due.isPresent()) {
				assertThat(ChronoUnit.DAYS.between(day, validTo)).as("sent on its day").isEqualTo(due.getAsInt());
				sent.add(due.getAsInt());
			}
		}
		var furthestFirst = new ArrayList<>(schedule.thresholds());
		Collections.reverse(furthestFirst);
		assertThat(sent).as("every threshold once, the furthest first").containsExactlyElementsOf(furthestFirst);
	}

	@Property(tries = 2000)
	void runsAtAnyTimesSendAtMostOneCurrentReminderNeverAStaleOneAndMissNone(@ForAll("thresholds") List<Integer> days,
			@ForAll @Size(min = 1, max = 30) List<@IntRange(min = 0, max = 120) Integer> gaps,
			@ForAll @IntRange(min = -450, max = 50) int firstRunOffset) {
		var schedule = new ReminderSchedule(days);
		var validTo = BASE.plusDays(500);
		var day = validTo.plusDays(firstRunOffset);
		var sent = new HashSet<Integer>();
		var order = new ArrayList<Integer>();
		for (var gap : gaps) {
			day = day.plusDays(gap);
			var daysLeft = ChronoUnit.DAYS.between(day, validTo);
			var due = schedule.due(validTo, day, Set.copyOf(sent));
			if (due.isPresent()) {
				var threshold = due.getAsInt();
				assertThat(daysLeft).as("never after the end").isNotNegative();
				assertThat(threshold).as("a threshold reached").isGreaterThanOrEqualTo((int) daysLeft);
				assertThat(sent).as("each once").doesNotContain(threshold);
				sent.add(threshold);
				order.add(threshold);
			}
			if (daysLeft >= 0 && daysLeft <= schedule.horizon()) {
				// After any run before the end, the most urgent threshold reached (or a more urgent one) went out.
				var reached = schedule.thresholds().stream().filter(t -> t >= daysLeft).findFirst().orElseThrow();
				assertThat(sent.stream().anyMatch(s -> s <= reached)).as("covered after a run %d days before", daysLeft)
					.isTrue();
			}
		}
		assertThat(order).as("ever more urgent").isSortedAccordingTo((a, b) -> Integer.compare(b, a));
		assertThat(order).doesNotHaveDuplicates();
	}

	@Property(tries = 2000)
	void aCertificateStandsInExactlyOneStandingAndEndsOnlyAfterItsLastDay(@ForAll("statuses") CertificationStatus status,
			@ForAll @IntRange(min = -800, max = 800) int endOffset, @ForAll @IntRange(min = 0, max = 2000) int length,
			@ForAll boolean flagged) {
		var today = BASE.plusDays(1000);
		var validTo = today.plusDays(endOffset);
		var validFrom = validTo.minusDays(length);
		var standing = Standing.of(status, validTo, today);
		var matching = new ArrayList<StatusFilter>();
		for (var filter : List.of(StatusFilter.VALID, StatusFilter.SUSPENDED, StatusFilter.WITHDRAWN, StatusFilter.EXPIRED)) {
			if (filter.matches(status, validTo, today)) {
				matching.add(filter);
			}
		}
		assertThat(matching).as("one standing filter").containsExactly(StatusFilter.valueOf(standing.name()));
		assertThat(standing == Standing.EXPIRED).isEqualTo(status != CertificationStatus.WITHDRAWN && endOffset < 0);
		if (status == CertificationStatus.WITHDRAWN) {
			assertThat(standing).isEqualTo(Standing.WITHDRAWN);
		}
		if (StatusFilter.EXPIRING.matches(status, validTo, today)) {
			assertThat(standing).isIn(Standing.VALID, Standing.SUSPENDED);
			assertThat(endOffset).isBetween(0, StatusFilter.EXPIRING_DAYS);
		}
		var listed = Standing.listedPublicly(flagged, status, validFrom, validTo, today);
		assertThat(listed).isEqualTo(flagged && status != CertificationStatus.WITHDRAWN && !validFrom.isAfter(today)
				&& !validTo.isBefore(today));
	}
}
