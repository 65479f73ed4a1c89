package org.kakehashi.vulns;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kakehashi.identity.ApiScope;
import org.kakehashi.identity.OrganisationType;
import org.kakehashi.identity.Role;
import org.kakehashi.identity.internal.ApiTokens;
import org.kakehashi.identity.internal.UserAccount;
import org.kakehashi.support.ApiClient;
import org.kakehashi.support.Fixtures;
import org.kakehashi.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Vulnerability cases over the REST API against the real database and SMTP server: a finder files a report, a
 * coordinator drives it through the scheme (the finder is mailed on acceptance), every illegal move is refused with
 * 409 and changes nothing, and nobody but the finder and the coordinators learns that the case exists.
 */
class VulnCasesApiTests extends IntegrationTest {

	@Autowired
	Fixtures fixtures;

	@Autowired
	ApiTokens tokens;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	JsonMapper json;

	UserAccount finderAccount;
	ApiClient finder;
	ApiClient otherFinder;
	ApiClient coordinator;
	ApiClient coordinatorViewer;
	ApiClient centreAnalyst;
	ApiClient platformAdmin;

	@BeforeEach
	void world() {
		var jpcert = fixtures.organisation(OrganisationType.COORDINATOR);
		coordinator = client(fixtures.user(jpcert, Role.COORDINATOR));
		// A viewer of the coordinator organisation is not a coordinator: it files like anyone else.
		coordinatorViewer = client(fixtures.user(jpcert, Role.VIEWER));
		var operator = fixtures.organisation(OrganisationType.OPERATOR, "ELECTRICITY");
		finderAccount = fixtures.user(operator, Role.REPORTER);
		finder = client(finderAccount);
		otherFinder = client(fixtures.user(operator, Role.VIEWER));
		var centre = fixtures.organisation(OrganisationType.NATIONAL_CENTRE);
		centreAnalyst = client(fixtures.user(centre, Role.ANALYST, Role.COORDINATOR));
		platformAdmin = client(fixtures.user(centre, Role.PLATFORM_ADMIN));
	}

	@Test
	void aReportGoesFromReceiptToPublicationWithTheFinderToldAndEveryMoveRecorded() throws Exception {
		var filed = finder.send("POST", "/api/v1/vuln-cases", report("FooSCADA の認証回避"),
				Map.of("Idempotency-Key", "file-" + UUID.randomUUID()));
		assertThat(filed.status()).isEqualTo(201);
		var body = read(filed.body());
		var id = body.get("id").asString();
		var number = body.get("number").asString();
		assertThat(number).matches("VU#\\d{4}-\\d{4,}");
		assertThat(body.get("status").asString()).isEqualTo("RECEIVED");

		// The coordinators' queue has it; the finder's own list too.
		assertThat(ids(coordinator.get("/api/v1/vuln-cases?status=RECEIVED&q=FooSCADA&size=200"))).contains(id);
		assertThat(ids(finder.get("/api/v1/vuln-cases"))).containsExactly(id);

		assertThat(move(coordinator, id, "{\"to\":\"CHECKING\"}").status()).isEqualTo(200);
		var accepted = move(coordinator, id, "{\"to\":\"ACCEPTED\",\"reason\":\"新規の脆弱性と確認（社内メモ）\"}");
		assertThat(accepted.status()).isEqualTo(200);
		assertThat(read(accepted.body()).get("allowedNext").toString()).contains("VENDOR_CONTACTED", "CLOSED");

		// The finder is told: number, title and status only — not the description, not the internal reason.
		var mails = MAIL.getReceivedMessagesForDomain(finderAccount.email());
		assertThat(mails).hasSize(1);
		var mail = mails[0];
		assertThat(mail.getSubject()).contains(number).contains("受理").contains("Accepted");
		var text = String.valueOf(mail.getContent());
		assertThat(text).contains(number, "FooSCADA の認証回避", "/vulns/" + id)
			.doesNotContain("ログイン画面", "社内メモ");

		var contacted = move(coordinator, id, "{\"to\":\"VENDOR_CONTACTED\",\"firstVendorContactOn\":\"" + today() + "\"}");
		assertThat(contacted.status()).isEqualTo(200);
		assertThat(read(contacted.body()).get("firstVendorContactOn").asString()).isEqualTo(today().toString());

		var agreed = move(coordinator, id, "{\"to\":\"DATE_AGREED\",\"publicationAt\":\"" + today().plusDays(60)
				+ "T10:00\",\"publicationZone\":\"Asia/Tokyo\"}");
		assertThat(agreed.status()).isEqualTo(200);
		var agreedCase = read(agreed.body());
		assertThat(agreedCase.get("publicationZone").asString()).isEqualTo("Asia/Tokyo");
		assertThat(agreedCase.get("publicationLocal").asString()).isEqualTo(today().plusDays(60) + "T10:00:00");
		assertThat(agreedCase.get("publicationAt").asString()).isEqualTo(today().plusDays(60) + "T01:00:00Z");

		// Publication is not a move a coordinator makes: the advisory goes out at the agreed time (AdvisoryPublicationTests).
		var early = move(coordinator, id, "{\"to\":\"PUBLISHED\"}");
		assertThat(early.status()).isEqualTo(409);
		assertThat(early.body()).contains("\"field\":\"to\"");
		var closed = move(coordinator, id, "{\"to\":\"CLOSED\",\"outcome\":\"PRIVATE_HANDLING\"}");
		assertThat(closed.status()).isEqualTo(200);
		assertThat(read(closed.body()).get("outcome").asString()).isEqualTo("PRIVATE_HANDLING");

		// The history: who and why for the coordinator, states and times (no internal reason, no names) for the finder.
		var history = read(coordinator.get("/api/v1/vuln-cases/" + id).body()).get("history");
		assertThat(history.size()).isEqualTo(6);
		assertThat(history.get(2).get("reason").asString()).isEqualTo("新規の脆弱性と確認（社内メモ）");
		assertThat(history.get(2).get("byName").asString()).isNotBlank();
		var seenByFinder = finder.get("/api/v1/vuln-cases/" + id);
		assertThat(seenByFinder.status()).isEqualTo(200);
		assertThat(read(seenByFinder.body()).get("history").size()).isEqualTo(6);
		assertThat(seenByFinder.body()).doesNotContain("社内メモ", "byName");
		assertThat(read(seenByFinder.body()).get("allowedNext").size()).isZero();
		assertThat(jdbc.sql("select count(*) from audit_log where target_id = :id and action = 'vulns.case-moved'")
			.param("id", id).query(Long.class).single()).isEqualTo(5);
	}

