package org.kakehashi.identity.security;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.kakehashi.audit.AuditEvent;
import org.kakehashi.audit.AuditLog;
import org.kakehashi.identity.internal.Users;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.authentication.HttpMessageConverterAuthenticationSuccessHandler;

/**
 * A passkey proves possession and (with user verification) knowledge or presence in one step, so it counts
 * as a complete sign-in. Spring Security leaves a {@code WebAuthnAuthentication} whose principal is its
 * user entity; this handler replaces it with our {@link org.kakehashi.identity.KakehashiUser} so every
 * complete sign-in looks the same to the rest of the application.
 *
 * <p>It is also the {@link UserDetailsService} WebAuthn needs. It is deliberately not a bean: a
 * UserDetailsService bean would make Spring Security add a password provider beside {@link PasswordSignIn},
 * which would bypass lockout and the second factor.
 */
class PasskeySignIn implements AuthenticationSuccessHandler, UserDetailsService {

	private final Users users;
	private final SignInSessions sessions;
	private final AuditLog audit;
	private final Clock clock;
	private final AuthenticationSuccessHandler json = new HttpMessageConverterAuthenticationSuccessHandler();

	PasskeySignIn(Users users, SignInSessions sessions, AuditLog audit, Clock clock) {
		this.users = users;
		this.sessions = sessions;
		this.audit = audit;
		this.clock = clock;
	}

	@Override
	public UserDetails loadUserByUsername(String email) {
		var account = users.byEmail(email)
			.filter(u -> u.active() && !u.lockedAt(Instant.now(clock)))
			.orElseThrow(() -> new UsernameNotFoundException("No active, unlocked user"));
		// The password is never consulted on this path; WebAuthn only reads the authorities.
		return User.withUsername(account.email()).password("").authorities(SignInState.authorities(account.principal())).build();
	}

	@Override
	public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
			Authentication authentication) throws IOException, ServletException {
		var account = users.byEmail(authentication.getName()).filter(u -> u.active())
			.orElseThrow(() -> new BadCredentialsException("User vanished during sign-in"));
		sessions.complete(account.principal(), request, response);
		users.recordSuccess(account.id());
		audit.record(AuditEvent.by(account.principal(), "identity.sign-in.succeeded", "user", account.id(),
				Map.of("method", "passkey")));
		json.onAuthenticationSuccess(request, response, SignInState.complete(account.principal()));
	}
}
