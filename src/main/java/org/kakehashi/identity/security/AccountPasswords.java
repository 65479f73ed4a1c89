package org.kakehashi.identity.security;

import java.util.Map;
import java.util.Optional;

import org.kakehashi.audit.AuditEvent;
import org.kakehashi.audit.AuditLog;
import org.kakehashi.identity.internal.PasswordPolicy;
import org.kakehashi.identity.internal.UserAccount;
import org.kakehashi.identity.internal.Users;
import org.kakehashi.platform.InvalidInput;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** A signed-in user changing their own password: the current one first, then the policy. */
@Service
public class AccountPasswords {

	private final Users users;
	private final PasswordEncoder passwords;
	private final AuditLog audit;

	AccountPasswords(Users users, PasswordEncoder passwords, AuditLog audit) {
		this.users = users;
		this.passwords = passwords;
		this.audit = audit;
	}

	/** Changes the password, or names the field and message key of the first problem. */
	@Transactional
	public Optional<InvalidInput> change(UserAccount account, String current, String next) {
		if (account.passwordHash() == null || !passwords.matches(current, account.passwordHash())) {
			audit.record(AuditEvent.by(account.principal(), "identity.password.change-failed", "user", account.id(),
					Map.of("reason", "wrong-current-password")));
			return Optional.of(new InvalidInput("currentPassword", "account.password.wrong-current", "The current password is not correct"));
		}
		var broken = PasswordPolicy.check(next, account.email(), account.displayName());
		if (broken.isPresent()) {
			return Optional.of(new InvalidInput("password", broken.get(), "The new password breaks the password policy"));
		}
		users.setPassword(account.id(), passwords.encode(next));
		audit.record(AuditEvent.by(account.principal(), "identity.password.changed", "user", account.id(), Map.of()));
		return Optional.empty();
	}
}
