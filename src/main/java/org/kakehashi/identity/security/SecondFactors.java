package org.kakehashi.identity.security;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.kakehashi.audit.AuditEvent;
import org.kakehashi.audit.AuditLog;
import org.kakehashi.identity.internal.UserAccount;
import org.kakehashi.identity.internal.Users;
import org.kakehashi.platform.KakehashiProperties;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Everything a user does with their second factors: TOTP enrolment and removal, recovery codes, passkey
 * removal, and the second step of a sign-in. Each change is audited; no secret or code ever goes into an
 * audit entry.
 */
@Service
public class SecondFactors {

	private final Users users;
	private final SecondFactorDao dao;
	private final Totp totp;
	private final AuditLog audit;
	private final KakehashiProperties properties;
	private final Clock clock;

	SecondFactors(Users users, SecondFactorDao dao, Totp totp, AuditLog audit, KakehashiProperties properties, Clock clock) {
		this.users = users;
		this.dao = dao;
		this.totp = totp;
		this.audit = audit;
		this.properties = properties;
		this.clock = clock;
	}

	/** What the enrolment page shows: the secret as text and as a QR code of its otpauth URI. */
	public record Enrolment(String secret, String otpauthUri, String qrDataUri) {
	}

	/** How a second-factor attempt ended. */
	public enum Outcome {
		TOTP, RECOVERY_CODE, WRONG, LOCKED;

		public boolean succeeded() {
			return this == TOTP || this == RECOVERY_CODE;
		}
	}

	/** A registered passkey as the account page lists it. */
	public record Passkey(String credentialId, String label, @Nullable Instant created, @Nullable Instant lastUsed) {
	}

	/**
	 * Starts (or restarts) TOTP enrolment with a fresh secret. Refused while TOTP is enabled, so that loading
	 * the enrolment page can never switch off a working authenticator.
	 */
	@Transactional
	public Optional<Enrolment> startEnrolment(UserAccount account) {
		if (account.totpEnabled()) {
			return Optional.empty();
		}
		var secret = Totp.newSecret();
		users.startTotpEnrolment(account.id(), secret);
		return Optional.of(enrolment(account, secret));
	}

	/** The enrolment under way, shown again after a mistyped first code. */
	public Optional<Enrolment> pendingEnrolment(UserAccount account) {
		var secret = account.totpSecret();
		return secret == null || account.totpEnabled() ? Optional.empty() : Optional.of(enrolment(account, secret));
	}

	private static Enrolment enrolment(UserAccount account, String secret) {
		var label = URLEncoder.encode("Kakehashi:" + account.email(), StandardCharsets.UTF_8).replace("+", "%20");
		var uri = "otpauth://totp/" + label + "?secret=" + secret + "&issuer=Kakehashi&algorithm=SHA1&digits="
				+ Totp.DIGITS + "&period=" + Totp.STEP_SECONDS;
		return new Enrolment(secret, uri, QrCode.pngDataUri(uri));
	}

	/** Confirms enrolment with the first code; on success returns the new recovery codes (shown once). */
	@Transactional
	public Optional<List<String>> confirmEnrolment(UserAccount account, String code) {
		var secret = account.totpSecret();
		if (secret == null || account.totpEnabled()) {
			return Optional.empty();
		}
		var step = totp.verify(secret, code);
		if (step.isEmpty()) {
			audit.record(AuditEvent.by(account.principal(), "identity.totp.enrolment-failed", "user", account.id(), Map.of()));
			return Optional.empty();
		}
		users.enableTotp(account.id(), step.getAsLong());
		var codes = dao.replaceRecoveryCodes(account.id());
		audit.record(AuditEvent.by(account.principal(), "identity.totp.enabled", "user", account.id(),
				Map.of("recoveryCodes", String.valueOf(codes.size()))));
		return Optional.of(codes);
	}

	/** A user who had to enrol before anything else has now finished signing in. */
	@Transactional
	public void enrolmentCompletedSignIn(UserAccount account) {
		users.recordSuccess(account.id());
		audit.record(AuditEvent.by(account.principal(), "identity.sign-in.succeeded", "user", account.id(),
				Map.of("method", "totp-enrolment")));
	}

