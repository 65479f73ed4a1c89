package org.kakehashi.vulns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kakehashi.vulns.CoordinationWorld.personalLink;
import static org.kakehashi.vulns.CoordinationWorld.subject;
import static org.kakehashi.vulns.CoordinationWorld.text;
import static org.kakehashi.vulns.CoordinationWorld.today;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kakehashi.identity.OrganisationType;
import org.kakehashi.identity.Role;
import org.kakehashi.identity.internal.ApiTokens;
import org.kakehashi.identity.internal.Organisation;
import org.kakehashi.support.ApiClient;
import org.kakehashi.support.Fixtures;
import org.kakehashi.support.IntegrationTest;
import org.kakehashi.vulns.CoordinationWorld.Party;
import org.kakehashi.vulns.internal.CaseVendors;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A case's coordination over the REST API, against the real database and SMTP server: the vendor directory, inviting
 * vendors (who is mailed and what the mail says), statuses per vulnerability, who sees which vendor, contact attempts
 * and the public unreachable-vendor list, and the publication committee's decisions with what still blocks
 * publication.
 */
class CoordinationApiTests extends IntegrationTest {

	@Autowired
	Fixtures fixtures;

	@Autowired
	ApiTokens tokens;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	JsonMapper json;

	@Autowired
	CaseVendors caseVendors;

	CoordinationWorld world;
	Party coordinator;
	Party finder;
	Party outsider;
	Organisation vendorOrgA;
	Party psirtA;
	Party viewerA;
	Organisation vendorOrgB;
	Party adminB;

	@BeforeEach
	void world() {
		world = new CoordinationWorld("http://localhost:" + port, fixtures, tokens, json, MAIL);
		coordinator = world.party(fixtures.organisation(OrganisationType.COORDINATOR), Role.COORDINATOR);
		var operator = fixtures.organisation(OrganisationType.OPERATOR, "ELECTRICITY");
		finder = world.party(operator, Role.REPORTER);
		outsider = world.party(fixtures.organisation(OrganisationType.OPERATOR, "GAS"), Role.ANALYST, Role.ORG_ADMIN);
		vendorOrgA = fixtures.organisation(OrganisationType.VENDOR);
		psirtA = world.party(vendorOrgA, Role.ANALYST);
		// A viewer of the vendor's organisation is not its PSIRT: no mail, no case.
		viewerA = world.party(vendorOrgA, Role.VIEWER);
		vendorOrgB = fixtures.organisation(OrganisationType.VENDOR);
		adminB = world.party(vendorOrgB, Role.ORG_ADMIN);
	}