	@Test
	void illegalMovesAreRefusedWith409AndChangeNothing() {
		var id = file(finder, "Router の XSS");
		// Skipping 確認, moving the other way, publishing without a date: each refused, the case stays RECEIVED.
		for (var to : List.of("ACCEPTED", "NOT_ACCEPTED", "VENDOR_CONTACTED", "DATE_AGREED", "PUBLISHED", "CLOSED", "RECEIVED")) {
			var refused = move(coordinator, id, "{\"to\":\"" + to + "\",\"outcome\":\"NOT_ACCEPTED\",\"reason\":\"x\"}");
			assertThat(refused.status()).as(to).isEqualTo(409);
			assertThat(refused.contentType()).startsWith("application/problem+json");
			assertThat(refused.body()).contains("\"field\":\"to\"");
		}
		assertThat(status(id)).isEqualTo("RECEIVED");
		assertThat(historySize(id)).isEqualTo(1);

		move(coordinator, id, "{\"to\":\"CHECKING\"}");
		// 不受理 needs a reason the finder can read.
		var noReason = move(coordinator, id, "{\"to\":\"NOT_ACCEPTED\",\"reason\":\"  \"}");
		assertThat(noReason.status()).isEqualTo(400);
		assertThat(noReason.body()).contains("\"field\":\"reason\"");
		assertThat(status(id)).isEqualTo("CHECKING");
		var refusedCase = move(coordinator, id, "{\"to\":\"NOT_ACCEPTED\",\"reason\":\"既知の脆弱性（JVN#00000000）と同一です。\"}");
		assertThat(refusedCase.status()).isEqualTo(200);
		var finderView = finder.get("/api/v1/vuln-cases/" + id).body();
		assertThat(finderView).contains("既知の脆弱性（JVN#00000000）と同一です。");
		assertThat(MAIL.getReceivedMessagesForDomain(finderAccount.email())).hasSize(1);

		// A refused report closes only as 不受理.
		var wrongOutcome = move(coordinator, id, "{\"to\":\"CLOSED\",\"outcome\":\"JVN_PUBLICATION\"}");
		assertThat(wrongOutcome.status()).isEqualTo(409);
		assertThat(wrongOutcome.body()).contains("\"field\":\"outcome\"");
		var noOutcome = move(coordinator, id, "{\"to\":\"CLOSED\"}");
		assertThat(noOutcome.status()).isEqualTo(400);
		assertThat(noOutcome.body()).contains("\"field\":\"outcome\"");
		assertThat(move(coordinator, id, "{\"to\":\"CLOSED\",\"outcome\":\"NOT_ACCEPTED\"}").status()).isEqualTo(200);
		// Closed is final.
		assertThat(move(coordinator, id, "{\"to\":\"CHECKING\"}").status()).isEqualTo(409);
		assertThat(status(id)).isEqualTo("CLOSED");
		assertThat(historySize(id)).isEqualTo(4);
	}

