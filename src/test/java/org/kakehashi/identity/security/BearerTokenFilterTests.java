package org.kakehashi.identity.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.kakehashi.platform.SlidingWindowLimiter;
import org.kakehashi.support.MutableClock;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class BearerTokenFilterTests {

	final MutableClock clock = new MutableClock(Instant.parse("2026-11-26T05:00:00Z"));
	final AtomicInteger checked = new AtomicInteger();
	final BearerTokenFilter filter = new BearerTokenFilter(token -> {
		checked.incrementAndGet();
		return Optional.empty();
	}, new SlidingWindowLimiter(3, Duration.ofMinutes(1), 100, clock));

	@Test
	void guessingTokensFromOneAddressIsCutOffWithoutFurtherChecksOrAuditing() throws Exception {
		for (int i = 0; i < 3; i++) {
			assertThat(call("192.0.2.7").getStatus()).isEqualTo(401);
		}
		var refused = call("192.0.2.7");
		assertThat(refused.getStatus()).isEqualTo(429);
		assertThat(refused.getHeader("Retry-After")).isEqualTo("60");
		assertThat(refused.getContentType()).startsWith("application/problem+json");
		// The fourth token was never looked up (nor audited): only three checks reached the token store.
		assertThat(checked).hasValue(3);

		// Another address is unaffected, and the first one recovers when the minute has passed.
		assertThat(call("198.51.100.4").getStatus()).isEqualTo(401);
		clock.advance(Duration.ofSeconds(61));
		assertThat(call("192.0.2.7").getStatus()).isEqualTo(401);
	}

	@Test
	void requestsWithoutABearerTokenAreNotCounted() throws Exception {
		for (int i = 0; i < 10; i++) {
			var request = new MockHttpServletRequest("GET", "/api/v1/me");
			request.setRemoteAddr("192.0.2.9");
			var response = new MockHttpServletResponse();
			filter.doFilter(request, response, new MockFilterChain());
			assertThat(response.getStatus()).isEqualTo(200);
		}
		assertThat(checked).hasValue(0);
	}

	private MockHttpServletResponse call(String address) throws Exception {
		var request = new MockHttpServletRequest("GET", "/api/v1/me");
		request.setRemoteAddr(address);
		request.addHeader("Authorization", "Bearer kkh_abcdefgh_" + "x".repeat(43));
		var response = new MockHttpServletResponse();
		filter.doFilter(request, response, new MockFilterChain());
		return response;
	}
}