	@Test
	void theDirectoryRefusesEachBadFieldByNameAndStoresNothing() {
		var name = Fixtures.unique("Foo Electric");
		var valid = "\"products\":\"FooSCADA\",\"contacts\":[{\"name\":\"PSIRT\",\"email\":\"psirt@foo.example\"}]";
		var before = vendors();
		var refused = new java.util.LinkedHashMap<String, String>();
		refused.put("{}", "name");
		refused.put("{\"name\":\"  \"," + valid + "}", "name");
		refused.put("{\"name\":\"" + "名".repeat(201) + "\"," + valid + "}", "name");
		refused.put("{\"name\":\"a\\u0000b\"," + valid + "}", "name");
		refused.put("{\"name\":\"" + name + "\",\"nameEn\":\"" + "n".repeat(201) + "\"}", "nameEn");
		refused.put("{\"name\":\"" + name + "\",\"products\":\"" + "p".repeat(10001) + "\"}", "products");
		refused.put("{\"name\":\"" + name + "\",\"notes\":\"" + "n".repeat(10001) + "\"}", "notes");
		refused.put("{\"name\":\"" + name + "\",\"organisationId\":\"" + UUID.randomUUID() + "\"}", "organisationId");
		refused.put("{\"name\":\"" + name + "\",\"organisationId\":\"not-a-uuid\"}", "organisationId");
		refused.put("{\"name\":\"" + name + "\",\"contacts\":[{\"email\":\"not an address\"}]}", "contacts[0].email");
		refused.put("{\"name\":\"" + name + "\",\"contacts\":[{\"email\":\"a@b.example\"},{\"email\":\"A@B.example\"}]}",
				"contacts[1].email");
		refused.put("{\"name\":\"" + name + "\",\"contacts\":[{\"email\":\"a@b.example\",\"language\":\"fr\"}]}",
				"contacts[0].language");
		refused.put("{\"name\":\"" + name + "\",\"contacts\":[{\"email\":\"a@b.example\",\"name\":\"" + "x".repeat(201) + "\"}]}",
				"contacts[0].name");
		var many = new ArrayList<String>();
		for (int i = 0; i < 21; i++) {
			many.add("{\"email\":\"c" + i + "@b.example\"}");
		}
		refused.put("{\"name\":\"" + name + "\",\"contacts\":[" + String.join(",", many) + "]}", "contacts");
		refused.put("{\"name\":\"" + name + "\",\"colour\":\"red\"}", "colour");
		refused.forEach((input, field) -> {
			var response = coordinator.api().post("/api/v1/vuln-vendors", input);
			assertThat(response.status()).as(input).isEqualTo(400);
			assertThat(response.contentType()).as(input).startsWith("application/problem+json");
			assertThat(fields(response)).as(input).contains(field);
		});
		assertThat(vendors()).isEqualTo(before);

		// Several broken fields are named all at once.
		var all = coordinator.api().post("/api/v1/vuln-vendors",
				"{\"name\":\"\",\"nameEn\":\"" + "n".repeat(201) + "\",\"contacts\":[{\"email\":\"x\"}]}");
		assertThat(fields(all)).contains("name", "nameEn", "contacts[0].email");

		var created = coordinator.api().post("/api/v1/vuln-vendors", "{\"name\":\"  " + name + "  \",\"organisationId\":\""
				+ vendorOrgA.id() + "\",\"notes\":\"社内メモ\"," + valid + "}");
		assertThat(created.status()).isEqualTo(201);
		var entry = read(created);
		var id = entry.get("id").asString();
		assertThat(entry.get("name").asString()).isEqualTo(name);
		assertThat(entry.get("organisationName").asString()).isEqualTo(vendorOrgA.name());
		assertThat(entry.get("contacts").get(0).get("language").asString()).isEqualTo("ja");
		assertThat(vendors()).isEqualTo(before + 1);
		// The audit log names the entry, never its contacts' addresses.
		assertThat(jdbc.sql("select details from audit_log where target_id = :id").param("id", id)
			.query(String.class).list()).isNotEmpty().allSatisfy(d -> assertThat(d).doesNotContain("psirt@foo.example"));

		// The same name in other case or spacing is taken; an unknown organisation is refused as such.
		var twice = coordinator.api().post("/api/v1/vuln-vendors", "{\"name\":\"" + name.toUpperCase() + "\"}");
		assertThat(twice.status()).isEqualTo(400);
		assertThat(fields(twice)).containsExactly("name");
		assertThat(vendors()).isEqualTo(before + 1);

		// Coordinators read and search it; the vendor's own PSIRT reads its entry without the coordinators' notes.
		assertThat(coordinator.api().get("/api/v1/vuln-vendors/" + id).body()).contains("社内メモ");
		var own = psirtA.api().get("/api/v1/vuln-vendors/" + id);
		assertThat(own.status()).isEqualTo(200);
		assertThat(own.body()).contains(name).doesNotContain("社内メモ");
		assertThat(coordinator.api().get("/api/v1/vuln-vendors?q=" + encode(name)).body()).contains(id);
		for (var stranger : List.of(outsider, adminB, viewerA, finder)) {
			assertThat(stranger.api().get("/api/v1/vuln-vendors/" + id).status()).isEqualTo(404);
			assertThat(stranger.api().get("/api/v1/vuln-vendors").status()).isEqualTo(403);
			assertThat(stranger.api().post("/api/v1/vuln-vendors", "{\"name\":\"" + Fixtures.unique("x") + "\"}").status())
				.isEqualTo(403);
			assertThat(stranger.api().send("PUT", "/api/v1/vuln-vendors/" + id, "{\"name\":\"taken over\"}").status())
				.isIn(403, 404);
		}
		assertThat(vendors()).isEqualTo(before + 1);

		// Updates: a name held by another entry is refused, keeping its own name is not.
		var other = world.vendor(coordinator, Fixtures.unique("Bar Systems"), null);
		var stolen = coordinator.api().send("PUT", "/api/v1/vuln-vendors/" + other, "{\"name\":\"" + name + "\"}");
		assertThat(stolen.status()).isEqualTo(400);
		assertThat(fields(stolen)).containsExactly("name");
		var kept = coordinator.api().send("PUT", "/api/v1/vuln-vendors/" + id, "{\"name\":\"" + name + "\",\"nameEn\":\"Foo Electric\","
				+ "\"organisationId\":\"" + vendorOrgA.id() + "\"," + valid + "}");
		assertThat(kept.status()).isEqualTo(200);
		assertThat(read(kept).get("nameEn").asString()).isEqualTo("Foo Electric");
		assertThat(coordinator.api().send("PUT", "/api/v1/vuln-vendors/" + UUID.randomUUID(), "{\"name\":\"x\"}").status())
			.isEqualTo(404);

		// The vendor's own PSIRT keeps its contacts (validated the same way); another vendor's staff cannot.
		var contacts = psirtA.api().send("PUT", "/api/v1/vuln-vendors/" + id + "/contacts",
				"{\"contacts\":[{\"name\":\"CSIRT\",\"email\":\"csirt@foo.example\",\"language\":\"en\"}]}");
		assertThat(contacts.status()).isEqualTo(200);
		assertThat(contacts.body()).contains("csirt@foo.example").doesNotContain("psirt@foo.example");
		var badContacts = psirtA.api().send("PUT", "/api/v1/vuln-vendors/" + id + "/contacts",
				"{\"contacts\":[{\"email\":\"nobody\"}]}");
		assertThat(badContacts.status()).isEqualTo(400);
		assertThat(fields(badContacts)).containsExactly("contacts[0].email");
		assertThat(adminB.api().send("PUT", "/api/v1/vuln-vendors/" + id + "/contacts",
				"{\"contacts\":[{\"email\":\"evil@b.example\"}]}").status()).isEqualTo(404);
		assertThat(coordinator.api().get("/api/v1/vuln-vendors/" + id).body()).contains("csirt@foo.example")
			.doesNotContain("evil@b.example");
	}

