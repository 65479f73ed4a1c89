package org.kakehashi.identity.security;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;

import org.kakehashi.audit.AuditEvent;
import org.kakehashi.audit.AuditLog;
import org.kakehashi.identity.internal.Users;
import org.kakehashi.platform.KakehashiProperties;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * The password step. Unknown users, wrong passwords and deactivated accounts get the same answer and
 * take the same time; repeated failures lock the account for a while (counted in the database, so all
 * nodes agree). A correct password completes the sign-in only for users without a second factor who are
 * not required to have one.
 */
@Component
class PasswordSignIn implements AuthenticationProvider {

	private final Users users;
	private final PasswordEncoder passwords;
	private final AuditLog audit;
	private final KakehashiProperties properties;
	private final Clock clock;
	private final String dummyHash;

	PasswordSignIn(Users users, PasswordEncoder passwords, AuditLog audit, KakehashiProperties properties, Clock clock) {
		this.users = users;
		this.passwords = passwords;
		this.audit = audit;
		this.properties = properties;
		this.clock = clock;
		this.dummyHash = passwords.encode("not-a-real-password-only-for-timing");
	}

	@Override
	public Authentication authenticate(Authentication authentication) {
		var email = String.valueOf(authentication.getName()).strip();
		var password = String.valueOf(authentication.getCredentials());
		var found = users.byEmail(email).filter(u -> u.active() && u.passwordHash() != null);
		if (found.isEmpty()) {
			passwords.matches(password, dummyHash);
			audit.record(new AuditEvent("identity.sign-in.failed", null, email, null, "user", null, Map.of("reason", "unknown-or-inactive")));
			throw new BadCredentialsException("Bad credentials");
		}
		var account = found.get();
		var now = Instant.now(clock);
		if (account.lockedAt(now)) {
			audit.record(AuditEvent.by(account.principal(), "identity.sign-in.refused", "user", account.id(), Map.of("reason", "locked")));
			throw new LockedException("Account temporarily locked");
		}
		if (!passwords.matches(password, account.passwordHash())) {
			int failures = users.recordFailure(account.id(), properties.security().maxFailedAttempts(),
					now.plus(properties.security().lockout()));
			audit.record(AuditEvent.by(account.principal(), "identity.sign-in.failed", "user", account.id(),
					Map.of("reason", "bad-password", "consecutiveFailures", String.valueOf(failures))));
			throw new BadCredentialsException("Bad credentials");
		}
		var principal = account.principal();
		if (account.hasSecondFactor()) {
			audit.record(AuditEvent.by(principal, "identity.sign-in.password-accepted", "user", account.id(), Map.of()));
			return SignInState.partial(principal, SignInState.SECOND_FACTOR_PENDING);
		}
		if (account.secondFactorRequired()) {
			audit.record(AuditEvent.by(principal, "identity.sign-in.password-accepted", "user", account.id(),
					Map.of("next", "second-factor-enrolment")));
			return SignInState.partial(principal, SignInState.ENROLMENT_REQUIRED);
		}
		users.recordSuccess(account.id());
		audit.record(AuditEvent.by(principal, "identity.sign-in.succeeded", "user", account.id(), Map.of("method", "password")));
		return SignInState.complete(principal);
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
	}
}
