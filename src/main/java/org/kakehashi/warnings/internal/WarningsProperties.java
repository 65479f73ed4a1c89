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
 * @param delivery       how the outbox of e-mails and webhook calls is worked off
 */
@ConfigurationProperties("kakehashi.warnings")
public record WarningsProperties(@DefaultValue("true") boolean reviewRequired,
		@DefaultValue({ "2h", "8h", "24h", "72h" }) Duration[] reminders,
		@DefaultValue({ "4h", "24h", "72h", "168h" }) Duration[] escalations,
		@DefaultValue Delivery delivery) {

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

	/**
	 * The delivery worker ({@code kakehashi.warnings.delivery.*}), which runs on every node.
	 *
	 * @param enabled             whether this node works off the outbox at all
	 * @param pollInterval        how often it looks for due rows besides being woken by a publication
	 * @param parallelism         sends in flight at once on this node; one slow server holds only one of them
	 * @param lease               how long a claimed row stays with this node; after that (the node died mid-send)
	 *                            any node takes it over. Longer than the slowest send (connect + read timeouts).
	 * @param backoff             the wait before the first retry; doubled for each further attempt
	 * @param maxBackoff          the longest wait between two attempts
	 * @param maxAttempts         attempts before a row is given up (DEAD)
	 * @param connectTimeout      webhook connection timeout
	 * @param readTimeout         webhook response timeout
	 * @param webhookDisableAfter consecutive failed webhook calls after which the agreement's webhook is disabled
	 *                            and the subscriber's administrators are told (a row given up disables it too)
	 * @param allowPrivateAddresses webhooks may go to loopback, private and link-local addresses (a closed network,
	 *                            or tests); off, such addresses are refused when saved and before each call
	 */
	public record Delivery(@DefaultValue("true") boolean enabled, @DefaultValue("3s") Duration pollInterval,
			@DefaultValue("8") int parallelism, @DefaultValue("2m") Duration lease, @DefaultValue("30s") Duration backoff,
			@DefaultValue("1h") Duration maxBackoff, @DefaultValue("12") int maxAttempts,
			@DefaultValue("10s") Duration connectTimeout, @DefaultValue("10s") Duration readTimeout,
			@DefaultValue("30") int webhookDisableAfter, @DefaultValue("false") boolean allowPrivateAddresses) {

		public Delivery {
			require(positive(pollInterval), "poll-interval must be positive");
			require(parallelism >= 1 && parallelism <= 256, "parallelism must be between 1 and 256");
			require(positive(backoff) && maxBackoff.compareTo(backoff) >= 0,
					"backoff must be positive and max-backoff at least backoff");
			require(maxAttempts >= 1, "max-attempts must be at least 1");
			require(webhookDisableAfter >= 1, "webhook-disable-after must be at least 1");
			require(positive(connectTimeout) && positive(readTimeout), "timeouts must be positive");
			require(lease.compareTo(connectTimeout.plus(readTimeout)) > 0,
					"lease must be longer than connect-timeout + read-timeout, or a slow send is taken over mid-way");
		}

		private static boolean positive(Duration duration) {
			return !duration.isNegative() && !duration.isZero();
		}

		private static void require(boolean condition, String message) {
			if (!condition) {
				throw new IllegalArgumentException("kakehashi.warnings.delivery: " + message);
			}
		}

		/** The wait after {@code attempts} failed attempts: doubling from the back-off, capped, ±20 % jitter. */
		Duration retryDelay(int attempts, double random) {
			var exponent = Math.min(Math.max(attempts - 1, 0), 30);
			var millis = Math.min((double) backoff.toMillis() * (1L << exponent), (double) maxBackoff.toMillis());
			return Duration.ofMillis(Math.round(millis * (0.8 + 0.4 * random)));
		}
	}
}
