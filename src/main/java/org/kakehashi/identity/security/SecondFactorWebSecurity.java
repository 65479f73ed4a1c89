package org.kakehashi.identity.security;

import java.time.Clock;

import org.kakehashi.audit.AuditLog;
import org.kakehashi.identity.internal.Users;
import org.kakehashi.platform.KakehashiProperties;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.webauthn.authentication.WebAuthnAuthenticationFilter;
import org.springframework.stereotype.Component;

/**
 * The browser chain's second-factor parts, kept out of {@link SecurityConfiguration} so that file stays
 * small: passkeys (WebAuthn) ending in our own principal, and the per-address sign-in rate limit.
 */
@Component
class SecondFactorWebSecurity {

	private final PasskeySignIn passkeySignIn;
	private final PasskeyConfiguration.RelyingParty relyingParty;
	private final KakehashiProperties properties;
	private final Clock clock;

	SecondFactorWebSecurity(Users users, SignInSessions sessions, AuditLog audit,
			PasskeyConfiguration.RelyingParty relyingParty, KakehashiProperties properties, Clock clock) {
		this.passkeySignIn = new PasskeySignIn(users, sessions, audit, clock);
		this.relyingParty = relyingParty;
		this.properties = properties;
		this.clock = clock;
	}

	void configure(HttpSecurity http) throws Exception {
		// Shared object rather than bean: see PasskeySignIn.
		http.setSharedObject(UserDetailsService.class, passkeySignIn);
		http.webAuthn(webAuthn -> {
			webAuthn.rpName("Kakehashi").rpId(relyingParty.id()).allowedOrigins(relyingParty.origins())
				.disableDefaultRegistrationPage(true);
			webAuthn.addObjectPostProcessor(new ObjectPostProcessor<WebAuthnAuthenticationFilter>() {
				@Override
				public <O extends WebAuthnAuthenticationFilter> O postProcess(O filter) {
					filter.setAuthenticationSuccessHandler(passkeySignIn);
					return filter;
				}
			});
		});
		http.addFilterBefore(new SignInRateLimit(properties.security().signInAttemptsPerMinutePerAddress(), clock),
				UsernamePasswordAuthenticationFilter.class);
	}
}
