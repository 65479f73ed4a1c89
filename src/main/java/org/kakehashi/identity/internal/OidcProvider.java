package org.kakehashi.identity.internal;

import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

/** An organisation's own OpenID Connect provider. {@link #toString()} leaves the client secret out. */
public record OidcProvider(UUID id, UUID organisationId, String registrationId, String displayName, String issuerUri,
		String clientId, String clientSecret, String scopes, @Nullable String emailDomain, boolean jitProvisioning,
		boolean enabled, Instant createdAt) {

	public Set<String> scopeSet() {
		return Arrays.stream(scopes.split("[\\s,]+")).filter(s -> !s.isBlank()).collect(Collectors.toCollection(java.util.LinkedHashSet::new));
	}

	/** Whether an e-mail address lies in the provider's domain (exactly that domain, not a sub-domain). */
	public boolean inEmailDomain(String email) {
		if (emailDomain == null || emailDomain.isBlank()) {
			return false;
		}
		int at = email.lastIndexOf('@');
		return at > 0 && email.substring(at + 1).toLowerCase(Locale.ROOT).equals(emailDomain.strip().toLowerCase(Locale.ROOT));
	}

	/** Changes whenever anything the client registration is built from changes. */
	public String fingerprint() {
		return org.kakehashi.platform.Secrets.sha256Hex(issuerUri + '\n' + clientId + '\n' + clientSecret + '\n' + scopes + '\n' + displayName);
	}

	@Override
	public String toString() {
		return "OidcProvider[id=" + id + ", organisationId=" + organisationId + ", issuerUri=" + issuerUri + ", clientId="
				+ clientId + ", enabled=" + enabled + "]";
	}
}