	@Test
	void invitingAVendorMailsItsPeopleNeverTheReportAndStartsTheClock() {
		var title = Fixtures.unique("FooSCADA 認証回避");
		var description = Fixtures.unique("ログイン画面の秘密の手順");
		var caseId = world.accepted(finder, coordinator, title, description);
		var number = read(coordinator.api().get("/api/v1/vuln-cases/" + caseId)).get("number").asString();
		var contactA = Fixtures.unique("psirt-a") + "@vendor-a.example";
		var vendorA = world.vendor(coordinator, Fixtures.unique("Foo Electric"), vendorOrgA.id(), contactA);

		// Not before acceptance, not by the finder, not an unknown vendor.
		var received = world.file(finder, Fixtures.unique("early"), "x", false);
		var early = coordinator.api().post("/api/v1/vuln-cases/" + received + "/vendors", "{\"vendorId\":\"" + vendorA + "\"}");
		assertThat(early.status()).isEqualTo(409);
		assertThat(fields(early)).containsExactly("vendorId");
		assertThat(finder.api().post("/api/v1/vuln-cases/" + caseId + "/vendors", "{\"vendorId\":\"" + vendorA + "\"}").status())
			.isEqualTo(403);
		var unknown = coordinator.api().post("/api/v1/vuln-cases/" + caseId + "/vendors", "{\"vendorId\":\"" + UUID.randomUUID() + "\"}");
		assertThat(unknown.status()).isEqualTo(400);
		assertThat(fields(unknown)).containsExactly("vendorId");
		assertThat(outsider.api().post("/api/v1/vuln-cases/" + caseId + "/vendors", "{\"vendorId\":\"" + vendorA + "\"}").status())
			.isEqualTo(404);
		assertThat(status(caseId)).isEqualTo("ACCEPTED");

		var invited = world.invite(coordinator, caseId, vendorA, "FooSCADA Pro");
		assertThat(invited.get("productName").asString()).isEqualTo("FooSCADA Pro");
		assertThat(invited.get("attempts").asInt()).isEqualTo(1);
		assertThat(invited.has("firstResponseAt")).isFalse();

		// The PSIRT user is asked to sign in; the contact without an account gets a personal link; a mere viewer of
		// the vendor's organisation hears nothing. Every mail names the case and the product, never the report.
		var staffMail = world.mails(psirtA.email());
		assertThat(staffMail).hasSize(1);
		assertThat(subject(staffMail.get(0))).contains(number, "FooSCADA Pro");
		assertThat(text(staffMail.get(0))).contains("FooSCADA Pro", "/vulns/" + caseId).doesNotContain("/public/vulns/access");
		var contactMail = world.mails(contactA);
		assertThat(contactMail).hasSize(1);
		assertThat(subject(contactMail.get(0))).contains(number);
		assertThat(personalLink(contactMail.get(0))).isNotBlank();
		assertThat(world.mails(viewerA.email())).isEmpty();
		for (var mail : List.of(staffMail.get(0), contactMail.get(0))) {
			assertThat(subject(mail) + text(mail)).doesNotContain(description, title);
		}

		// The invitation is the first documented attempt, and the case's clock starts today.
		var attempts = read(coordinator.api().get("/api/v1/vuln-cases/" + caseId + "/vendors/" + vendorA + "/contact-attempts"));
		assertThat(attempts.size()).isEqualTo(1);
		assertThat(attempts.get(0).get("channel").asString()).isEqualTo("EMAIL");
		assertThat(attempts.get(0).get("automatic").asBoolean()).isTrue();
		var moved = read(coordinator.api().get("/api/v1/vuln-cases/" + caseId));
		assertThat(moved.get("status").asString()).isEqualTo("VENDOR_CONTACTED");
		assertThat(moved.get("firstVendorContactOn").asString()).isEqualTo(today().toString());
		var history = moved.get("history");
		assertThat(history.get(history.size() - 1).get("to").asString()).isEqualTo("VENDOR_CONTACTED");

		// The same vendor twice: refused, nobody mailed again.
		var twice = coordinator.api().post("/api/v1/vuln-cases/" + caseId + "/vendors", "{\"vendorId\":\"" + vendorA + "\"}");
		assertThat(twice.status()).isEqualTo(409);
		assertThat(fields(twice)).containsExactly("vendorId");
		assertThat(world.mails(psirtA.email())).hasSize(1);

		// A vendor without an organisation here: each contact gets its own personal link, which opens the vendor's page
		// of the case. The case, already contacted, keeps its 起算日 and moves no further.
		var contactC1 = Fixtures.unique("c1") + "@vendor-c.example";
		var contactC2 = Fixtures.unique("c2") + "@vendor-c.example";
		var vendorC = world.vendor(coordinator, Fixtures.unique("Baz Works"), null, contactC1, contactC2);
		var invitedC = world.invite(coordinator, caseId, vendorC, "");
		assertThat(invitedC.get("productName").asString()).isEqualTo("FooSCADA");
		var linkC1 = personalLink(world.mails(contactC1).get(0));
		var linkC2 = personalLink(world.mails(contactC2).get(0));
		assertThat(linkC1).isNotEqualTo(linkC2);
		var holder = browser();
		var opened = holder.get(linkC1.substring(linkC1.indexOf("/public/")));
		assertThat(opened.status()).isEqualTo(302);
		assertThat(opened.location()).endsWith("/public/vulns/cases/" + caseId + "/vendors/" + vendorC);
		var page = holder.get("/public/vulns/cases/" + caseId + "/vendors/" + vendorC);
		assertThat(page.status()).isEqualTo(200);
		assertThat(page.body()).contains(number);
		assertThat(holder.get("/public/vulns/cases/" + caseId + "/vendors/" + vendorA).status()).isEqualTo(404);
		// The contact answers through the link: the status is the vendor's own word, signed with the contact's address.
		var vulnerability = world.vulnerabilityIds(coordinator, caseId).get(0);
		var answered = holder.post("/public/vulns/cases/" + caseId + "/vendors/" + vendorC + "/statuses/" + vulnerability,
				Map.of("status", "AFFECTED", "statement", "確認しました", "affectedVersions", "2.0, 2.1", "fixedVersions", ""));
		assertThat(answered.status()).isEqualTo(302);
		var seen = read(coordinator.api().get("/api/v1/vuln-cases/" + caseId + "/vendors/" + vendorC));
		assertThat(seen.get("statusByVulnerability").get(vulnerability).asString()).isEqualTo("AFFECTED");
		assertThat(seen.get("statuses").get(0).get("updatedBy").asString()).isEqualTo(contactC1);
		assertThat(strings(seen.get("statuses").get(0).get("affectedVersions"))).containsExactly("2.0", "2.1");
		assertThat(seen.get("firstResponseAt").asString()).isNotBlank();
		var other = holder.post("/public/vulns/cases/" + caseId + "/vendors/" + vendorA + "/statuses/" + vulnerability,
				Map.of("status", "NOT_AFFECTED"));
		assertThat(other.status()).isEqualTo(404);
		var after = read(coordinator.api().get("/api/v1/vuln-cases/" + caseId));
		assertThat(after.get("history").size()).isEqualTo(history.size());
		assertThat(after.get("firstVendorContactOn").asString()).isEqualTo(today().toString());
	}

