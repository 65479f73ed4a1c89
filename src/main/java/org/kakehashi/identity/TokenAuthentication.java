package org.kakehashi.identity;

import java.util.Optional;
import java.util.Set;

/**
 * API tokens checked for other modules' own protocol endpoints (TAXII), without exposing how tokens are stored.
 * Both forms verify the token's hash exactly as the {@code /api/v1} chain does, refuse expired or revoked tokens
 * and deactivated users, drop scopes the user's current roles no longer allow, and audit every refusal.
 */
public interface TokenAuthentication {

	/** Who a valid token speaks for, and the scopes it carries. */
	record Authenticated(KakehashiUser user, Set<ApiScope> scopes) {

		public boolean has(ApiScope scope) {
			return scopes.contains(scope);
		}
	}

	/** {@code Authorization: Bearer <token>}. */
	Optional<Authenticated> bearer(String token);

	/**
	 * HTTP Basic with the user's e-mail address as the user name and an API token as the password: valid only
	 * when the token belongs to the account with that address (compared without regard to case).
	 */
	Optional<Authenticated> basic(String email, String token);
}
