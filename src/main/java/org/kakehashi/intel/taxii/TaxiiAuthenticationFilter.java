package org.kakehashi.intel.taxii;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.kakehashi.identity.ApiScope;
import org.kakehashi.identity.TokenAuthentication;
import org.kakehashi.platform.SlidingWindowLimiter;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Signs TAXII requests in from {@code Authorization: Basic} (e-mail address and API token) or {@code Bearer}
 * (API token). Presented but invalid credentials are answered 401 at once; none at all leave the request
 * anonymous for the chain's entry point to answer 401. Too many refusals from one address are answered 429
 * without further work, as on the REST API.
 */
class TaxiiAuthenticationFilter extends OncePerRequestFilter {

	private final TokenAuthentication tokens;
	private final SlidingWindowLimiter failures;
	private final TaxiiResponses responses;

	TaxiiAuthenticationFilter(TokenAuthentication tokens, SlidingWindowLimiter failures, TaxiiResponses responses) {
		this.tokens = tokens;
		this.failures = failures;
		this.responses = responses;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		var header = request.getHeader("Authorization");
		boolean basic = header != null && header.regionMatches(true, 0, "Basic ", 0, 6);
		boolean bearer = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7);
		if (!basic && !bearer) {
			chain.doFilter(request, response);
			return;
		}
		var address = request.getRemoteAddr();
		if (failures.exhausted(address)) {
			response.setHeader("Retry-After", "60");
			responses.error(response, new TaxiiError(429, "Too Many Requests",
					"Too many invalid credentials from this address; try again in a minute."));
			return;
		}
		var authenticated = basic ? basic(header.substring(6).strip()) : tokens.bearer(header.substring(7).strip());
		if (authenticated.isEmpty()) {
			failures.tryAcquire(address);
			SecurityContextHolder.clearContext();
			TaxiiResponses.challenge(response);
			responses.error(response, new TaxiiError(401, "Unauthorized",
					"The credentials are not valid: use your e-mail address and an API token with the intel:read or "
							+ "intel:write scope (HTTP Basic), or the token alone (Bearer)."));
			return;
		}
		var token = authenticated.get();
		var authorities = new ArrayList<GrantedAuthority>();
		token.user().roles().forEach(role -> authorities.add(new SimpleGrantedAuthority(role.authority())));
		token.scopes().stream().map(ApiScope::authority).map(SimpleGrantedAuthority::new).forEach(authorities::add);
		var context = SecurityContextHolder.createEmptyContext();
		context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(token.user(), null, authorities));
		SecurityContextHolder.setContext(context);
		try {
			chain.doFilter(request, response);
		} finally {
			SecurityContextHolder.clearContext();
		}
	}

	private Optional<TokenAuthentication.Authenticated> basic(String encoded) {
		String decoded;
		try {
			decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
		} catch (IllegalArgumentException e) {
			return Optional.empty();
		}
		int colon = decoded.indexOf(':');
		if (colon <= 0) {
			return Optional.empty();
		}
		return tokens.basic(decoded.substring(0, colon), decoded.substring(colon + 1));
	}
}