	@Test
	void vendorsGiveAStatusPerVulnerabilityAndSeeOnlyThemselves() {
		var caseId = world.accepted(finder, coordinator, Fixtures.unique("多ベンダー"), "説明");
		var added = coordinator.api().post("/api/v1/vuln-cases/" + caseId + "/vulnerabilities",
				"{\"titleJa\":\"二つ目\",\"cweId\":\"CWE-79\"}");
		assertThat(added.status()).as(added.body()).isEqualTo(201);
		var vulns = world.vulnerabilityIds(coordinator, caseId);
		assertThat(vulns).hasSize(2);
		var first = vulns.get(0);
		var second = vulns.get(1);
		var vendorA = world.vendor(coordinator, Fixtures.unique("A Corp"), vendorOrgA.id());
		var vendorB = world.vendor(coordinator, Fixtures.unique("B Corp"), vendorOrgB.id());
		world.invite(coordinator, caseId, vendorA, "A Product");
		world.invite(coordinator, caseId, vendorB, "B Product");

		// The vendor's own word: versions trimmed and deduplicated, the other vulnerability still unknown.
		var own = psirtA.api().send("PUT", statusPath(caseId, vendorA, first), "{\"status\":\"AFFECTED\",\"statement\":\" 修正中 \","
				+ "\"affectedVersions\":[\" 1.0 \",\"1.1\",\"1.0\",\"\"],\"fixedVersions\":[\"1.2\"]}");
		assertThat(own.status()).as(own.body()).isEqualTo(200);
		var a = read(own);
		assertThat(a.get("statusByVulnerability").get(first).asString()).isEqualTo("AFFECTED");
		assertThat(a.get("statusByVulnerability").get(second).asString()).isEqualTo("UNKNOWN");
		var entry = a.get("statuses").get(0);
		assertThat(strings(entry.get("affectedVersions"))).containsExactly("1.0", "1.1");
		assertThat(strings(entry.get("fixedVersions"))).containsExactly("1.2");
		assertThat(entry.get("statement").asString()).isEqualTo("修正中");
		assertThat(a.get("firstResponseAt").asString()).isNotBlank();

		// A coordinator answers for a vendor that replied by telephone: the status is stored, the vendor has not answered.
		var onBehalf = coordinator.api().send("PUT", statusPath(caseId, vendorB, first), "{\"status\":\"NOT_AFFECTED\"}");
		assertThat(onBehalf.status()).isEqualTo(200);
		var b = read(onBehalf);
		assertThat(b.get("statusByVulnerability").get(first).asString()).isEqualTo("NOT_AFFECTED");
		assertThat(b.has("firstResponseAt")).isFalse();

		// Not affected, yet with affected versions; no status; a vulnerability of no case: refused, nothing changes.
		var contradiction = adminB.api().send("PUT", statusPath(caseId, vendorB, second),
				"{\"status\":\"NOT_AFFECTED\",\"affectedVersions\":[\"2.0\"]}");
		assertThat(contradiction.status()).isEqualTo(400);
		assertThat(fields(contradiction)).containsExactly("affectedVersions");
		var none = adminB.api().send("PUT", statusPath(caseId, vendorB, second), "{\"statement\":\"?\"}");
		assertThat(none.status()).isEqualTo(400);
		assertThat(fields(none)).containsExactly("status");
		assertThat(adminB.api().send("PUT", statusPath(caseId, vendorB, UUID.randomUUID().toString()),
				"{\"status\":\"AFFECTED\"}").status()).isEqualTo(404);
		assertThat(statusRows(caseId, vendorB)).isEqualTo(1);

		// A vendor sees itself only: the list, and 404 for the other vendor whatever it tries.
		assertThat(vendorIds(psirtA.api().get("/api/v1/vuln-cases/" + caseId + "/vendors"))).containsExactly(vendorA);
		assertThat(vendorIds(adminB.api().get("/api/v1/vuln-cases/" + caseId + "/vendors"))).containsExactly(vendorB);
		assertThat(psirtA.api().get("/api/v1/vuln-cases/" + caseId + "/vendors/" + vendorB).status()).isEqualTo(404);
		assertThat(psirtA.api().send("PUT", statusPath(caseId, vendorB, second), "{\"status\":\"AFFECTED\"}").status())
			.isEqualTo(404);
		assertThat(psirtA.api().get("/api/v1/vuln-cases/" + caseId + "/vendors/" + vendorA).body()).doesNotContain(vendorB);
		assertThat(vendorIds(coordinator.api().get("/api/v1/vuln-cases/" + caseId + "/vendors")))
			.containsExactlyInAnyOrder(vendorA, vendorB);
		// Coordinators-only views stay closed to vendors.
		assertThat(psirtA.api().get("/api/v1/vuln-cases/" + caseId + "/vendors/" + vendorA + "/contact-attempts").status())
			.isEqualTo(403);
		assertThat(psirtA.api().send("PUT", "/api/v1/vuln-cases/" + caseId + "/vendors/" + vendorA + "/unreachable",
				"{\"unreachable\":true}").status()).isEqualTo(403);

		// The finder sees no vendor at all, and gives no status.
		assertThat(vendorIds(finder.api().get("/api/v1/vuln-cases/" + caseId + "/vendors"))).isEmpty();
		assertThat(finder.api().get("/api/v1/vuln-cases/" + caseId + "/vendors/" + vendorA).status()).isEqualTo(404);
		assertThat(finder.api().send("PUT", statusPath(caseId, vendorA, first), "{\"status\":\"NOT_AFFECTED\"}").status())
			.isEqualTo(403);

		// Neither an outsider nor a non-PSIRT member of the vendor learns anything: 404 everywhere.
		for (var stranger : List.of(outsider, viewerA)) {
			var api = stranger.api();
			var prefix = "/api/v1/vuln-cases/" + caseId;
			assertThat(api.get(prefix).status()).isEqualTo(404);
			assertThat(api.get(prefix + "/vendors").status()).isEqualTo(404);
			assertThat(api.get(prefix + "/vendors/" + vendorA).status()).isEqualTo(404);
			assertThat(api.send("PUT", statusPath(caseId, vendorA, first), "{\"status\":\"NOT_AFFECTED\"}").status()).isEqualTo(404);
			assertThat(api.get(prefix + "/vendors/" + vendorA + "/contact-attempts").status()).isEqualTo(404);
			assertThat(api.post(prefix + "/vendors/" + vendorA + "/contact-attempts", "{\"channel\":\"PHONE\"}").status())
				.isEqualTo(404);
			assertThat(api.send("PUT", prefix + "/vendors/" + vendorA + "/unreachable", "{\"unreachable\":true}").status())
				.isEqualTo(404);
			assertThat(api.get(prefix + "/committee-decisions").status()).isEqualTo(404);
			assertThat(api.post(prefix + "/committee-decisions", decision(today().toString(), "PUBLISH_WITHOUT_VENDOR")).status())
				.isEqualTo(404);
			assertThat(api.get(prefix + "/vulnerabilities").status()).isEqualTo(404);
		}

		// UNKNOWN takes a status back: silence is never stored.
		var back = psirtA.api().send("PUT", statusPath(caseId, vendorA, first), "{\"status\":\"UNKNOWN\"}");
		assertThat(read(back).get("statusByVulnerability").get(first).asString()).isEqualTo("UNKNOWN");
		assertThat(statusRows(caseId, vendorA)).isZero();
	}

