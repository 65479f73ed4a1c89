package org.kakehashi.reporting.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.kakehashi.identity.internal.DemoWorld;
import org.kakehashi.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The demo world comes with reports in every state a new user should see, filed once. */
class DemoReportsTests extends IntegrationTest {

	@Autowired
	DemoWorld world;

	@Autowired
	DemoReports reports;

	@Autowired
	JdbcClient jdbc;

	@Test
	void demoReportsAreFiledOnceThroughTheRealRules() {
		world.load();
		assertThat(reports.load()).isEqualTo(6);
		assertThat(reports.load()).isZero();
		assertThat(jdbc.sql("select count(*) from report where title like '%ランサムウェア%' and status = 'FINAL'")
			.query(Long.class).single()).isEqualTo(1);
		assertThat(jdbc.sql("select count(*) from report r where title = '変電所監視端末への不審なログイン試行' "
				+ "and r.status = 'SUBMITTED' and r.centre_received_at is not null").query(Long.class).single()).isEqualTo(1);
	}
}