	@Test
	void onlyTheFinderAndCoordinatorsLearnThatACaseExists() {
		var id = file(finder, "非公開の脆弱性");
		for (var stranger : List.of(otherFinder, centreAnalyst, platformAdmin, coordinatorViewer)) {
			assertThat(stranger.get("/api/v1/vuln-cases/" + id).status()).isEqualTo(404);
			assertThat(move(stranger, id, "{\"to\":\"CHECKING\"}").status()).isEqualTo(404);
			assertThat(ids(stranger.get("/api/v1/vuln-cases?size=200"))).doesNotContain(id);
		}
		assertThat(coordinator.get("/api/v1/vuln-cases/" + UUID.randomUUID()).status()).isEqualTo(404);
		// The finder follows the case but cannot move it.
		assertThat(move(finder, id, "{\"to\":\"CHECKING\"}").status()).isEqualTo(403);
		assertThat(status(id)).isEqualTo("RECEIVED");
		// Without the scope nothing opens.
		var readOnly = api(tokens.create(finderAccount.principal(), "ro", EnumSet.of(ApiScope.VULNS_READ), 1).clearToken());
		assertThat(readOnly.post("/api/v1/vuln-cases", report("x")).status()).isEqualTo(403);
	}

	@Test
	void anIdempotentRetryFilesOnce() {
		var key = Map.of("Idempotency-Key", "retry-" + UUID.randomUUID());
		var first = finder.send("POST", "/api/v1/vuln-cases", report("再送テスト"), key);
		var second = finder.send("POST", "/api/v1/vuln-cases", report("再送テスト"), key);
		assertThat(first.status()).isEqualTo(201);
		assertThat(second.status()).isEqualTo(201);
		assertThat(read(second.body()).get("number").asString()).isEqualTo(read(first.body()).get("number").asString());
		assertThat(ids(finder.get("/api/v1/vuln-cases?q="
				+ java.net.URLEncoder.encode("再送テスト", java.nio.charset.StandardCharsets.UTF_8)))).hasSize(1);
		var reused = finder.send("POST", "/api/v1/vuln-cases", report("別の内容"), key);
		assertThat(reused.status()).isEqualTo(422);
	}