	@Test
	void aVendorIsListedAsUnreachableOnlyAfterThreeAttemptsAndThePublicListShowsNamesOnly() {
		var title = Fixtures.unique("連絡不能テスト");
		var description = Fixtures.unique("公開してはならない説明");
		var caseId = world.accepted(finder, coordinator, title, description);
		var number = read(coordinator.api().get("/api/v1/vuln-cases/" + caseId)).get("number").asString();
		var vendorName = Fixtures.unique("Silent Devices");
		var contact = Fixtures.unique("nobody") + "@silent.example";
		var silent = world.vendor(coordinator, vendorName, null, contact);
		var productName = Fixtures.unique("SilentCam");
		world.invite(coordinator, caseId, silent, productName);
		var unreachable = "/api/v1/vuln-cases/" + caseId + "/vendors/" + silent + "/unreachable";
		var attempts = "/api/v1/vuln-cases/" + caseId + "/vendors/" + silent + "/contact-attempts";

		// One (automatic) attempt: too few.
		var tooFew = coordinator.api().send("PUT", unreachable, "{\"unreachable\":true}");
		assertThat(tooFew.status()).isEqualTo(409);
		assertThat(fields(tooFew)).containsExactly("vendorId");

		// Attempts are documented with their channel and a time neither in the future nor before the report.
		var noChannel = coordinator.api().post(attempts, "{\"note\":\"x\"}");
		assertThat(noChannel.status()).isEqualTo(400);
		assertThat(fields(noChannel)).containsExactly("channel");
		var future = coordinator.api().post(attempts, "{\"channel\":\"PHONE\",\"attemptedAt\":\""
				+ Instant.now().plus(1, ChronoUnit.DAYS) + "\"}");
		assertThat(fields(future)).containsExactly("attemptedAt");
		var beforeFiling = coordinator.api().post(attempts, "{\"channel\":\"PHONE\",\"attemptedAt\":\""
				+ Instant.now().minus(30, ChronoUnit.DAYS) + "\"}");
		assertThat(fields(beforeFiling)).containsExactly("attemptedAt");
		var tooLong = coordinator.api().post(attempts, "{\"channel\":\"PHONE\",\"note\":\"" + "n".repeat(4001) + "\"}");
		assertThat(fields(tooLong)).containsExactly("note");
		assertThat(read(coordinator.api().get(attempts)).size()).isEqualTo(1);

		var phone = coordinator.api().post(attempts, "{\"channel\":\"PHONE\",\"note\":\"代表番号、不在\"}");
		assertThat(phone.status()).isEqualTo(201);
		assertThat(read(phone).get("automatic").asBoolean()).isFalse();
		assertThat(coordinator.api().send("PUT", unreachable, "{\"unreachable\":true}").status()).isEqualTo(409);
		assertThat(coordinator.api().post(attempts, "{\"channel\":\"POST\"}").status()).isEqualTo(201);
		assertThat(coordinator.api().send("PUT", unreachable, "{}").status()).isEqualTo(400);

		var listed = coordinator.api().send("PUT", unreachable, "{\"unreachable\":true}");
		assertThat(listed.status()).isEqualTo(200);
		assertThat(read(listed).get("unreachable").asBoolean()).isTrue();
		assertThat(read(listed).get("attempts").asInt()).isEqualTo(3);
		assertThat(vendorIds(coordinator.api().get("/api/v1/vuln-cases/" + caseId + "/vendors?filter=UNREACHABLE")))
			.containsExactly(silent);

		// The public list: the vendor's name and the product, nothing else of the embargoed case.
		var page = browser().get("/public/vulns/unreachable?q=" + encode(vendorName));
		assertThat(page.status()).isEqualTo(200);
		var rows = rows(page.body());
		assertThat(rows).hasSize(1);
		assertThat(rows.get(0)).contains(vendorName, productName);
		assertThat(page.body()).doesNotContain(number, title, description, contact, caseId, silent, "FooSCADA",
				finder.email(), "Foo 制御機器");
		var english = browser().language("en").get("/public/vulns/unreachable?q=" + encode(productName));
		assertThat(rows(english.body())).singleElement().asString().contains(vendorName + " Inc.", productName);

		// A vendor that answered is not unreachable.
		var vendorA = world.vendor(coordinator, Fixtures.unique("Talkative"), vendorOrgA.id());
		world.invite(coordinator, caseId, vendorA, "Loud");
		var vulnerability = world.vulnerabilityIds(coordinator, caseId).get(0);
		psirtA.api().send("PUT", statusPath(caseId, vendorA, vulnerability), "{\"status\":\"UNDER_INVESTIGATION\"}");
		for (int i = 0; i < 3; i++) {
			coordinator.api().post("/api/v1/vuln-cases/" + caseId + "/vendors/" + vendorA + "/contact-attempts",
					"{\"channel\":\"PHONE\"}");
		}
		assertThat(coordinator.api().send("PUT", "/api/v1/vuln-cases/" + caseId + "/vendors/" + vendorA + "/unreachable",
				"{\"unreachable\":true}").status()).isEqualTo(409);

		// Taken off the list: gone from the public page.
		var reached = coordinator.api().send("PUT", unreachable, "{\"unreachable\":false}");
		assertThat(reached.status()).isEqualTo(200);
		assertThat(read(reached).get("unreachable").asBoolean()).isFalse();
		var after = browser().get("/public/vulns/unreachable?q=" + encode(vendorName));
		assertThat(rows(after.body())).isEmpty();
		assertThat(after.body()).doesNotContain(productName);
	}

