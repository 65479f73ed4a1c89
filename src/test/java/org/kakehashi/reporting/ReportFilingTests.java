package org.kakehashi.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.Map;
import java.util.UUID;

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
 * Filing and relaying reports over the REST API, against the real database: who sees what at each step,
 * versions and their differences, idempotent retries, attachments, and hostile input that must store nothing.
 */
class ReportFilingTests extends IntegrationTest {

	@Autowired
	Fixtures fixtures;

	@Autowired
	ApiTokens tokens;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	JsonMapper json;

	Organisation power;
	UserAccount reporter;
	ApiClient operator;
	ApiClient operatorViewer;
	ApiClient ministry;
	ApiClient otherMinistry;
	ApiClient otherOperator;
	ApiClient centre;
	ApiClient coordinator;

	/** One awareness time per test, so that versions differ only where a test changes them. */
	final Instant aware = Instant.now().minusSeconds(3600).truncatedTo(ChronoUnit.SECONDS);

	@BeforeEach
	void world() {
		power = fixtures.organisation(OrganisationType.OPERATOR, "ELECTRICITY");
		reporter = fixtures.user(power, Role.REPORTER);
		operator = client(reporter);
		operatorViewer = client(fixtures.user(power, Role.VIEWER));
		ministry = client(fixtures.user(fixtures.organisation(OrganisationType.SECTOR_MINISTRY, "ELECTRICITY", "GAS"), Role.ANALYST));
		otherMinistry = client(fixtures.user(fixtures.organisation(OrganisationType.SECTOR_MINISTRY, "FINANCE"), Role.ANALYST));
		otherOperator = client(fixtures.user(fixtures.organisation(OrganisationType.OPERATOR, "ELECTRICITY"), Role.REPORTER, Role.ORG_ADMIN));
		centre = client(fixtures.user(fixtures.organisation(OrganisationType.NATIONAL_CENTRE), Role.ANALYST));
		coordinator = client(fixtures.user(fixtures.organisation(OrganisationType.COORDINATOR), Role.COORDINATOR));
	}

	@Test
	void draftStaysWithTheOperatorUntilSubmittedThenReachesMinistryAndCentreButNoOtherOperator() {
		var created = operator.post("/api/v1/reports", body("停電の予兆", false, ""));
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		var report = read(created.body());
		var id = report.get("id").asString();
		assertThat(report.get("number").asString()).matches("NM-\\d{4}-\\d{6}");
		assertThat(report.get("status").asString()).isEqualTo("DRAFT");

		assertThat(operatorViewer.get("/api/v1/reports/" + id).status()).isEqualTo(200);
		for (var outsider : new ApiClient[] { ministry, centre, otherMinistry, otherOperator, coordinator }) {
			assertThat(outsider.get("/api/v1/reports/" + id).status()).isEqualTo(404);
		}

		var submitted = operator.post("/api/v1/reports/" + id + "/submissions", body("停電の予兆", false, ""));
		assertThat(submitted.status()).as(submitted.body()).isEqualTo(201);
		assertThat(read(submitted.body()).get("status").asString()).isEqualTo("SUBMITTED");
		assertThat(read(submitted.body()).get("version").asInt()).isEqualTo(1);

		assertThat(ministry.get("/api/v1/reports/" + id).status()).isEqualTo(200);
		assertThat(centre.get("/api/v1/reports/" + id).status()).isEqualTo(200);
		for (var outsider : new ApiClient[] { otherMinistry, otherOperator, coordinator }) {
			assertThat(outsider.get("/api/v1/reports/" + id).status()).isEqualTo(404);
			assertThat(outsider.get("/api/v1/reports/" + id + "/versions").status()).isEqualTo(404);
			assertThat(outsider.post("/api/v1/reports/" + id + "/submissions", body("乗っ取り", false, "")).status())
				.isIn(403, 404);
		}
		// A viewer of the reporting organisation reads but may not write.
		assertThat(operatorViewer.post("/api/v1/reports/" + id + "/submissions", body("x", false, "")).status()).isEqualTo(403);
	}

