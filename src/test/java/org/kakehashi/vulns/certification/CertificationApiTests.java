package org.kakehashi.vulns.certification;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kakehashi.identity.ApiScope;
import org.kakehashi.identity.OrganisationType;
import org.kakehashi.identity.Role;
import org.kakehashi.identity.internal.ApiTokens;
import org.kakehashi.identity.internal.Organisation;
import org.kakehashi.identity.internal.UserAccount;
import org.kakehashi.support.ApiClient;
import org.kakehashi.support.Fixtures;
import org.kakehashi.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The certification registry over the REST API against the real database: coordinators register, search, filter and
 * correct records (expiry derived from the date in Japan, never stored); every broken field is named and nothing is
 * stored; a retried POST registers once; the holder's organisation reads its own records, everyone else only the
 * public ones, and nobody but coordinators writes.
 */
class CertificationApiTests extends IntegrationTest {

	@Autowired
	Fixtures fixtures;

	@Autowired
	ApiTokens tokens;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	JsonMapper json;

	/** Unique per test: the shared database holds other tests' records too. */
	String tag;
	Organisation holder;
	UserAccount holderAdminAccount;
	UserAccount coordinatorAccount;
	ApiClient coordinator;
	ApiClient holderMember;
	ApiClient holderAdmin;
	ApiClient stranger;
	ApiClient coordinatorViewer;
	ApiClient centreAnalyst;

	@BeforeEach
	void world() {
		tag = "T" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
		var jpcert = fixtures.organisation(OrganisationType.COORDINATOR);
		coordinatorAccount = fixtures.user(jpcert, Role.COORDINATOR);
		coordinator = client(coordinatorAccount);
		// A viewer of the coordinator organisation does not keep the registry.
		coordinatorViewer = client(fixtures.user(jpcert, Role.VIEWER));
		holder = fixtures.organisation(OrganisationType.VENDOR);
		holderMember = client(fixtures.user(holder, Role.VIEWER));
		holderAdminAccount = fixtures.user(holder, Role.ORG_ADMIN);
		holderAdmin = client(holderAdminAccount);
		stranger = client(fixtures.user(fixtures.organisation(OrganisationType.OPERATOR, "ELECTRICITY"), Role.REPORTER));
		centreAnalyst = client(fixtures.user(fixtures.organisation(OrganisationType.NATIONAL_CENTRE), Role.ANALYST,
				Role.COORDINATOR));
	}