	@Test
	void committeeDecisionsAreCheckedAndDecideWhetherAnUnreachableVendorBlocksPublication() {
		var caseId = world.accepted(finder, coordinator, Fixtures.unique("委員会"), "説明");
		var id = UUID.fromString(caseId);
		var decisions = "/api/v1/vuln-cases/" + caseId + "/committee-decisions";
		var silent = world.vendor(coordinator, Fixtures.unique("Gone Ltd"), null, Fixtures.unique("gone") + "@gone.example");
		world.invite(coordinator, caseId, silent, "GoneBox");
		assertThat(caseVendors.publicationBlockers(id)).isEmpty();

		var all = coordinator.api().post(decisions, "{}");
		assertThat(all.status()).isEqualTo(400);
		assertThat(fields(all)).containsExactlyInAnyOrder("decidedOn", "members", "decision");
		var members = new ArrayList<String>();
		for (int i = 0; i < 51; i++) {
			members.add("\"委員" + i + "\"");
		}
		var refused = Map.of(
				"{\"decidedOn\":\"" + today().plusDays(1) + "\",\"members\":[\"山田\"],\"decision\":\"DO_NOT_PUBLISH\"}", "decidedOn",
				"{\"decidedOn\":\"" + today() + "\",\"members\":[\" \",\"\"],\"decision\":\"DO_NOT_PUBLISH\"}", "members",
				"{\"decidedOn\":\"" + today() + "\",\"members\":[" + String.join(",", members) + "],\"decision\":\"DO_NOT_PUBLISH\"}", "members",
				"{\"decidedOn\":\"" + today() + "\",\"members\":[\"" + "長".repeat(201) + "\"],\"decision\":\"DO_NOT_PUBLISH\"}", "members",
				"{\"decidedOn\":\"" + today() + "\",\"members\":[\"山田\"],\"decision\":\"DO_NOT_PUBLISH\",\"note\":\"" + "n".repeat(4001) + "\"}", "note",
				"{\"decidedOn\":\"" + today() + "\",\"members\":[\"山田\"],\"decision\":\"MAYBE\"}", "decision",
				"{\"decidedOn\":\"someday\",\"members\":[\"山田\"],\"decision\":\"DO_NOT_PUBLISH\"}", "decidedOn");
		refused.forEach((input, field) -> {
			var response = coordinator.api().post(decisions, input);
			assertThat(response.status()).as(input).isEqualTo(400);
			assertThat(fields(response)).as(input).containsExactly(field);
		});
		assertThat(finder.api().post(decisions, decision(today().toString(), "PUBLISH_WITHOUT_VENDOR")).status()).isEqualTo(403);
		assertThat(finder.api().get(decisions).status()).isEqualTo(403);
		assertThat(read(coordinator.api().get(decisions)).size()).isZero();

		// Listed as unreachable: publication waits for the committee.
		listUnreachable(caseId, silent);
		assertThat(caseVendors.publicationBlockers(id)).containsExactly("vulns.blocker.committee");

		// A decision from before the listing did not weigh the vendor.
		var stale = coordinator.api().post(decisions, decision(today().minusDays(1).toString(), "PUBLISH_WITHOUT_VENDOR"));
		assertThat(stale.status()).isEqualTo(201);
		assertThat(caseVendors.publicationBlockers(id)).containsExactly("vulns.blocker.committee-stale");

		var no = coordinator.api().post(decisions, decision(today().toString(), "DO_NOT_PUBLISH"));
		assertThat(no.status()).isEqualTo(201);
		assertThat(caseVendors.publicationBlockers(id)).containsExactly("vulns.blocker.committee");

		var yes = coordinator.api().post(decisions, "{\"decidedOn\":\"" + today() + "\",\"members\":[\" 山田 \",\"鈴木\",\"山田\"],"
				+ "\"decision\":\"PUBLISH_WITHOUT_VENDOR\",\"note\":\"三度の連絡に応答なし\"}");
		assertThat(yes.status()).isEqualTo(201);
		assertThat(strings(read(yes).get("members"))).containsExactly("山田", "鈴木");
		assertThat(read(coordinator.api().get(decisions)).size()).isEqualTo(3);
		assertThat(caseVendors.publicationBlockers(id)).isEmpty();

		// A second vendor listed after the decision: the decision did not weigh it, even though it came after the first.
		var later = world.vendor(coordinator, Fixtures.unique("Later Ltd"), null, Fixtures.unique("later") + "@later.example");
		world.invite(coordinator, caseId, later, "LaterBox");
		listUnreachable(caseId, later);
		jdbc.sql("update vuln_case_vendor set unreachable_at = :at where case_id = :case and vendor_id = :vendor")
			.param("at", Timestamp.from(Instant.now().minus(3, ChronoUnit.DAYS))).param("case", id)
			.param("vendor", UUID.fromString(silent)).update();
		// (The first listing three days ago, the latest decision yesterday: between the two listings.)
		jdbc.sql("update vuln_committee_decision set decided_on = :on where case_id = :case")
			.param("on", java.sql.Date.valueOf(today().minusDays(1))).param("case", id).update();
		jdbc.sql("delete from vuln_committee_decision where case_id = :case and decision = 'DO_NOT_PUBLISH'")
			.param("case", id).update();
		assertThat(caseVendors.publicationBlockers(id)).containsExactly("vulns.blocker.committee-stale");

		// Both reached again: nothing blocks.
		coordinator.api().send("PUT", "/api/v1/vuln-cases/" + caseId + "/vendors/" + silent + "/unreachable", "{\"unreachable\":false}");
		coordinator.api().send("PUT", "/api/v1/vuln-cases/" + caseId + "/vendors/" + later + "/unreachable", "{\"unreachable\":false}");
		assertThat(caseVendors.publicationBlockers(id)).isEmpty();
	}