	@Test
	void hostileInputIsRefusedFieldByFieldWithNothingStored() {
		var before = count();
		var cases = Map.ofEntries(
				Map.entry("{\"title\":\"x\",\"description\":\"y\"}", "kind"),
				Map.entry("{\"kind\":\"PRODUCT\",\"title\":\"x\",\"description\":\"y\",\"productName\":\"p\"}", "vendorName"),
				Map.entry("{\"kind\":\"PRODUCT\",\"title\":\"x\",\"description\":\"y\",\"vendorName\":\"v\"}", "productName"),
				Map.entry("{\"kind\":\"WEBSITE\",\"title\":\"x\",\"description\":\"y\"}", "siteUrl"),
				Map.entry("{\"kind\":\"WEBSITE\",\"title\":\"x\",\"description\":\"y\",\"siteUrl\":\"javascript:alert(1)\"}", "siteUrl"),
				Map.entry("{\"kind\":\"WEBSITE\",\"title\":\"\",\"description\":\"y\",\"siteUrl\":\"https://a.example\"}", "title"),
				Map.entry("{\"kind\":\"WEBSITE\",\"title\":\"x\",\"description\":\" \",\"siteUrl\":\"https://a.example\"}", "description"),
				Map.entry("{\"kind\":\"WEBSITE\",\"title\":\"" + "長".repeat(201) + "\",\"description\":\"y\",\"siteUrl\":\"https://a.example\"}", "title"),
				Map.entry("{\"kind\":\"WEBSITE\",\"title\":\"x\",\"description\":\"y\",\"siteUrl\":\"https://a.example\",\"suggestedCvss\":\"" + "A".repeat(201) + "\"}", "suggestedCvss"),
				Map.entry("{\"kind\":\"WEBSITE\",\"title\":\"x\",\"description\":\"y\",\"siteUrl\":\"https://a.example\",\"suggestedCvss\":\"CVSS:3.1/AV:Q/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H\"}", "suggestedCvss"),
				Map.entry("{\"kind\":\"WEBSITE\",\"title\":\"a\\u0000b\",\"description\":\"y\",\"siteUrl\":\"https://a.example\"}", "title"),
				// A line break in a name would reach mail subjects, CSAF product names and the public lists.
				Map.entry("{\"kind\":\"WEBSITE\",\"title\":\"a\\nBcc: x@evil.example\",\"description\":\"y\",\"siteUrl\":\"https://a.example\"}", "title"),
				Map.entry("{\"kind\":\"PRODUCT\",\"title\":\"x\",\"description\":\"y\",\"vendorName\":\"v\",\"productName\":\"p\\r\\nq\"}", "productName"),
				Map.entry("{\"kind\":\"WEBSITE\",\"title\":\"x\",\"description\":\"y\",\"siteUrl\":\"https://a.example\",\"impact\":\"" + "i".repeat(10001) + "\"}", "impact"),
				Map.entry("{\"kind\":\"SATELLITE\",\"title\":\"x\",\"description\":\"y\"}", "kind"),
				Map.entry("{\"kind\":\"WEBSITE\",\"title\":\"x\",\"description\":\"y\",\"siteUrl\":\"https://a.example\",\"status\":\"PUBLISHED\"}", "status"),
				Map.entry("{\"kind\":\"WEBSITE\",\"title\":\"x\",\"description\":\"y\",\"siteUrl\":\"https://a.example\",\"ics\":\"maybe\"}", "ics"));
		cases.forEach((input, field) -> {
			var response = finder.post("/api/v1/vuln-cases", input);
			assertThat(response.status()).as(input).isEqualTo(400);
			assertThat(response.contentType()).as(input).startsWith("application/problem+json");
			assertThat(response.body()).as(input).contains("\"field\":\"" + field + "\"");
		});
		assertThat(finder.post("/api/v1/vuln-cases", "{not json").status()).isEqualTo(400);
		assertThat(count()).isEqualTo(before);

		// Hostile text that is valid is stored as text and comes back as text.
		var xss = "<script>alert('x')</script>'; drop table vuln_case; --";
		var stored = finder.post("/api/v1/vuln-cases", "{\"kind\":\"PRODUCT\",\"vendorName\":\"Foo\",\"productName\":\"Bar\",\"title\":" + quote(xss)
				+ ",\"description\":\"=cmd|' /C calc'!A0\",\"siteUrl\":\"https://a.example/?q=<b>\"}");
		assertThat(stored.status()).isEqualTo(201);
		var id = read(stored.body()).get("id").asString();
		assertThat(read(finder.get("/api/v1/vuln-cases/" + id).body()).get("title").asString()).isEqualTo(xss);

		// Moves: each misplaced or malformed field is named.
		move(coordinator, id, "{\"to\":\"CHECKING\"}");
		move(coordinator, id, "{\"to\":\"ACCEPTED\"}");
		var moves = Map.of(
				"{\"to\":\"VENDOR_CONTACTED\"}", "firstVendorContactOn",
				"{\"to\":\"VENDOR_CONTACTED\",\"firstVendorContactOn\":\"" + today().plusDays(1) + "\"}", "firstVendorContactOn",
				"{\"to\":\"VENDOR_CONTACTED\",\"firstVendorContactOn\":\"" + today().minusYears(1) + "\"}", "firstVendorContactOn",
				"{\"to\":\"VENDOR_CONTACTED\",\"firstVendorContactOn\":\"yesterday\"}", "firstVendorContactOn",
				"{\"to\":\"VENDOR_CONTACTED\",\"firstVendorContactOn\":\"" + today() + "\",\"publicationZone\":\"Asia/Tokyo\"}", "publicationZone",
				"{\"to\":\"VENDOR_CONTACTED\",\"firstVendorContactOn\":\"" + today() + "\",\"outcome\":\"PRIVATE_HANDLING\"}", "outcome",
				"{\"to\":\"VENDOR_CONTACTED\",\"firstVendorContactOn\":\"" + today() + "\",\"reason\":\"a\\u0000b\"}", "reason",
				"{\"to\":\"FLYING\"}", "to",
				"{}", "to");
		moves.forEach((input, field) -> {
			var response = move(coordinator, id, input);
			assertThat(response.status()).as(input).isEqualTo(400);
			assertThat(response.body()).as(input).contains("\"field\":\"" + field + "\"");
		});
		assertThat(status(id)).isEqualTo("ACCEPTED");
		move(coordinator, id, "{\"to\":\"VENDOR_CONTACTED\",\"firstVendorContactOn\":\"" + today() + "\"}");
		var dates = Map.of(
				"{\"to\":\"DATE_AGREED\",\"publicationZone\":\"Asia/Tokyo\"}", "publicationAt",
				"{\"to\":\"DATE_AGREED\",\"publicationAt\":\"2030-01-01T10:00\"}", "publicationZone",
				"{\"to\":\"DATE_AGREED\",\"publicationAt\":\"2030-01-01T10:00\",\"publicationZone\":\"JST\"}", "publicationZone",
				"{\"to\":\"DATE_AGREED\",\"publicationAt\":\"2030-01-01T10:00\",\"publicationZone\":\"+09:00\"}", "publicationZone",
				"{\"to\":\"DATE_AGREED\",\"publicationAt\":\"2030-01-01T10:00\",\"publicationZone\":\"Mars/Olympus\"}", "publicationZone",
				"{\"to\":\"DATE_AGREED\",\"publicationAt\":\"" + today().minusDays(2) + "T10:00\",\"publicationZone\":\"Asia/Tokyo\"}", "publicationAt",
				"{\"to\":\"DATE_AGREED\",\"publicationAt\":\"soon\",\"publicationZone\":\"Asia/Tokyo\"}", "publicationAt");
		dates.forEach((input, field) -> {
			var response = move(coordinator, id, input);
			assertThat(response.status()).as(input).isEqualTo(400);
			assertThat(response.body()).as(input).contains("\"field\":\"" + field + "\"");
		});
		assertThat(status(id)).isEqualTo("VENDOR_CONTACTED");
		assertThat(historySize(id)).isEqualTo(4);
		var berlin = move(coordinator, id, "{\"to\":\"DATE_AGREED\",\"publicationAt\":\"2030-07-01T10:00\",\"publicationZone\":\"Europe/Berlin\"}");
		assertThat(read(berlin.body()).get("publicationAt").asString()).isEqualTo("2030-07-01T08:00:00Z");
	}

