package org.kakehashi.identity.internal;

import java.util.Map;
import java.util.Optional;

import org.kakehashi.audit.AuditEvent;
import org.kakehashi.audit.AuditLog;
import org.kakehashi.identity.TokenAuthentication;
import org.springframework.stereotype.Component;

/** {@link TokenAuthentication} over {@link ApiTokens}: one place checks token hashes, whichever header carried them. */
@Component
class TokenSignIn implements TokenAuthentication {

	private final ApiTokens tokens;
	private final AuditLog audit;

	TokenSignIn(ApiTokens tokens, AuditLog audit) {
		this.tokens = tokens;
		this.audit = audit;
	}

	@Override
	public Optional<Authenticated> bearer(String token) {
		return tokens.authenticate(token).map(found -> new Authenticated(found.user(), found.scopes()));
	}

	@Override
	public Optional<Authenticated> basic(String email, String token) {
		var found = tokens.authenticate(token);
		if (found.isEmpty()) {
			return Optional.empty();
		}
		if (!found.get().user().email().equalsIgnoreCase(email.strip())) {
			// A valid token under someone else's name is refused like a wrong one, and recorded against its owner.
			audit.record(AuditEvent.by(found.get().user(), "identity.api-token.refused", "api_token", found.get().tokenId(),
					Map.of("reason", "basic-user-mismatch")));
			return Optional.empty();
		}
		return found.map(user -> new Authenticated(user.user(), user.scopes()));
	}
}