	private void listUnreachable(String caseId, String vendorId) {
		for (int i = 0; i < 2; i++) {
			coordinator.api().post("/api/v1/vuln-cases/" + caseId + "/vendors/" + vendorId + "/contact-attempts",
					"{\"channel\":\"PHONE\"}");
		}
		var listed = coordinator.api().send("PUT", "/api/v1/vuln-cases/" + caseId + "/vendors/" + vendorId + "/unreachable",
				"{\"unreachable\":true}");
		assertThat(listed.status()).as(listed.body()).isEqualTo(200);
	}

	private static String decision(String on, String decision) {
		return "{\"decidedOn\":\"" + on + "\",\"members\":[\"山田\",\"鈴木\"],\"decision\":\"" + decision + "\"}";
	}

	private static String statusPath(String caseId, String vendorId, String vulnerabilityId) {
		return "/api/v1/vuln-cases/" + caseId + "/vendors/" + vendorId + "/statuses/" + vulnerabilityId;
	}

	/** The table rows of the public list, as text without tags. */
	private static List<String> rows(String html) {
		var body = html.contains("<tbody>") ? html.substring(html.indexOf("<tbody>"), html.indexOf("</tbody>")) : "";
		var rows = new ArrayList<String>();
		var matcher = Pattern.compile("<tr>(.*?)</tr>", Pattern.DOTALL).matcher(body);
		while (matcher.find()) {
			var cells = Pattern.compile("<td>").matcher(matcher.group(1)).results().count();
			assertThat(cells).as("vendor, product and date only").isEqualTo(3);
			rows.add(matcher.group(1).replaceAll("<[^>]+>", " ").replaceAll("\\s+", " ").strip());
		}
		return rows;
	}

