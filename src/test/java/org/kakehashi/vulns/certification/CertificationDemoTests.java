package org.kakehashi.vulns.certification;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.kakehashi.identity.internal.DemoWorld;
import org.kakehashi.support.TestDatabases;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The demo world comes with registry entries, made once through the service, that show every standing. */
@SpringBootTest
class CertificationDemoTests {

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		TestDatabases.fresh(registry, "democertifications");
	}

	@Autowired
	DemoWorld world;

	@Autowired
	DemoCertifications demo;

	@Autowired
	Certifications certifications;

	@Test
	void demoCertificationsAreMadeOnceAndShowEveryStanding() {
		world.load();
		assertThat(demo.load()).isEqualTo(5);
		assertThat(demo.load()).isZero();
		// The vendor's certified controller (ending within 90 days), its SCADA system, the suspended gateway and the
		// operator's CSMS are public; the expired evaluation is not listed.
		var listed = certifications.publicList(null, null, 0, 50).items();
		assertThat(listed).extracting(Certification::standing).containsExactlyInAnyOrder(Standing.VALID, Standing.VALID,
				Standing.SUSPENDED, Standing.VALID);
		assertThat(listed).extracting(Certification::kind).contains(CertificationKind.CSMS,
				CertificationKind.SYSTEM_EVALUATION);
		assertThat(listed).allSatisfy(c -> assertThat(c.notes()).isEmpty());
	}
}
