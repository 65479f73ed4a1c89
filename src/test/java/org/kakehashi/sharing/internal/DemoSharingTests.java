package org.kakehashi.sharing.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.kakehashi.identity.internal.DemoWorld;
import org.kakehashi.support.TestDatabases;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The demo world comes with one published item and one awaiting the source's approval, made once. A database of
 * its own: the demo reports are filed once per database, and another test counts them.
 */
@SpringBootTest
class DemoSharingTests {

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		TestDatabases.fresh(registry, "demosharing");
	}

	@Autowired
	DemoWorld world;

	@Autowired
	DemoSharing sharing;

	@Autowired
	ApplicationContext context;

	@Autowired
	JdbcClient jdbc;

	@Test
	void demoItemsAreMadeOnceThroughTheRealWorkflow() throws Exception {
		world.load();
		// The demo reports are the reporting module's own; file them as a demo start would.
		var demoReports = context.getBean("demoReports");
		var load = demoReports.getClass().getDeclaredMethod("load");
		load.setAccessible(true);
		load.invoke(demoReports);

		assertThat(sharing.load()).isEqualTo(2);
		assertThat(sharing.load()).isZero();
		assertThat(jdbc.sql("select status || ' ' || tlp from shared_item order by title").query(String.class).list())
			.containsExactlyInAnyOrder("PUBLISHED GREEN", "AWAITING_APPROVAL AMBER");
		assertThat(jdbc.sql("select count(*) from shared_item_recipient").query(Integer.class).single()).isPositive();
		assertThat(jdbc.sql("select count(*) from shared_item_approval where decision = 'APPROVED'")
			.query(Integer.class).single()).isEqualTo(1);
	}
}