	private long vendors() {
		return jdbc.sql("select count(*) from vuln_vendor").query(Long.class).single();
	}

	private int statusRows(String caseId, String vendorId) {
		return jdbc.sql("select count(*) from vuln_vendor_status where case_id = :case and vendor_id = :vendor")
			.param("case", UUID.fromString(caseId)).param("vendor", UUID.fromString(vendorId)).query(Integer.class).single();
	}

	private String status(String caseId) {
		return jdbc.sql("select status from vuln_case where id = :id").param("id", UUID.fromString(caseId))
			.query(String.class).single();
	}

	private List<String> vendorIds(ApiClient.Response response) {
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		var ids = new ArrayList<String>();
		read(response).get("items").forEach(item -> ids.add(item.get("vendorId").asString()));
		return ids;
	}

	private List<String> fields(ApiClient.Response response) {
		var errors = read(response).get("errors");
		var fields = new ArrayList<String>();
		if (errors != null) {
			errors.forEach(e -> fields.add(e.get("field").asString()));
		}
		return fields;
	}

	private static List<String> strings(JsonNode array) {
		var out = new ArrayList<String>();
		array.forEach(n -> out.add(n.asString()));
		return out;
	}

	private JsonNode read(ApiClient.Response response) {
		return json.readTree(response.body());
	}

	private static String encode(String text) {
		return URLEncoder.encode(text, StandardCharsets.UTF_8);
	}
}
