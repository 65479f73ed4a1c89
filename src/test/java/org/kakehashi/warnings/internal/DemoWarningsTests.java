package org.kakehashi.warnings.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.kakehashi.identity.internal.DemoWorld;
import org.kakehashi.support.TestDatabases;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The demo world comes with agreements, one reviewed and published warning and one draft, made once. */
@SpringBootTest
class DemoWarningsTests {

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		TestDatabases.fresh(registry, "demowarnings");
	}

	@Autowired
	DemoWorld world;

	@Autowired
	DemoWarnings demo;

	@Autowired
	JdbcClient jdbc;

	@Test
	void demoWarningsAreMadeOnceThroughTheRealWorkflow() {
		world.load();
		assertThat(demo.load()).isEqualTo(2);
		assertThat(demo.load()).isZero();
		assertThat(jdbc.sql("select status || ' ' || tlp from warning").query(String.class).list())
			.containsExactlyInAnyOrder("PUBLISHED GREEN", "DRAFT AMBER");
		// Every operator and the city hold an agreement, and the cross-sector warning reached all of them.
		var agreements = jdbc.sql("select count(*) from warning_agreement").query(Integer.class).single();
		assertThat(agreements).isGreaterThanOrEqualTo(7);
		assertThat(jdbc.sql("select count(*) from warning_recipient").query(Integer.class).single()).isEqualTo(agreements);
		assertThat(jdbc.sql("select count(*) from warning_delivery where channel = 'EMAIL'").query(Integer.class).single())
			.isPositive();
	}
}