	@Test
	void coordinatorsRegisterSearchFilterAndCorrectWithExpiryDerivedFromTheDateInJapan() {
		var today = today();
		var device = register(coordinator, entry(tag + "-D-1", e -> {
			e.put("holderOrganisationId", holder.id().toString());
			e.put("holderName", "");
			e.put("validTo", today.plusDays(60).toString());
		}));
		assertThat(device.status()).isEqualTo(201);
		var deviceBody = read(device.body());
		var deviceId = deviceBody.get("id").asString();
		// Left empty, the holder's name is the linked organisation's.
		assertThat(deviceBody.get("holderName").asString()).isEqualTo(holder.name());
		assertThat(deviceBody.get("standing").asString()).isEqualTo("VALID");
		assertThat(deviceBody.get("daysLeft").asLong()).isEqualTo(60);
		assertThat(deviceBody.get("revision").asInt()).isEqualTo(1);
		assertThat(deviceBody.get("updatedBy").asString()).isNotBlank();

		var csmsId = id(register(coordinator, entry(tag + "-C-1", e -> {
			e.put("kind", "CSMS");
			e.put("standard", "IEC 62443-2-1");
			e.put("level", "");
			e.put("validTo", today.plusDays(400).toString());
		})));
		// Ended yesterday in Japan: stored VALID, read EXPIRED.
		var expiredId = id(register(coordinator, entry(tag + "-E-1", e -> {
			e.put("validFrom", today.minusYears(3).toString());
			e.put("validTo", today.minusDays(1).toString());
		})));
		var withdrawnId = id(register(coordinator, entry(tag + "-W-1", e -> e.put("status", "WITHDRAWN"))));
		// Full-width spelling typed with a Japanese input method is stored half-width and found either way.
		var wideNumber = tag.chars().mapToObj(c -> String.valueOf((char) (c + 0xFEE0))).reduce("", String::concat) + "－０４２";
		var wide = read(register(coordinator, entry(wideNumber, e -> { })).body());
		assertThat(wide.get("certificateNumber").asString()).isEqualTo(tag + "-042");

		assertThat(jdbc.sql("select status from vuln_certification where id = :id").param("id", UUID.fromString(expiredId))
			.query(String.class).single()).isEqualTo("VALID");
		assertThat(read(coordinator.get("/api/v1/certifications/" + expiredId).body()).get("standing").asString())
			.isEqualTo("EXPIRED");

		assertThat(ids("?q=" + tag)).containsExactlyInAnyOrder(deviceId, csmsId, expiredId, withdrawnId, wide.get("id").asString());
		assertThat(ids("?q=" + encode(wideNumber))).containsExactly(wide.get("id").asString());
		assertThat(ids("?q=" + tag + "&kind=CSMS")).containsExactly(csmsId);
		assertThat(ids("?q=" + tag + "&kind=csms")).containsExactly(csmsId);
		assertThat(ids("?q=" + tag + "&status=EXPIRING")).containsExactly(deviceId);
		assertThat(ids("?q=" + tag + "&status=EXPIRED")).containsExactly(expiredId);
		assertThat(ids("?q=" + tag + "&status=WITHDRAWN")).containsExactly(withdrawnId);
		assertThat(ids("?q=" + tag + "&status=VALID")).doesNotContain(expiredId, withdrawnId).contains(deviceId, csmsId);
		assertThat(ids("?q=" + encode(holder.name()))).containsExactly(deviceId);
		assertThat(ids("?q=" + tag + "&size=2&page=0")).hasSize(2);
		assertThat(read(coordinator.get("/api/v1/certifications?q=" + tag + "&size=2").body()).get("total").asLong())
			.isEqualTo(5);
		var badFilter = coordinator.get("/api/v1/certifications?status=LAPSED");
		assertThat(badFilter.status()).isEqualTo(400);
		assertThat(badFilter.body()).contains("\"field\":\"status\"");

		// Suspended by the body: a new revision, audited with what changed (never the contact or the notes).
		var suspended = coordinator.send("PUT", "/api/v1/certifications/" + deviceId, json(entry(tag + "-D-1", e -> {
			e.put("holderOrganisationId", holder.id().toString());
			e.put("holderName", holder.name());
			e.put("validTo", today.plusDays(60).toString());
			e.put("status", "SUSPENDED");
			e.put("revision", 1);
		})));
		assertThat(suspended.status()).isEqualTo(200);
		assertThat(read(suspended.body()).get("standing").asString()).isEqualTo("SUSPENDED");
		assertThat(read(suspended.body()).get("revision").asInt()).isEqualTo(2);
		var details = jdbc.sql("""
				select details from audit_log where target_id = :id and action = 'vulns.certification-updated'
				""").param("id", deviceId).query(String.class).single();
		assertThat(details).contains("\"changed\":\"status\"", tag + "-D-1").doesNotContain("contact@", "社内メモ");
		// Based on the old revision: refused, the colleague's change kept.
		var stale = coordinator.send("PUT", "/api/v1/certifications/" + deviceId, json(entry(tag + "-D-1", e -> {
			e.put("holderOrganisationId", holder.id().toString());
			e.put("validTo", today.plusYears(3).toString());
			e.put("revision", 1);
		})));
		assertThat(stale.status()).isEqualTo(409);
		assertThat(stale.body()).contains("\"field\":\"revision\"");
		assertThat(read(coordinator.get("/api/v1/certifications/" + deviceId).body()).get("status").asString())
			.isEqualTo("SUSPENDED");

		// The same number at the same body (whatever the case) is refused and nothing is stored.
		var before = count();
		var duplicate = register(coordinator, entry(tag.toLowerCase() + "-d-1", e -> e.put("issuer", "cssc-cl")));
		assertThat(duplicate.status()).isEqualTo(409);
		assertThat(duplicate.contentType()).startsWith("application/problem+json");
		assertThat(duplicate.body()).contains("\"field\":\"certificateNumber\"");
		assertThat(count()).isEqualTo(before);
		// At another body it is another certificate.
		assertThat(register(coordinator, entry(tag + "-D-1", e -> e.put("issuer", "JIPDEC"))).status()).isEqualTo(201);
		// Nor may a correction take a number already in use.
		var taken = coordinator.send("PUT", "/api/v1/certifications/" + csmsId, json(entry(tag + "-D-1", e -> { })));
		assertThat(taken.status()).isEqualTo(409);
		assertThat(taken.body()).contains("\"field\":\"certificateNumber\"");
	}

