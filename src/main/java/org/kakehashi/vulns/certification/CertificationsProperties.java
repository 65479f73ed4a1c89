package org.kakehashi.vulns.certification;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the certification registry ({@code kakehashi.vulns.certifications.*}).
 *
 * @param reminders        how long before a certificate's end date its holder is reminded, in whole days
 *                         ({@code 90d,30d}); empty for no reminders
 * @param remindersEnabled whether this node runs the reminder job (every node may; each reminder is sent once)
 * @param reminderInterval how often the job looks for certificates due a reminder
 */
@ConfigurationProperties("kakehashi.vulns.certifications")
public record CertificationsProperties(@DefaultValue({ "90d", "30d" }) List<Duration> reminders,
		@DefaultValue("true") boolean remindersEnabled, @DefaultValue("PT1H") Duration reminderInterval) {

	static final Duration LONGEST = Duration.ofDays(3650);

	public CertificationsProperties {
		for (var reminder : reminders) {
			if (reminder.isNegative() || reminder.compareTo(LONGEST) > 0 || reminder.toSeconds() % 86_400 != 0) {
				throw new IllegalArgumentException("kakehashi.vulns.certifications.reminders lists whole days before "
						+ "the end date between 0d and 3650d (e.g. 90d,30d); " + reminder + " is not one");
			}
		}
		if (reminderInterval.isNegative() || reminderInterval.isZero()) {
			throw new IllegalArgumentException("kakehashi.vulns.certifications.reminder-interval must be positive, was "
					+ reminderInterval);
		}
		reminders = List.copyOf(reminders);
	}

	/** The reminder thresholds as days before the end date. */
	public ReminderSchedule schedule() {
		return new ReminderSchedule(reminders.stream().map(d -> (int) d.toDays()).toList());
	}
}