	private ApiClient.Response move(ApiClient client, String id, String body) {
		return client.post("/api/v1/vuln-cases/" + id + "/transitions", body);
	}

	private String file(ApiClient client, String title) {
		var filed = client.post("/api/v1/vuln-cases", report(title));
		assertThat(filed.status()).isEqualTo(201);
		return read(filed.body()).get("id").asString();
	}

	private String status(String id) {
		return jdbc.sql("select status from vuln_case where id = :id").param("id", UUID.fromString(id))
			.query(String.class).single();
	}

	private long historySize(String id) {
		return jdbc.sql("select count(*) from vuln_case_transition where case_id = :id").param("id", UUID.fromString(id))
			.query(Long.class).single();
	}

	private long count() {
		return jdbc.sql("select count(*) from vuln_case").query(Long.class).single();
	}

	static LocalDate today() {
		return LocalDate.now(ZoneId.of("Asia/Tokyo"));
	}

	private String report(String title) {
		return "{\"kind\":\"PRODUCT\",\"ics\":true,\"vendorName\":\"Foo 制御機器\",\"productName\":\"FooSCADA\","
				+ "\"versions\":\"3.2 以前\",\"title\":" + quote(title) + ",\"description\":\"ログイン画面で認証を回避できる。\","
				+ "\"reproduction\":\"1. 管理画面を開く\\n2. ...\",\"impact\":\"遠隔から設定を変更される\","
				+ "\"suggestedCvss\":\"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H\",\"consentCredit\":true,"
				+ "\"consentShareWithVendor\":false}";
	}

	private String quote(String text) {
		return json.writeValueAsString(text);
	}

	private List<String> ids(ApiClient.Response response) {
		assertThat(response.status()).isEqualTo(200);
		var out = new java.util.ArrayList<String>();
		read(response.body()).get("items").forEach(item -> out.add(item.get("id").asString()));
		return out;
	}

	private JsonNode read(String body) {
		return json.readTree(body);
	}

	private ApiClient client(UserAccount user) {
		return api(tokens.create(user.principal(), "test", EnumSet.of(ApiScope.VULNS_READ, ApiScope.VULNS_WRITE), 1)
			.clearToken());
	}

	@SuppressWarnings("unused")
	private static String subject(MimeMessage message) throws Exception {
		return message.getSubject();
	}
}
