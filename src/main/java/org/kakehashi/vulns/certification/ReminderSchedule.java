package org.kakehashi.vulns.certification;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;

/**
 * When a certificate's holder is reminded of its end date. Each threshold (days before the end date) stands for one
 * reminder per end date. A certificate is due the reminder of the smallest threshold its days left have reached,
 * unless that one or a more urgent one went out already for the same end date. So a job that runs late (or a
 * certificate registered 20 days before its end) sends one reminder, the most urgent, never a stale one after it;
 * nothing is sent once the end date has passed; a new end date starts afresh.
 */
public final class ReminderSchedule {

	private final List<Integer> thresholds;

	public ReminderSchedule(Collection<Integer> daysBefore) {
		this.thresholds = daysBefore.stream().distinct().sorted().toList();
		if (thresholds.stream().anyMatch(d -> d < 0)) {
			throw new IllegalArgumentException("Reminder thresholds are days before the end date, not after: " + daysBefore);
		}
	}

	/** The thresholds, smallest first. */
	public List<Integer> thresholds() {
		return thresholds;
	}

	/** The largest threshold: certificates ending further away than this are never due. */
	public int horizon() {
		return thresholds.isEmpty() ? -1 : thresholds.get(thresholds.size() - 1);
	}

	/**
	 * The threshold to send today, if any.
	 *
	 * @param sent thresholds already sent for this end date
	 */
	public OptionalInt due(LocalDate validTo, LocalDate today, Set<Integer> sent) {
		var daysLeft = ChronoUnit.DAYS.between(today, validTo);
		if (daysLeft < 0) {
			return OptionalInt.empty();
		}
		for (var threshold : thresholds) {
			if (threshold >= daysLeft) {
				var coveredAlready = sent.stream().anyMatch(s -> s <= threshold);
				return coveredAlready ? OptionalInt.empty() : OptionalInt.of(threshold);
			}
		}
		return OptionalInt.empty();
	}
}