	/**
	 * The second step of a sign-in: a TOTP code (each step accepted once) or an unused recovery code. Wrong
	 * codes count toward the same lockout as wrong passwords, so the six digits cannot be brute-forced.
	 */
	@Transactional
	public Outcome verifySignIn(UserAccount account, String code) {
		var now = Instant.now(clock);
		var principal = account.principal();
		if (!account.active() || account.lockedAt(now)) {
			audit.record(AuditEvent.by(principal, "identity.sign-in.refused", "user", account.id(), Map.of("reason", "locked")));
			return Outcome.LOCKED;
		}
		var reason = "bad-second-factor";
		var secret = account.totpSecret();
		if (account.totpEnabled() && secret != null) {
			var step = totp.verify(secret, code);
			if (step.isPresent()) {
				if (users.consumeTotpStep(account.id(), step.getAsLong())) {
					return succeeded(account, Outcome.TOTP);
				}
				reason = "replayed-totp";
			}
		}
		if (!code.isBlank() && dao.consumeRecoveryCode(account.id(), code)) {
			return succeeded(account, Outcome.RECOVERY_CODE);
		}
		var security = properties.security();
		int failures = users.recordFailure(account.id(), security.maxFailedAttempts(), now.plus(security.lockout()));
		audit.record(AuditEvent.by(principal, "identity.sign-in.failed", "user", account.id(),
				Map.of("reason", reason, "consecutiveFailures", String.valueOf(failures))));
		return failures >= security.maxFailedAttempts() ? Outcome.LOCKED : Outcome.WRONG;
	}

	private Outcome succeeded(UserAccount account, Outcome outcome) {
		users.recordSuccess(account.id());
		var method = outcome == Outcome.TOTP ? "totp" : "recovery-code";
		var details = outcome == Outcome.TOTP ? Map.of("method", method)
				: Map.of("method", method, "recoveryCodesLeft", String.valueOf(dao.unusedRecoveryCodes(account.id())));
		audit.record(AuditEvent.by(account.principal(), "identity.sign-in.succeeded", "user", account.id(), details));
		return outcome;
	}

	/** Switches TOTP off, unless it is the last second factor of someone who must have one. */
	@Transactional
	public boolean disableTotp(UserAccount account) {
		if (!account.totpEnabled() || (account.secondFactorRequired() && account.passkeys() == 0)) {
			audit.record(AuditEvent.by(account.principal(), "identity.totp.disable-refused", "user", account.id(),
					Map.of("reason", account.totpEnabled() ? "last-mandatory-factor" : "not-enabled")));
			return false;
		}
		dao.disableTotp(account.id());
		if (account.passkeys() == 0) {
			// Recovery codes stand in for a second factor; with none left they would be a bypass.
			dao.deleteRecoveryCodes(account.id());
		}
		audit.record(AuditEvent.by(account.principal(), "identity.totp.disabled", "user", account.id(), Map.of()));
		return true;
	}

	@Transactional
	public Optional<List<String>> regenerateRecoveryCodes(UserAccount account) {
		if (!account.hasSecondFactor()) {
			return Optional.empty();
		}
		var codes = dao.replaceRecoveryCodes(account.id());
		audit.record(AuditEvent.by(account.principal(), "identity.recovery-codes.regenerated", "user", account.id(),
				Map.of("count", String.valueOf(codes.size()))));
		return Optional.of(codes);
	}

	public int unusedRecoveryCodes(UserAccount account) {
		return dao.unusedRecoveryCodes(account.id());
	}

	public List<Passkey> passkeys(UserAccount account) {
		return dao.passkeys(account.email());
	}

	/** Removes one of the user's passkeys, unless it is the last second factor of someone who must have one. */
	@Transactional
	public boolean removePasskey(UserAccount account, String credentialId) {
		if (account.secondFactorRequired() && !account.totpEnabled() && account.passkeys() <= 1) {
			audit.record(AuditEvent.by(account.principal(), "identity.passkey.remove-refused", "user", account.id(),
					Map.of("reason", "last-mandatory-factor")));
			return false;
		}
		if (!dao.deletePasskey(account.email(), credentialId)) {
			return false;
		}
		if (!account.totpEnabled() && account.passkeys() <= 1) {
			dao.deleteRecoveryCodes(account.id());
		}
		audit.record(AuditEvent.by(account.principal(), "identity.passkey.removed", "user", account.id(), Map.of()));
		return true;
	}
}