	@Test
	void brokenFieldsAreNamedOneByOneAndNothingIsStored() {
		var before = count();
		var cases = new LinkedHashMap<Consumer<Map<String, Object>>, String>();
		cases.put(e -> e.remove("kind"), "kind");
		cases.put(e -> e.put("kind", "SATELLITE"), "kind");
		cases.put(e -> e.put("certificateNumber", " "), "certificateNumber");
		cases.put(e -> e.put("certificateNumber", "N".repeat(101)), "certificateNumber");
		cases.put(e -> e.remove("issuer"), "issuer");
		cases.put(e -> e.put("holderName", ""), "holderName");
		cases.put(e -> e.put("holderName", "東和\n制御"), "holderName");
		cases.put(e -> e.put("holderOrganisationId", UUID.randomUUID().toString()), "holderOrganisationId");
		cases.put(e -> e.put("subjectName", ""), "subjectName");
		cases.put(e -> e.put("subjectVersion", "v".repeat(201)), "subjectVersion");
		cases.put(e -> e.put("standard", ""), "standard");
		cases.put(e -> e.put("level", "a\u0000b"), "level");
		cases.put(e -> e.remove("validFrom"), "validFrom");
		cases.put(e -> e.put("validFrom", "tomorrow"), "validFrom");
		cases.put(e -> e.put("validFrom", "1900-01-01"), "validFrom");
		cases.put(e -> e.remove("validTo"), "validTo");
		cases.put(e -> e.put("validTo", "2024-02-30"), "validTo");
		cases.put(e -> e.put("validTo", today().minusYears(10).toString()), "validTo");
		cases.put(e -> e.remove("status"), "status");
		cases.put(e -> e.put("status", "EXPIRED"), "status");
		cases.put(e -> e.put("contactEmail", "not an address"), "contactEmail");
		cases.put(e -> e.put("notes", "n".repeat(4001)), "notes");
		cases.put(e -> e.put("publiclyListed", "maybe"), "publiclyListed");
		cases.put(e -> e.put("standing", "VALID"), "standing");
		cases.put(e -> e.put("revision", 3), "revision");
		cases.forEach((change, field) -> {
			var response = register(coordinator, entry(tag + "-X", change));
			assertThat(response.status()).as(field).isEqualTo(400);
			assertThat(response.contentType()).as(field).startsWith("application/problem+json");
			assertThat(response.body()).as(field).contains("\"field\":\"" + field + "\"");
		});
		// An empty body: every required field at once.
		var empty = coordinator.post("/api/v1/certifications", "{}");
		assertThat(empty.status()).isEqualTo(400);
		var fields = new ArrayList<String>();
		read(empty.body()).get("errors").forEach(e -> fields.add(e.get("field").asString()));
		assertThat(fields).containsExactlyInAnyOrder("kind", "certificateNumber", "issuer", "holderName", "subjectName",
				"standard", "validFrom", "validTo", "status");
		assertThat(coordinator.post("/api/v1/certifications", "{not json").status()).isEqualTo(400);
		assertThat(count()).isEqualTo(before);

		// Hostile text that is valid is stored as text and comes back as text.
		var hostile = "<script>alert(1)</script>'; drop table vuln_certification; --";
		var stored = register(coordinator, entry(tag + "-H", e -> {
			e.put("subjectName", hostile);
			e.put("holderName", "=HYPERLINK(\"http://evil.example\")");
		}));
		assertThat(stored.status()).isEqualTo(201);
		assertThat(read(coordinator.get("/api/v1/certifications/" + id(stored)).body()).get("subjectName").asString())
			.isEqualTo(hostile);
	}

