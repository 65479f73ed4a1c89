package org.kakehashi.reporting.clocks;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.kakehashi.reporting.ReportStatus;

/**
 * Computes a report's regulatory clocks; pure, no I/O.
 *
 * <p>For each regime, the version in force at the aware time applies. Each of its rules with a deadline gives a
 * clock due at anchor + offset, where the anchor is the aware time, the ransom payment (the rule is skipped for
 * reports without one), or an earlier milestone of the same version (the time it was met, or its due time while
 * it is not). Hour offsets are exact; month and day offsets are calendar arithmetic in the regime's zone.
 *
 * <p>Which submission meets a milestone, in version order:
 * <ul>
 * <li>{@code SUBMISSION:n}: the n-th submission (the initial report is the 1st, so it meets INITIAL,
 * EARLY_WARNING and CIRCIA's 72-hour report; the 2nd meets NIS2's NOTIFICATION). A report whose final version
 * came before the n-th submission can have no n-th; its final report meets the milestone, so a NIS2 report
 * filed final at once meets all three milestones with that one submission.
 * <li>{@code FINAL}: the first submission with status FINAL.
 * <li>{@code RANSOM_REPORT}: the first submission that says the ransom was paid.
 * </ul>
 * A met clock is late when the submission came after the due time.
 *
 * <p>An unmet clock is NEARLY_DUE once less than a quarter of its window remains, but never earlier than 24 hours
 * before the due time: 24 h early warnings turn at 6 h left, 72 h notifications at 18 h, and a one-month final
 * report a day ahead rather than a week, which would make the warning noise. It is OVERDUE from the due time on.
 */
public final class ClockRules {

	static final Duration MAX_WARNING = Duration.ofHours(24);

	private ClockRules() {
	}

	/**
	 * @param awareAt      when the organisation became aware of the event
	 * @param ransomPaidAt when a ransom was paid, if one was
	 * @param submissions  the report's submitted versions, in any order
	 */
	public static List<RegulatoryClock> compute(Instant awareAt, @Nullable Instant ransomPaidAt,
			List<Submission> submissions, List<Regime> regimes, Instant now) {
		var ordered = submissions.stream().sorted(Comparator.comparingInt(Submission::version)).toList();
		var clocks = new ArrayList<RegulatoryClock>();
		for (var regime : regimes) {
			var version = regime.versionAt(awareAt);
			if (version.isEmpty()) {
				continue;
			}
			var byMilestone = new HashMap<String, RegulatoryClock>();
			for (var rule : version.get().rules()) {
				if (rule.offset() == null) {
					continue;
				}
				var anchor = switch (rule.anchor().kind()) {
					case AWARE -> awareAt;
					case RANSOM_PAID -> ransomPaidAt;
					case MILESTONE -> {
						var earlier = byMilestone.get(rule.anchor().milestone());
						yield earlier == null ? null : earlier.metAt() != null ? earlier.metAt() : earlier.due();
					}
				};
				if (anchor == null) {
					continue;
				}
				var due = rule.offset().from(anchor, regime.zone());
				var nearlyDueAt = nearlyDueAt(anchor, due);
				var met = meeting(rule.satisfiedBy(), ordered);
				var state = met.isPresent() ? ClockState.MET
						: !now.isBefore(due) ? ClockState.OVERDUE
						: !now.isBefore(nearlyDueAt) ? ClockState.NEARLY_DUE : ClockState.OPEN;
				var clock = new RegulatoryClock(regime.code(), regime.nameJa(), regime.nameEn(),
						version.get().effectiveFrom(), rule.milestone(), rule.nameJa(), rule.nameEn(), rule.dueTextJa(),
						rule.dueTextEn(), anchor, due, nearlyDueAt, rule.soft(), state,
						met.map(Submission::submittedAt).orElse(null), met.map(Submission::version).orElse(null), now);
				byMilestone.put(rule.milestone(), clock);
				clocks.add(clock);
			}
		}
		return clocks;
	}

	/** The start of the warning margin: a quarter of the window before the due time, at most 24 hours before it. */
	static Instant nearlyDueAt(Instant anchor, Instant due) {
		var window = Duration.between(anchor, due);
		if (window.isNegative()) {
			return due;
		}
		var margin = window.dividedBy(4);
		return due.minus(margin.compareTo(MAX_WARNING) > 0 ? MAX_WARNING : margin);
	}

	static Optional<Submission> meeting(RegimeRule.Satisfaction satisfaction, List<Submission> ordered) {
		var firstFinal = ordered.stream().filter(s -> s.status() == ReportStatus.FINAL).findFirst();
		return switch (satisfaction.kind()) {
			case SUBMISSION -> ordered.size() >= satisfaction.sequence()
					? Optional.of(ordered.get(satisfaction.sequence() - 1)) : firstFinal;
			case FINAL -> firstFinal;
			case RANSOM_REPORT -> ordered.stream().filter(Submission::ransomPaid).findFirst();
		};
	}
}
