package org.kakehashi.identity.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.kakehashi.audit.AuditEvent;
import org.kakehashi.audit.AuditLog;
import org.kakehashi.platform.InvalidInput;
import org.kakehashi.platform.KakehashiProperties;
import org.kakehashi.platform.Mailer;
import org.kakehashi.platform.Secrets;
import org.kakehashi.platform.SlidingWindowLimiter;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Password resets by e-mail: a one-time link valid for an hour, only its hash stored. Anyone may ask for
 * one by address; the answer never says whether the address exists, and each address may ask only a few
 * times an hour (counted in memory per node, which is enough to stop mail-bombing through us).
 */
@Service
public class PasswordResets {

	static final Duration VALIDITY = Duration.ofHours(1);
	static final int REQUESTS_PER_HOUR = 5;
	static final int MAX_TRACKED_ADDRESSES = 10_000;

	private final JdbcClient jdbc;
	private final Users users;
	private final PasswordEncoder passwords;
	private final Mailer mailer;
	private final AuditLog audit;
	private final KakehashiProperties properties;
	private final Clock clock;
	private final SlidingWindowLimiter requests;

	PasswordResets(JdbcClient jdbc, Users users, PasswordEncoder passwords, Mailer mailer, AuditLog audit,
			KakehashiProperties properties, Clock clock) {
		this.jdbc = jdbc;
		this.users = users;
		this.passwords = passwords;
		this.mailer = mailer;
		this.requests = new SlidingWindowLimiter(REQUESTS_PER_HOUR, Duration.ofHours(1), MAX_TRACKED_ADDRESSES, clock);
		this.audit = audit;
		this.properties = properties;
		this.clock = clock;
	}

	public record PendingReset(UUID userId, String email, String displayName) {
	}

	/** The public "forgot password" form. Returns nothing on purpose: the caller must not learn more. */
	@Transactional
	public void request(String email) {
		var address = email.strip().toLowerCase(Locale.ROOT);
		if (!requests.tryAcquire(address)) {
			audit.record("identity.password-reset.throttled", "user", null, Map.of("email", address));
			return;
		}
		users.byEmail(address).filter(UserAccount::active).ifPresent(user -> issue(user, "self-service"));
	}

	/** Sends a reset link to the user and audits it; {@code by} says who asked (admin or self-service). */
	@Transactional
	public void issue(UserAccount user, String by) {
		var now = Instant.now(clock);
		// A new link replaces any earlier one still open.
		jdbc.sql("update password_reset set used_at = :now where user_id = :user and used_at is null")
			.param("now", Timestamp.from(now))
			.param("user", user.id())
			.update();
		var token = Secrets.newToken();
		jdbc.sql("""
				insert into password_reset (token_hash, user_id, created_at, expires_at)
				values (:hash, :user, :now, :expires)
				""")
			.param("hash", Secrets.sha256Hex(token))
			.param("user", user.id())
			.param("now", Timestamp.from(now))
			.param("expires", Timestamp.from(now.plus(VALIDITY)))
			.update();
		var link = properties.link("/password-reset?token=" + token);
		audit.record("identity.password-reset.sent", "user", user.id(), Map.of("email", user.email(), "requestedBy", by));
		mailer.sendInBothLanguages(user.email(), user.locale(), "mail.password-reset.subject", "mail.password-reset.body",
				user.displayName(), link);
	}

	@Transactional(readOnly = true)
	public Optional<PendingReset> pending(String token) {
		return jdbc.sql("""
				select u.id as user_id, u.email, u.display_name
				from password_reset r join app_user u on u.id = r.user_id
				where r.token_hash = :hash and r.used_at is null and r.expires_at > :now and u.active
				""")
			.param("hash", Secrets.sha256Hex(token))
			.param("now", Timestamp.from(Instant.now(clock)))
			.query(PendingReset.class)
			.optional();
	}

	/** Sets the new password, spends the link and unlocks the account. */
	@Transactional
	public void complete(String token, String newPassword) {
		var reset = pending(token)
			.orElseThrow(() -> new InvalidInput("token", "password-reset.invalid", "This link is no longer valid."));
		PasswordPolicy.check(newPassword, reset.email(), reset.displayName()).ifPresent(rule -> {
			throw new InvalidInput("password", rule, "The password does not meet the rules.");
		});
		var claimed = jdbc.sql("update password_reset set used_at = :now where token_hash = :hash and used_at is null")
			.param("now", Timestamp.from(Instant.now(clock)))
			.param("hash", Secrets.sha256Hex(token))
			.update();
		if (claimed != 1) {
			throw new InvalidInput("token", "password-reset.invalid", "This link is no longer valid.");
		}
		users.setPassword(reset.userId(), passwords.encode(newPassword));
		// Whoever may have known the old password is signed out everywhere.
		users.endSessions(reset.email());
		var user = users.byId(reset.userId()).orElseThrow();
		audit.record(AuditEvent.by(user.principal(), "identity.password-reset.completed", "user", user.id(),
				Map.of("email", user.email())));
	}
}
