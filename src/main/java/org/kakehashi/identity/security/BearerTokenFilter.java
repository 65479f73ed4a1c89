package org.kakehashi.identity.security;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Optional;
import java.util.function.Function;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.kakehashi.identity.ApiScope;
import org.kakehashi.identity.internal.ApiTokens;
import org.kakehashi.platform.SlidingWindowLimiter;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Reads {@code Authorization: Bearer <token>} on the API chain. A valid token signs the request in as its
 * user with {@code SIGNED_IN}, the user's roles and one {@code SCOPE_*} authority per token scope; an
 * invalid one is answered 401 at once. Without the header the request goes on anonymous and the chain's
 * entry point answers 401. Tokens are never logged.
 */
class BearerTokenFilter extends OncePerRequestFilter {

	static final String INVALID_TOKEN = "Bearer error=\"invalid_token\"";

	private final Function<String, Optional<ApiTokens.Authenticated>> tokens;
	private final SlidingWindowLimiter failures;

	/**
	 * @param tokens   checks a presented token (and audits a refusal)
	 * @param failures refused tokens per client address: once used up, the address is answered 429 at once,
	 *                 so guessing tokens costs neither database work nor audit-log entries
	 */
	BearerTokenFilter(Function<String, Optional<ApiTokens.Authenticated>> tokens, SlidingWindowLimiter failures) {
		this.tokens = tokens;
		this.failures = failures;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		var header = request.getHeader("Authorization");
		if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
			chain.doFilter(request, response);
			return;
		}
		var address = request.getRemoteAddr();
		if (failures.exhausted(address)) {
			response.setHeader("Retry-After", "60");
			SecurityConfiguration.problem(response, 429, "Too Many Requests",
					"Too many invalid API tokens from this address; try again in a minute.");
			return;
		}
		var authenticated = tokens.apply(header.substring(7).strip());
		if (authenticated.isEmpty()) {
			failures.tryAcquire(address);
			SecurityContextHolder.clearContext();
			response.setHeader("WWW-Authenticate", INVALID_TOKEN);
			SecurityConfiguration.problem(response, 401, "Unauthorized",
					"The API token is not valid: it may be mistyped, expired or revoked.");
			return;
		}
		var token = authenticated.get();
		var authorities = new ArrayList<GrantedAuthority>(SignInState.authorities(token.user()));
		token.scopes().stream().map(ApiScope::authority).map(SimpleGrantedAuthority::new).forEach(authorities::add);
		var authentication = UsernamePasswordAuthenticationToken.authenticated(token.user(), null, authorities);
		var context = SecurityContextHolder.createEmptyContext();
		context.setAuthentication(authentication);
		SecurityContextHolder.setContext(context);
		try {
			chain.doFilter(request, response);
		} finally {
			SecurityContextHolder.clearContext();
		}
	}
}