	@Test
	void updatesAreWholeVersionsWithADiffAndNothingFollowsTheFinalReport() {
		var id = id(operator.post("/api/v1/reports", body("制御系ネットワークの不審通信", true, "")));
		var update = operator.post("/api/v1/reports/" + id + "/submissions",
				body("制御系ネットワークの不審通信（続報）", false, ",\"basedOnVersion\":1"));
		assertThat(update.status()).as(update.body()).isEqualTo(201);
		assertThat(read(update.body()).get("status").asString()).isEqualTo("UPDATED");

		var stale = operator.post("/api/v1/reports/" + id + "/submissions", body("古い版から", false, ",\"basedOnVersion\":1"));
		assertThat(stale.status()).isEqualTo(409);
		assertThat(stale.body()).contains("basedOnVersion");

		var diff = read(centre.get("/api/v1/reports/" + id + "/diff?from=1&to=2").body());
		assertThat(diff.size()).isEqualTo(1);
		assertThat(diff.get(0).get("field").asString()).isEqualTo("title");
		assertThat(diff.get(0).get("after").asString()).isEqualTo("制御系ネットワークの不審通信（続報）");

		var fin = operator.post("/api/v1/reports/" + id + "/submissions", body("最終報", false, ",\"finalReport\":true"));
		assertThat(read(fin.body()).get("status").asString()).isEqualTo("FINAL");
		assertThat(operator.post("/api/v1/reports/" + id + "/submissions", body("その後", false, "")).status()).isEqualTo(409);

		var versions = read(ministry.get("/api/v1/reports/" + id + "/versions").body());
		assertThat(versions.size()).isEqualTo(3);
		assertThat(versions.get(0).get("snapshot").get("content").get("title").asString()).isEqualTo("制御系ネットワークの不審通信");
		assertThat(jdbc.sql("select count(*) from audit_log where target_id = :id and action = 'report.submitted'")
			.param("id", id).query(Long.class).single()).isEqualTo(3);
	}

	@Test
	void aRetriedSubmissionWithTheSameIdempotencyKeyFilesOneReport() {
		var key = Map.of("Idempotency-Key", "retry-" + UUID.randomUUID());
		var first = operator.send("POST", "/api/v1/reports", body("再送テスト", true, ""), key);
		var second = operator.send("POST", "/api/v1/reports", body("再送テスト", true, ""), key);
		assertThat(first.status()).isEqualTo(201);
		assertThat(second.status()).isEqualTo(201);
		assertThat(id(second)).isEqualTo(id(first));
		assertThat(reportsOf(power)).isEqualTo(1);
	}

	@Test
	void malformedObservablesAndBadFieldsAreNamedAndNothingIsStored() {
		var bad = """
				{"kind":"INCIDENT","title":"t","descriptionJa":"d","sectors":["ELECTRICITY"],"eventTypes":["MALWARE"],
				 "severityContinuity":1,"severitySafety":5,"awareAt":"%s","submit":true,
				 "observables":[{"type":"IPV4","value":"192.0.2.1"},{"type":"IPV4","value":"999.1.1.1"},
				                {"type":"SHA256","value":"abc"}]}
				""".formatted(Instant.now().minusSeconds(60));
		var response = operator.post("/api/v1/reports", bad);
		assertThat(response.status()).isEqualTo(400);
		assertThat(response.contentType()).startsWith("application/problem+json");
		assertThat(response.body()).contains("observables[1].value").contains("observables[2].value")
			.contains("severitySafety").doesNotContain("observables[0]");
		assertThat(operator.post("/api/v1/reports", "{\"kind\":\"INCIDENT\",\"colour\":\"red\"}").body()).contains("colour");
		assertThat(operator.post("/api/v1/reports", "{\"kind\":\"EARTHQUAKE\"}").status()).isEqualTo(400);
		var otherSector = operator.post("/api/v1/reports", body("他分野", true, "").replace("\"ELECTRICITY\"", "\"FINANCE\""));
		assertThat(otherSector.status()).isEqualTo(400);
		assertThat(otherSector.body()).contains("sectors");
		var future = operator.post("/api/v1/reports", body("未来", true, "").replaceFirst("\"awareAt\":\"[^\"]+\"",
				"\"awareAt\":\"" + Instant.now().plus(1, ChronoUnit.DAYS) + "\""));
		assertThat(future.body()).contains("awareAt");
		assertThat(reportsOf(power)).isZero();
		assertThat(jdbc.sql("select count(*) from report_number").query(Long.class).single()).isNotNegative();
	}

