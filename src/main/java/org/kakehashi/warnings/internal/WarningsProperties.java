package org.kakehashi.warnings.internal;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of early warnings ({@code kakehashi.warnings.*}).
 *
 * @param reviewRequired a second person reviews each warning before it is published
 * @param reminders      how long a recipient may stay silent before a reminder, per urgency, unless the sender set
 *                       its own rule
 * @param escalations    how long before the silence is escalated to the recipient's ministry or CEPTOAR
 */
@ConfigurationProperties("kakehashi.warnings")
public record WarningsProperties(@DefaultValue("true") boolean reviewRequired,
		@DefaultValue({ "2h", "8h", "24h", "72h" }) Duration[] reminders,
		@DefaultValue({ "4h", "24h", "72h", "168h" }) Duration[] escalations) {

	public WarningsProperties {
		if (reminders.length != Urgency.values().length || escalations.length != Urgency.values().length) {
			throw new IllegalArgumentException("kakehashi.warnings.reminders and .escalations list one duration per "
					+ "urgency: CRITICAL, HIGH, MEDIUM, LOW");
		}
	}

	public Duration reminder(Urgency urgency) {
		return reminders[urgency.ordinal()];
	}

	public Duration escalation(Urgency urgency) {
		return escalations[urgency.ordinal()];
	}
}
