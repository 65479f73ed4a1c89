package org.kakehashi.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;
import org.kakehashi.support.Fixtures;
import org.kakehashi.support.VulnsFixtures;
import org.kakehashi.vulns.ClockedVulnsTest;
import org.kakehashi.vulns.internal.VendorStatus;
import org.kakehashi.vulns.publication.AdvisoryDrafts;
import org.kakehashi.vulns.publication.AdvisoryPublication;
import org.kakehashi.vulns.internal.CaseViewer;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the running application publishes — a multi-vendor ICS advisory (one vendor affected and fixed, one not
 * affected, one silent), first as published at the agreed moment and then as a revision — served at its public
 * addresses and checked against the official CSAF 2.0 and CVE Record Format 5.1.1 schemas in ../shared/testdata.
 */
class PublishedAdvisoryConformanceTests extends ClockedVulnsTest {

	@Autowired
	VulnsFixtures world;

	@Autowired
	AdvisoryPublication publication;

	@Autowired
	JsonMapper json;

	@Test
	void publishedAndRevisedDocumentsAreValidAgainstTheOfficialSchemas() {
		var coordinator = world.coordinator();
		var fixed = world.vendorWithAccount(coordinator, Fixtures.unique("Fixed Corp"));
		var clean = world.vendorWithAccount(coordinator, Fixtures.unique("Clean Corp"));
		var silent = world.vendorWithoutAccount(coordinator, Fixtures.unique("Silent Corp"), Fixtures.unique("d") + "@silent.example");
		var filed = world.fileProductCase(world.finder(), Fixtures.unique("Conformance"));
		world.accept(coordinator, filed.id());
		world.invite(coordinator, filed.id(), fixed.entry().id(), "PLC-100");
		world.invite(coordinator, filed.id(), clean.entry().id(), "Gateway");
		world.invite(coordinator, filed.id(), silent.id(), "HMI");
		world.answer(fixed.psirt(), filed.id(), fixed.entry().id(), VendorStatus.AFFECTED, "1.0, 1.1", "1.2", "Update to 1.2.");
		world.answer(clean.psirt(), filed.id(), clean.entry().id(), VendorStatus.NOT_AFFECTED, "", "", "");
		var cve = "CVE-2026-" + (20000 + (int) (Math.random() * 70000));
		world.describe(coordinator, filed.id(), cve);
		world.draftAdvisory(coordinator, filed.id());
		world.agree(coordinator, filed.id(), clock.instant().plus(Duration.ofHours(1)).atZone(ZoneId.of("Asia/Tokyo"))
			.toLocalDateTime().withNano(0));
		clock.advance(Duration.ofHours(2));
		assertThat(publication.publishDue()).contains(filed.id());

		var slug = AdvisoryDrafts.slug(filed.number());
		var anonymous = api(null);
		var csafSchema = AdvisoryConformanceTests.csafSchema();
		var cveSchema = AdvisoryConformanceTests.cveSchema();
		var first = json.readTree(anonymous.get("/public/advisories/" + slug + "/csaf").body());
		assertThat(AdvisoryConformanceTests.errors(csafSchema, first)).as("published CSAF").isEmpty();
		var record = json.readTree(anonymous.get("/public/advisories/" + slug + "/cve/" + cve).body());
		assertThat(AdvisoryConformanceTests.errors(cveSchema, record)).as("published CVE record").isEmpty();

		// CSAF's directory-based distribution finds the same document (§7.1.11–14, 18).
		var metadata = json.readTree(anonymous.get("/.well-known/csaf/provider-metadata.json").body());
		assertThat(AdvisoryConformanceTests.errors(AdvisoryConformanceTests.providerSchema(), metadata))
			.as("provider-metadata.json").isEmpty();
		var directory = metadata.at("/distributions/0/directory_url").asString();
		assertThat(directory).endsWith("/.well-known/csaf/white/");
		var year = first.at("/document/tracking/initial_release_date").asString().substring(0, 4);
		var path = year + "/" + slug + ".json";
		assertThat(anonymous.get("/.well-known/csaf/white/index.txt").body().lines()).contains(path);
		assertThat(anonymous.get("/.well-known/csaf/white/changes.csv").body().lines().findFirst().orElseThrow())
			.startsWith("\"" + path + "\",");
		var distributed = anonymous.get("/.well-known/csaf/white/" + path);
		assertThat(json.readTree(distributed.body())).isEqualTo(first);
		assertThat(anonymous.get("/.well-known/csaf/white/" + path + ".sha256").body())
			.isEqualTo(sha256(distributed.body()) + "  " + slug + ".json\n");
		assertThat(anonymous.get("/.well-known/csaf/white/" + year + "/").body()).contains("href=\"" + slug + ".json\"");

		world.answer(coordinator, filed.id(), silent.id(), VendorStatus.UNDER_INVESTIGATION, "", "", "Investigating.");
		clock.advance(Duration.ofMinutes(10));
		publication.republish(CaseViewer.of(coordinator.principal()), filed.id(), "Silent Corp is investigating");
		var revised = json.readTree(anonymous.get("/public/advisories/" + slug + "/csaf").body());
		assertThat(revised.at("/document/tracking/version").asString()).isEqualTo("2");
		assertThat(AdvisoryConformanceTests.errors(csafSchema, revised)).as("revised CSAF").isEmpty();
		var revisedRecord = json.readTree(anonymous.get("/public/advisories/" + slug + "/cve/" + cve).body());
		assertThat(AdvisoryConformanceTests.errors(cveSchema, revisedRecord)).as("revised CVE record").isEmpty();
		assertThat(revisedRecord.at("/cveMetadata/dateUpdated").asString())
			.isNotEqualTo(record.at("/cveMetadata/dateUpdated").asString());
	}

	private static String sha256(String text) {
		try {
			return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
				.digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
		}
		catch (java.security.NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
	}
}
