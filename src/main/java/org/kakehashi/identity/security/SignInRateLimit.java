package org.kakehashi.identity.security;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.kakehashi.platform.SlidingWindowLimiter;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Limits sign-in attempts (password, second factor, passkey) per client address with a one-minute sliding
 * window, so that one address cannot spray passwords across many accounts faster than per-account lockout
 * notices. Kept in memory per node: a multi-node deployment gets the limit per node, which is fine for
 * slowing an attacker down. The map is bounded; when full, the address seen least recently is forgotten.
 */
class SignInRateLimit extends OncePerRequestFilter {

	static final Set<String> PATHS = Set.of("/login", "/login/second-factor", "/login/webauthn");
	static final int MAX_ADDRESSES = 10_000;

	private final SlidingWindowLimiter attempts;

	SignInRateLimit(int limit, Clock clock) {
		if (limit < 1) {
			throw new IllegalStateException("kakehashi.security.sign-in-attempts-per-minute-per-address must be at least 1");
		}
		this.attempts = new SlidingWindowLimiter(limit, Duration.ofMinutes(1), MAX_ADDRESSES, clock);
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		var path = request.getRequestURI().substring(request.getContextPath().length());
		return !"POST".equals(request.getMethod()) || !PATHS.contains(path);
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (!allow(request.getRemoteAddr())) {
			response.setHeader("Retry-After", "60");
			// The error page (templates/error/429.html) explains it in the user's language.
			response.sendError(429);
			return;
		}
		chain.doFilter(request, response);
	}

	boolean allow(String address) {
		return attempts.tryAcquire(address);
	}

	int trackedAddresses() {
		return attempts.trackedKeys();
	}
}
