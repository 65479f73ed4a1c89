package org.kakehashi.identity.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class SignInRateLimitTests {

	private Instant now = Instant.parse("2026-11-26T05:00:00Z");
	private final Clock clock = new Clock() {
		@Override
		public ZoneOffset getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(java.time.ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return now;
		}
	};

	@Test
	void answers429OnceTheAddressHasUsedItsMinuteAndRecoversAsTheWindowSlides() throws Exception {
		var limit = new SignInRateLimit(3, clock);
		for (int i = 0; i < 3; i++) {
			assertThat(post(limit, "/login", "192.0.2.1").getStatus()).isEqualTo(200);
			now = now.plusSeconds(10);
		}
		var refused = post(limit, "/login/second-factor", "192.0.2.1");
		assertThat(refused.getStatus()).isEqualTo(429);
		assertThat(refused.getHeader("Retry-After")).isEqualTo("60");
		// Another address is not affected.
		assertThat(post(limit, "/login/webauthn", "192.0.2.2").getStatus()).isEqualTo(200);
		// 60 s after the first attempt it has left the window; the second and third have not.
		now = now.plus(Duration.ofSeconds(31));
		assertThat(post(limit, "/login", "192.0.2.1").getStatus()).isEqualTo(200);
		assertThat(post(limit, "/login", "192.0.2.1").getStatus()).isEqualTo(429);
	}

	@Test
	void ignoresPagesAndOtherPaths() throws Exception {
		var limit = new SignInRateLimit(1, clock);
		assertThat(post(limit, "/login", "192.0.2.1").getStatus()).isEqualTo(200);
		var get = new MockHttpServletRequest("GET", "/login");
		get.setRemoteAddr("192.0.2.1");
		var response = new MockHttpServletResponse();
		limit.doFilter(get, response, new MockFilterChain());
		assertThat(response.getStatus()).isEqualTo(200);
		assertThat(post(limit, "/account/password", "192.0.2.1").getStatus()).isEqualTo(200);
	}

	@Test
	void remembersOnlyABoundedNumberOfAddresses() {
		var limit = new SignInRateLimit(5, clock);
		for (int i = 0; i < SignInRateLimit.MAX_ADDRESSES + 50; i++) {
			limit.allow("10.0." + (i / 256) + "." + (i % 256));
		}
		assertThat(limit.trackedAddresses()).isEqualTo(SignInRateLimit.MAX_ADDRESSES);
	}

	@Test
	void refusesANonsenseLimit() {
		assertThatIllegalStateException().isThrownBy(() -> new SignInRateLimit(0, clock))
			.withMessageContaining("sign-in-attempts-per-minute-per-address");
	}

	private static MockHttpServletResponse post(SignInRateLimit limit, String path, String address) throws Exception {
		var request = new MockHttpServletRequest("POST", path);
		request.setRemoteAddr(address);
		var response = new MockHttpServletResponse();
		limit.doFilter(request, response, new MockFilterChain());
		return response;
	}
}