	@Test
	void ministryForwardsWithANoteTheReporterDoesNotSee() {
		var id = id(operator.post("/api/v1/reports", body("送電設備の障害", true, "")));
		assertThat(otherMinistry.post("/api/v1/reports/" + id + "/forward", "{\"note\":\"x\"}").status()).isEqualTo(404);
		var forwarded = ministry.post("/api/v1/reports/" + id + "/forward", "{\"note\":\"所管省庁として重要と判断\"}");
		assertThat(forwarded.status()).as(forwarded.body()).isEqualTo(200);
		assertThat(read(centre.get("/api/v1/reports/" + id).body()).get("relay").get("ministryNote").asString())
			.isEqualTo("所管省庁として重要と判断");
		var own = read(operator.get("/api/v1/reports/" + id).body()).get("relay");
		assertThat(own.get("forwardedAt")).isNotNull();
		assertThat(own.has("ministryNote")).isFalse();
	}

	@Test
	void attachmentsAreHashedDownloadedOnlyByReadersAndOversizeFilesRefused() throws Exception {
		var id = id(operator.post("/api/v1/reports", body("マルウェア検体", true, "")));
		var content = "<script>alert(1)</script>".getBytes();
		var uploaded = operator.upload("/api/v1/reports/" + id + "/attachments", "../../evil.html", content);
		assertThat(uploaded.status()).as(uploaded.body()).isEqualTo(201);
		var attachment = read(uploaded.body());
		assertThat(attachment.get("fileName").asString()).isEqualTo("evil.html");
		assertThat(attachment.get("sha256").asString())
			.isEqualTo(java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(content)));
		assertThat(attachment.get("contentType").asString()).isEqualTo("application/octet-stream");
		var href = attachment.get("href").asString();

		var download = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
				java.net.URI.create("http://localhost:" + port + href)).header("Authorization", "Bearer " + ministryToken).build(),
				java.net.http.HttpResponse.BodyHandlers.ofByteArray());
		assertThat(download.statusCode()).isEqualTo(200);
		assertThat(download.body()).isEqualTo(content);
		assertThat(download.headers().firstValue("Content-Disposition").orElseThrow()).startsWith("attachment");
		assertThat(download.headers().firstValue("X-Content-Type-Options").orElseThrow()).isEqualTo("nosniff");
		for (var outsider : new ApiClient[] { otherOperator, otherMinistry, coordinator }) {
			assertThat(outsider.get(href).status()).isEqualTo(404);
			assertThat(outsider.upload("/api/v1/reports/" + id + "/attachments", "x.txt", content).status()).isIn(403, 404);
		}

		var tooLarge = operator.upload("/api/v1/reports/" + id + "/attachments", "big.bin", new byte[256 * 1024 + 1]);
		assertThat(tooLarge.status()).isEqualTo(413);
		assertThat(tooLarge.body()).contains("file");
		assertThat(jdbc.sql("select count(*) from report_attachment where report_id = :id::uuid").param("id", id)
			.query(Long.class).single()).isEqualTo(1);
	}

	String ministryToken;

	private ApiClient client(UserAccount user) {
		var token = tokens.create(user.principal(), "test", EnumSet.of(ApiScope.REPORTS_READ, ApiScope.REPORTS_WRITE)
			.stream().filter(s -> s.allowedFor(user.roles())).collect(java.util.stream.Collectors.toCollection(
					() -> EnumSet.noneOf(ApiScope.class))), 1).clearToken();
		if (user.organisationType() == OrganisationType.SECTOR_MINISTRY && ministryToken == null) {
			ministryToken = token;
		}
		return api(token);
	}

	private String body(String title, boolean submit, String extra) {
		return """
				{"kind":"NEAR_MISS","title":"%s","descriptionJa":"変電所の監視端末で不審なログイン試行を検知","sectors":["ELECTRICITY"],
				 "eventTypes":["INTRUSION","OTHER"],"causes":["INTENTIONAL"],"severityContinuity":1,"severitySafety":0,
				 "awareAt":"%s","observables":[{"type":"IPV4","value":"203.0.113.7"},{"type":"DOMAIN","value":"Evil.Example.COM"}],
				 "submit":%s%s}
				""".formatted(title, aware, submit, extra);
	}

	private JsonNode read(String body) {
		return json.readTree(body);
	}

	private String id(ApiClient.Response response) {
		assertThat(response.status()).as(response.body()).isEqualTo(201);
		return read(response.body()).get("id").asString();
	}

	private long reportsOf(Organisation organisation) {
		return jdbc.sql("select count(*) from report where organisation_id = :org").param("org", organisation.id())
			.query(Long.class).single();
	}
}