	@Test
	void anIdempotentRetryRegistersOnce() {
		var key = Map.of("Idempotency-Key", "cert-" + UUID.randomUUID());
		var body = json(entry(tag + "-I", e -> { }));
		var first = coordinator.send("POST", "/api/v1/certifications", body, key);
		var second = coordinator.send("POST", "/api/v1/certifications", body, key);
		assertThat(first.status()).isEqualTo(201);
		assertThat(second.status()).isEqualTo(201);
		assertThat(id(second)).isEqualTo(id(first));
		assertThat(ids("?q=" + tag)).containsExactly(id(first));
		var reused = coordinator.send("POST", "/api/v1/certifications", json(entry(tag + "-J", e -> { })), key);
		assertThat(reused.status()).isEqualTo(422);
		assertThat(ids("?q=" + tag)).containsExactly(id(first));
	}

	@Test
	void theHolderReadsItsOwnRecordsOthersOnlyThePublicOnesAndOnlyCoordinatorsWrite() {
		var today = today();
		var own = id(register(coordinator, entry(tag + "-OWN", e -> {
			e.put("holderOrganisationId", holder.id().toString());
			e.put("publiclyListed", false);
			e.put("notes", "社内メモ: 更新審査は秋");
		})));
		var listed = id(register(coordinator, entry(tag + "-PUB", e -> e.put("publiclyListed", true))));
		var listedExpired = id(register(coordinator, entry(tag + "-OLD", e -> {
			e.put("publiclyListed", true);
			e.put("validFrom", today.minusYears(4).toString());
			e.put("validTo", today.minusDays(1).toString());
		})));
		var listedLater = id(register(coordinator, entry(tag + "-NEXT", e -> {
			e.put("publiclyListed", true);
			e.put("validFrom", today.plusDays(1).toString());
		})));
		var hidden = id(register(coordinator, entry(tag + "-HID", e -> e.put("publiclyListed", false))));

		// The holder's members read their own record whole, but not who at the coordinators entered it.
		var ownSeen = holderMember.get("/api/v1/certifications/" + own);
		assertThat(ownSeen.status()).isEqualTo(200);
		assertThat(read(ownSeen.body()).get("notes").asString()).isEqualTo("社内メモ: 更新審査は秋");
		assertThat(read(ownSeen.body()).get("contactEmail").asString()).isEqualTo("contact@" + tag.toLowerCase() + ".example");
		assertThat(read(ownSeen.body()).has("updatedBy")).isFalse();
		assertThat(idsAs(holderMember, "?q=" + tag)).containsExactlyInAnyOrder(own, listed);

		for (var outsider : List.of(stranger, centreAnalyst, coordinatorViewer)) {
			assertThat(outsider.get("/api/v1/certifications/" + own).status()).isEqualTo(404);
			assertThat(outsider.get("/api/v1/certifications/" + hidden).status()).isEqualTo(404);
			assertThat(outsider.get("/api/v1/certifications/" + listedExpired).status()).isEqualTo(404);
			assertThat(outsider.get("/api/v1/certifications/" + listedLater).status()).isEqualTo(404);
			var publicOne = outsider.get("/api/v1/certifications/" + listed);
			assertThat(publicOne.status()).isEqualTo(200);
			assertThat(publicOne.body()).doesNotContain("contact@", "notes", "updatedBy");
			assertThat(idsAs(outsider, "?q=" + tag)).containsExactly(listed);
			// Writing: 403 for what they may read, 404 for what they may not.
			assertThat(outsider.post("/api/v1/certifications", json(entry(tag + "-NEW", e -> { }))).status()).isEqualTo(403);
			assertThat(outsider.send("PUT", "/api/v1/certifications/" + listed, json(entry(tag + "-PUB", e -> { })))
				.status()).isEqualTo(403);
			assertThat(outsider.send("PUT", "/api/v1/certifications/" + hidden, json(entry(tag + "-HID", e -> { })))
				.status()).isEqualTo(404);
		}
		// Holding a record does not make one its keeper.
		assertThat(holderAdmin.send("PUT", "/api/v1/certifications/" + own, json(entry(tag + "-OWN", e -> {
			e.put("holderOrganisationId", holder.id().toString());
			e.put("validTo", today.plusYears(10).toString());
		}))).status()).isEqualTo(403);
		assertThat(holderAdmin.post("/api/v1/certifications", json(entry(tag + "-NEW", e -> { }))).status()).isEqualTo(403);
		assertThat(coordinator.get("/api/v1/certifications/" + UUID.randomUUID()).status()).isEqualTo(404);
		// Without the write scope nothing is written, even by a coordinator.
		var readOnly = api(tokens.create(coordinatorAccount.principal(), "ro", EnumSet.of(ApiScope.VULNS_READ), 1)
			.clearToken());
		assertThat(readOnly.post("/api/v1/certifications", json(entry(tag + "-RO", e -> { }))).status()).isEqualTo(403);
		assertThat(ids("?q=" + tag)).hasSize(5);
	}

