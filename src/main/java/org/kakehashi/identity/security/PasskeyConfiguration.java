package org.kakehashi.identity.security;

import java.net.URI;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.kakehashi.audit.AuditLog;
import org.kakehashi.identity.internal.Users;
import org.kakehashi.platform.KakehashiProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.security.web.webauthn.api.Bytes;
import org.springframework.security.web.webauthn.api.CredentialRecord;
import org.springframework.security.web.webauthn.management.JdbcPublicKeyCredentialUserEntityRepository;
import org.springframework.security.web.webauthn.management.JdbcUserCredentialRepository;
import org.springframework.security.web.webauthn.management.PublicKeyCredentialUserEntityRepository;
import org.springframework.security.web.webauthn.management.UserCredentialRepository;
import org.springframework.security.web.webauthn.registration.PublicKeyCredentialCreationOptionsRepository;

/**
 * Passkeys (WebAuthn) through Spring Security's own support, stored in PostgreSQL. The relying party is the
 * host of {@code kakehashi.base-url}; browsers are only believed when they report that origin or one listed
 * in {@code kakehashi.security.webauthn-origins} (exact origins, never wildcards).
 */
@Configuration(proxyBeanMethods = false)
class PasskeyConfiguration {

	@Bean
	PublicKeyCredentialUserEntityRepository passkeyUserEntities(JdbcOperations jdbc) {
		return new JdbcPublicKeyCredentialUserEntityRepository(jdbc);
	}

	@Bean
	UserCredentialRepository passkeyCredentials(JdbcOperations jdbc, AuditLog audit) {
		return new AuditedUserCredentials(new JdbcUserCredentialRepository(jdbc), audit);
	}

	@Bean
	PublicKeyCredentialCreationOptionsRepository passkeyCreationOptions(Clock clock) {
		return new PendingPasskeyRegistrations(clock);
	}

	@Bean
	RelyingParty relyingParty(KakehashiProperties properties) {
		return RelyingParty.of(properties.baseUrl(), properties.security().webauthnOrigins());
	}

	/** Where passkeys are valid: the relying-party id (a host name) and the exact origins allowed. */
	record RelyingParty(String id, Set<String> origins) {

		static RelyingParty of(URI baseUrl, List<String> extraOrigins) {
			var origins = new LinkedHashSet<String>();
			origins.add(origin(baseUrl, "kakehashi.base-url"));
			for (var extra : extraOrigins) {
				if (!extra.isBlank()) {
					origins.add(origin(URI.create(extra.strip()), "kakehashi.security.webauthn-origins"));
				}
			}
			return new RelyingParty(baseUrl.getHost(), Set.copyOf(origins));
		}

		/** Fails fast on anything but a plain origin, and on plain http outside localhost. */
		static String origin(URI uri, String setting) {
			var scheme = uri.getScheme();
			var host = uri.getHost();
			if (host == null || scheme == null || uri.toString().contains("*")) {
				throw new IllegalStateException(setting + ": '" + uri + "' is not an origin such as https://kakehashi.example.jp");
			}
			boolean local = host.equals("localhost") || host.equals("127.0.0.1");
			if (!scheme.equals("https") && !(scheme.equals("http") && local)) {
				throw new IllegalStateException(setting + ": '" + uri + "' must use https (plain http only for localhost)");
			}
			return scheme + "://" + host + (uri.getPort() == -1 ? "" : ":" + uri.getPort());
		}
	}

	/** Audits each newly registered passkey; saves of known credentials (sign-in counters) pass through. */
	static final class AuditedUserCredentials implements UserCredentialRepository {

		private final UserCredentialRepository delegate;
		private final AuditLog audit;

		AuditedUserCredentials(UserCredentialRepository delegate, AuditLog audit) {
			this.delegate = delegate;
			this.audit = audit;
		}

		@Override
		public void delete(Bytes credentialId) {
			delegate.delete(credentialId);
			audit.record("identity.passkey.removed", "passkey", null, Map.of());
		}

		@Override
		public void save(CredentialRecord record) {
			boolean added = delegate.findByCredentialId(record.getCredentialId()) == null;
			delegate.save(record);
			if (added) {
				audit.record("identity.passkey.registered", "user", null,
						Map.of("label", String.valueOf(record.getLabel())));
			}
		}

		@Override
		public CredentialRecord findByCredentialId(Bytes credentialId) {
			return delegate.findByCredentialId(credentialId);
		}

		@Override
		public List<CredentialRecord> findByUserId(Bytes userId) {
			return delegate.findByUserId(userId);
		}
	}
}
