package org.kakehashi.vulns;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.kakehashi.support.IntegrationTest;
import org.kakehashi.support.MutableClock;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.TestPropertySource;

/**
 * Vulnerability tests that move time (publication at the agreed moment, link expiry). They share one application
 * context with a {@link MutableClock}; the scheduled publication is off, so a test runs it when it wants to.
 */
@TestPropertySource(properties = "kakehashi.vulns.publication.enabled=false")
@Import(ClockedVulnsTest.Clocks.class)
public abstract class ClockedVulnsTest extends IntegrationTest {

	@TestConfiguration
	static class Clocks {

		@Bean
		@Primary
		MutableClock testClock() {
			return new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
		}
	}

	@Autowired
	protected MutableClock clock;
}