	/** A complete, valid record; {@code change} adjusts it. */
	Map<String, Object> entry(String number, Consumer<Map<String, Object>> change) {
		var e = new LinkedHashMap<String, Object>();
		e.put("kind", "DEVICE_CERTIFICATION");
		e.put("certificateNumber", number);
		e.put("issuer", "CSSC-CL");
		e.put("holderName", "東和制御システム株式会社 " + tag);
		e.put("subjectName", "TC-7000 コントローラ");
		e.put("subjectVersion", "FW 4.2");
		e.put("standard", "IEC 62443-4-2");
		e.put("level", "SL 2");
		e.put("validFrom", today().minusYears(1).toString());
		e.put("validTo", today().plusYears(2).toString());
		e.put("status", "VALID");
		e.put("publiclyListed", true);
		e.put("contactEmail", "contact@" + tag.toLowerCase() + ".example");
		e.put("notes", "");
		change.accept(e);
		return e;
	}

	ApiClient.Response register(ApiClient client, Map<String, Object> entry) {
		return client.post("/api/v1/certifications", json(entry));
	}

	String json(Map<String, Object> entry) {
		return json.writeValueAsString(entry);
	}

	String id(ApiClient.Response response) {
		assertThat(response.status()).as(response.body()).isEqualTo(201);
		return read(response.body()).get("id").asString();
	}

	List<String> ids(String query) {
		return idsAs(coordinator, query);
	}

	List<String> idsAs(ApiClient client, String query) {
		var response = client.get("/api/v1/certifications" + query);
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		var out = new ArrayList<String>();
		read(response.body()).get("items").forEach(item -> out.add(item.get("id").asString()));
		return out;
	}

	long count() {
		return jdbc.sql("select count(*) from vuln_certification").query(Long.class).single();
	}

	JsonNode read(String body) {
		return json.readTree(body);
	}

	ApiClient client(UserAccount user) {
		return api(tokens.create(user.principal(), "test", EnumSet.of(ApiScope.VULNS_READ, ApiScope.VULNS_WRITE), 1)
			.clearToken());
	}

	static String encode(String text) {
		return URLEncoder.encode(text, StandardCharsets.UTF_8);
	}

	static LocalDate today() {
		return LocalDate.now(ZoneId.of("Asia/Tokyo"));
	}
}
