package org.kakehashi.identity.security;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import org.jspecify.annotations.Nullable;
import org.kakehashi.identity.internal.OidcProvider;
import org.kakehashi.identity.internal.OidcProviders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.ClientRegistrations;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClientException;

/**
 * Client registrations for the organisations' providers, read from {@code oidc_provider}. Discovery (the
 * provider's {@code /.well-known/openid-configuration}) runs once and is cached against a fingerprint of the
 * row, so an edit on any node is picked up on the next sign-in without a restart. A disabled or unreachable
 * provider has no registration: sign-in through it is refused.
 */
@Component
class OidcClientRegistrations implements ClientRegistrationRepository {

	static final String REDIRECT_URI = "{baseUrl}/login/oauth2/code/{registrationId}";

	private static final Logger log = LoggerFactory.getLogger(OidcClientRegistrations.class);

	private final OidcProviders providers;
	private final ConcurrentMap<String, Cached> cache = new ConcurrentHashMap<>();

	private record Cached(String fingerprint, ClientRegistration registration) {
	}

	OidcClientRegistrations(OidcProviders providers) {
		this.providers = providers;
	}

	@Override
	public @Nullable ClientRegistration findByRegistrationId(String registrationId) {
		var provider = providers.byRegistrationId(registrationId).filter(OidcProvider::enabled).orElse(null);
		if (provider == null) {
			cache.remove(registrationId);
			return null;
		}
		var fingerprint = provider.fingerprint();
		var cached = cache.get(registrationId);
		if (cached != null && cached.fingerprint().equals(fingerprint)) {
			return cached.registration();
		}
		try {
			var registration = discover(provider);
			cache.put(registrationId, new Cached(fingerprint, registration));
			return registration;
		} catch (IllegalArgumentException | RestClientException e) {
			// The secret is never part of this message: only the issuer and what went wrong reaching it.
			log.warn("OpenID provider {} of organisation {} could not be discovered at {}: {}", provider.registrationId(),
					provider.organisationId(), provider.issuerUri(), e.getMessage());
			return null;
		}
	}

	private static ClientRegistration discover(OidcProvider provider) {
		return ClientRegistrations.fromIssuerLocation(provider.issuerUri())
			.registrationId(provider.registrationId())
			.clientName(provider.displayName())
			.clientId(provider.clientId())
			.clientSecret(provider.clientSecret())
			.scope(provider.scopeSet())
			.redirectUri(REDIRECT_URI)
			.userNameAttributeName("sub")
			.build();
	}
}
