package org.kakehashi.identity.security;

import java.io.IOException;
import java.util.Map;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.jspecify.annotations.Nullable;
import org.kakehashi.audit.AuditEvent;
import org.kakehashi.audit.AuditLog;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.oauth2.client.OAuth2LoginConfigurer;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.stereotype.Component;

/**
 * Sign-in through an organisation's own OpenID Connect provider: {@code /oauth2/authorization/{id}} sends the
 * browser to the provider, {@code /login/oauth2/code/{id}} takes it back. {@link OidcAccounts} maps the
 * person to a user of the provider's organisation; the session then holds the same kind of sign-in as after
 * a password ({@link SignInState#complete}), never the provider's tokens.
 */
@Component
class OidcSignIn {

	static final String AUTHORIZATION_BASE = "/oauth2/authorization";
	static final String FAILURE_URL = "/login?error=oidc";

	private final ClientRegistrationRepository registrations;
	private final OidcAccounts accounts;
	private final AuditLog audit;
	private final OidcUserService providerUsers = new OidcUserService();
	private final SignInSessions sessions;

	OidcSignIn(OidcClientRegistrations registrations, OidcAccounts accounts, AuditLog audit, SignInSessions sessions) {
		this.sessions = sessions;
		this.registrations = registrations;
		this.accounts = accounts;
		this.audit = audit;
	}

	void configure(OAuth2LoginConfigurer<HttpSecurity> login) {
		login.loginPage("/login")
			.clientRegistrationRepository(registrations)
			.authorizedClientRepository(new NoAuthorizedClients())
			.authorizationEndpoint(endpoint -> endpoint.authorizationRequestResolver(new KnownProvidersOnly(registrations)))
			.userInfoEndpoint(userInfo -> userInfo.oidcUserService(this::loadUser))
			.successHandler(this::succeeded)
			.failureHandler(this::failed);
	}

	private OidcUser loadUser(OidcUserRequest request) {
		var person = providerUsers.loadUser(request);
		var registrationId = request.getClientRegistration().getRegistrationId();
		return accounts.map(registrationId, person)
			.map(user -> (OidcUser) new MappedOidcUser(person, user))
			.orElseThrow(() -> new Refused());
	}

	private void succeeded(HttpServletRequest request, HttpServletResponse response, Authentication authentication)
			throws IOException, ServletException {
		if (!(authentication.getPrincipal() instanceof MappedOidcUser mapped)) {
			throw new IllegalStateException("OIDC sign-in finished without a mapped user");
		}
		// Replace the OAuth2 token (claims, provider details) by our small, serialisable sign-in.
		sessions.complete(mapped.user(), request, response);
		new SignInSuccessHandler().onAuthenticationSuccess(request, response, SignInState.complete(mapped.user()));
	}

	private void failed(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
			throws IOException {
		if (!(e instanceof Refused)) {
			// Refusals by the mapping rule are audited with their reason already; these are protocol failures
			// (the person cancelled at the provider, a bad state, an invalid ID token, an unknown provider).
			var code = e instanceof OAuth2AuthenticationException oauth ? oauth.getError().getErrorCode() : "failed";
			audit.record(new AuditEvent("identity.sign-in.failed", null, null, null, "oidc-provider",
					registrationId(request), Map.of("method", "oidc", "reason", code)));
		}
		response.sendRedirect(request.getContextPath() + FAILURE_URL);
	}

	private static @Nullable String registrationId(HttpServletRequest request) {
		var uri = request.getRequestURI();
		int slash = uri.lastIndexOf('/');
		return slash >= 0 && slash < uri.length() - 1 ? uri.substring(slash + 1) : null;
	}

	/** Thrown when the mapping rule finds nobody this person may be. */
	static final class Refused extends OAuth2AuthenticationException {

		Refused() {
			super(new OAuth2Error("access_denied", "No Kakehashi user may be signed in by this provider for this person", null));
		}
	}

	/**
	 * Starts a sign-in only through a provider that is enabled and reachable; for any other the request falls
	 * through to {@code OidcUnavailableController}, which sends the browser back to the sign-in page.
	 */
	static final class KnownProvidersOnly implements OAuth2AuthorizationRequestResolver {

		private final ClientRegistrationRepository registrations;
		private final DefaultOAuth2AuthorizationRequestResolver delegate;
		private final PathPatternRequestMatcher matcher = PathPatternRequestMatcher.withDefaults()
			.matcher(AUTHORIZATION_BASE + "/{registrationId}");

		KnownProvidersOnly(ClientRegistrationRepository registrations) {
			this.registrations = registrations;
			this.delegate = new DefaultOAuth2AuthorizationRequestResolver(registrations, AUTHORIZATION_BASE);
		}

		@Override
		public @Nullable OAuth2AuthorizationRequest resolve(HttpServletRequest request) {
			var match = matcher.matcher(request);
			if (!match.isMatch()) {
				return null;
			}
			return resolve(request, match.getVariables().get("registrationId"));
		}

		@Override
		public @Nullable OAuth2AuthorizationRequest resolve(HttpServletRequest request, @Nullable String registrationId) {
			if (registrationId == null || registrations.findByRegistrationId(registrationId) == null) {
				return null;
			}
			return delegate.resolve(request, registrationId);
		}
	}

	/** We sign people in and call nothing on their behalf, so the provider's tokens are not kept anywhere. */
	static final class NoAuthorizedClients implements OAuth2AuthorizedClientRepository {

		@Override
		public <T extends OAuth2AuthorizedClient> @Nullable T loadAuthorizedClient(String clientRegistrationId,
				Authentication principal, HttpServletRequest request) {
			return null;
		}

		@Override
		public void saveAuthorizedClient(OAuth2AuthorizedClient authorizedClient, Authentication principal,
				HttpServletRequest request, HttpServletResponse response) {
		}

		@Override
		public void removeAuthorizedClient(String clientRegistrationId, Authentication principal,
				HttpServletRequest request, HttpServletResponse response) {
		}
	}
}
