package org.kakehashi.vulns.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.kakehashi.identity.Directory;
import org.kakehashi.identity.OrganisationType;
import org.kakehashi.identity.Role;
import org.kakehashi.identity.internal.DemoWorld;
import org.kakehashi.support.MutableClock;
import org.kakehashi.support.TestDatabases;
import org.kakehashi.vulns.dashboard.VulnDashboard;
import org.kakehashi.vulns.internal.CaseViewer;
import org.kakehashi.vulns.internal.VulnCases;
import org.kakehashi.vulns.publication.AdvisoryPublication;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * The demo world comes with vulnerability cases in every stage, made once through the services; the vendor
 * organisation's PSIRT sees its cases, the dashboard has something in every section, and the advisory agreed for a
 * couple of minutes after start is ready, so the publication job puts it out once the moment comes.
 */
@SpringBootTest
@TestPropertySource(properties = "kakehashi.vulns.publication.enabled=false")
@Import(DemoVulnsTests.Clocks.class)
class DemoVulnsTests {

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		TestDatabases.fresh(registry, "demovulns");
	}

	@TestConfiguration
	static class Clocks {

		@Bean
		@Primary
		MutableClock testClock() {
			return new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
		}
	}

	@Autowired
	MutableClock clock;

	@Autowired
	DemoWorld world;

	@Autowired
	DemoVulns demo;

	@Autowired
	Directory directory;

	@Autowired
	VulnCases cases;

	@Autowired
	VulnDashboard dashboard;

	@Autowired
	AdvisoryPublication publication;

	@Autowired
	JdbcClient jdbc;

	@Test
	void demoCasesAreMadeOnceAndTheDueAdvisoryGoesOutAtItsMoment() {
		assertThat(demo.load()).as("nothing without the demo world").isZero();
		world.load();
		assertThat(demo.load()).isEqualTo(5);
		assertThat(demo.load()).isZero();

		assertThat(jdbc.sql("select kind || ' ' || status || coalesce(' ' || outcome, '') from vuln_case")
			.query(String.class).list()).containsExactlyInAnyOrder("PRODUCT RECEIVED", "PRODUCT CHECKING",
					"PRODUCT VENDOR_CONTACTED", "WEBSITE CLOSED FIXED", "PRODUCT DATE_AGREED");
		assertThat(jdbc.sql("select count(*) from vuln_vendor").query(Integer.class).single()).isEqualTo(4);
		var multiVendor = jdbc.sql("select id from vuln_case where ics and status = 'VENDOR_CONTACTED'").query(UUID.class)
			.single();
		assertThat(count("vuln_case_vendor", multiVendor)).isEqualTo(3);
		assertThat(count("vuln_case_vulnerability", multiVendor)).isEqualTo(2);
		assertThat(count("vuln_vendor_status", multiVendor)).isEqualTo(3);
		assertThat(count("vuln_case_message", multiVendor)).isEqualTo(3);

		// The vendor organisation's PSIRT takes part in its two cases.
		var vendorOrganisation = directory.organisationsOfType(OrganisationType.VENDOR, List.of()).get(0);
		var psirt = directory.contacts(vendorOrganisation.id(), CaseViewer.VENDOR_STAFF_ROLES).get(0);
		var psirtViewer = new CaseViewer(psirt.userId(), vendorOrganisation.id(), false, true, List.of());
		assertThat(cases.list(psirtViewer, null, null, 0, 50).items()).hasSize(2);

		// The dashboard has something to show in every section.
		var coordinators = directory.organisationsOfType(OrganisationType.COORDINATOR, List.of()).get(0);
		var coordinator = new CaseViewer(directory.contacts(coordinators.id(), java.util.Set.of(Role.COORDINATOR)).get(0)
			.userId(), coordinators.id(), true, true, List.of());
		var figures = dashboard.figures(coordinator, dashboard.currentYear());
		assertThat(figures.openTotal()).isEqualTo(4);
		assertThat(figures.siteFixes().fiscalYear().fixedWithinTarget().count()).isEqualTo(1);
		assertThat(figures.vendorAnswers().fiscalYear().invitations()).isEqualTo(5);
		assertThat(figures.vendorAnswers().fiscalYear().answered()).isEqualTo(2);
		assertThat(figures.silentVendors().longest()).extracting(VulnDashboard.VendorOnCase::vendorNameEn)
			.containsExactlyInAnyOrder("Hokuto Keiso Co., Ltd.", "Mirai Networks Inc.");

		// Not before its moment; then published once, by the platform.
		assertThat(publication.publishDue()).isEmpty();
		clock.advance(DemoVulns.PUBLICATION_DELAY.plus(Duration.ofSeconds(1)));
		assertThat(publication.publishDue()).hasSize(1);
		assertThat(publication.publishDue()).isEmpty();
		assertThat(jdbc.sql("select count(*) from vuln_advisory").query(Integer.class).single()).isEqualTo(1);
		assertThat(dashboard.figures(coordinator, dashboard.currentYear()).publications().fiscalYear().withinTarget()
			.percent()).isEqualTo(100.0);
	}

	private int count(String table, UUID caseId) {
		return jdbc.sql("select count(*) from " + table + " where case_id = :case").param("case", caseId)
			.query(Integer.class).single();
	}
}
