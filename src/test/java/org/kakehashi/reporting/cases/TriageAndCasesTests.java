package org.kakehashi.reporting.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.kakehashi.identity.ApiScope;
import org.kakehashi.identity.OrganisationType;
import org.kakehashi.identity.Role;
import org.kakehashi.identity.internal.ApiTokens;
import org.kakehashi.identity.internal.Organisation;
import org.kakehashi.identity.internal.UserAccount;
import org.kakehashi.platform.KakehashiProperties;
import org.kakehashi.reporting.ReportKind;
import org.kakehashi.reporting.internal.Report;
import org.kakehashi.reporting.internal.ReportFiling;
import org.kakehashi.support.ApiClient;
import org.kakehashi.support.Fixtures;
import org.kakehashi.support.IntegrationTest;
import org.kakehashi.support.ReportFixtures;
import org.kakehashi.support.WebClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Triage by the national centre and coordination cases over real HTTP and the real database: what the centre
 * does to a report, how a coordinator organisation gets to see it, and that nobody else sees a case at all.
 */
class TriageAndCasesTests extends IntegrationTest {

	@Autowired Fixtures fixtures;
	@Autowired ReportFixtures reports;
	@Autowired ReportFiling filing;
	@Autowired ApiTokens tokens;
	@Autowired JdbcClient jdbc;
	@Autowired JsonMapper json;
	@Autowired KakehashiProperties properties;

	/** One sector's operator, its ministry, the centre, a coordinator organisation, and outsiders. */
	class World {
		final Organisation operator = fixtures.organisation(OrganisationType.OPERATOR, "ELECTRICITY");
		final UserAccount reporter = fixtures.user(operator, Role.REPORTER);
		final Organisation centre = fixtures.organisation(OrganisationType.NATIONAL_CENTRE);
		final UserAccount analyst = fixtures.user(centre, Role.ANALYST);
		final UserAccount colleague = fixtures.user(centre, Role.COORDINATOR);
		final Organisation coordinatorOrg = fixtures.organisation(OrganisationType.COORDINATOR);
		final UserAccount handler = fixtures.user(coordinatorOrg, Role.COORDINATOR);
		final UserAccount otherOperatorUser = fixtures.user(fixtures.organisation(OrganisationType.OPERATOR, "ELECTRICITY"),
				Role.REPORTER, Role.VIEWER);
		final UserAccount otherMinistryUser = fixtures.user(fixtures.organisation(OrganisationType.SECTOR_MINISTRY, "FINANCE"),
				Role.ANALYST, Role.COORDINATOR);

		Report report(String title) {
			return reports.submitted(reporter, ReportKind.INCIDENT, title, Instant.now().minusSeconds(3600));
		}
	}

	String tokenFor(UserAccount user) {
		return tokens.create(user.principal(), "test", EnumSet.of(ApiScope.REPORTS_READ, ApiScope.REPORTS_WRITE), 1).clearToken();
	}

	ApiClient apiFor(UserAccount user) {
		return api(tokenFor(user));
	}

	/** A POST with an Idempotency-Key, which ApiClient does not send. */
	ApiClient.Response postOnce(String token, String path, String body, String key) throws Exception {
		var response = java.net.http.HttpClient.newHttpClient().send(HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + port + path))
			.header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
			.header("Accept", "application/json").header("Idempotency-Key", key)
			.POST(HttpRequest.BodyPublishers.ofString(body)).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
		return new ApiClient.Response(response.statusCode(), response.body(),
				response.headers().firstValue("Content-Type").orElse(""));
	}

	WebClient signedIn(UserAccount user) {
		var client = browser();
		var signIn = fixtures.signInWithSecondFactor(client, user);
		assertThat(signIn.status()).isEqualTo(302);
		assertThat(signIn.location()).doesNotContain("login");
		return client;
	}

	JsonNode body(ApiClient.Response response) {
		return json.readTree(response.body());
	}

	@Test
	void theCentreTriagesAReceivedReport() {
		var w = new World();
		var report = w.report("ランサムウェア感染 " + Fixtures.unique("r"));
		var original = w.report("先に届いた同じ事案 " + Fixtures.unique("o"));
		var related = w.report("関連する不審通信 " + Fixtures.unique("l"));
		var web = signedIn(w.analyst);

		var queue = apiFor(w.analyst).get("/api/v1/triage?filter=NEW&size=200");
		assertThat(queue.status()).isEqualTo(200);
		assertThat(queue.body()).contains(report.number());

		var base = "/reports/" + report.id() + "/triage";
		web.get(base);
		assertThat(web.post(base + "/assign", Map.of("assigneeId", w.analyst.id().toString())).location())
			.endsWith("/reports/" + report.id() + "#triage");
		web.post(base + "/status", Map.of("status", "IN_PROGRESS"));
		web.post(base + "/severity", Map.of("centreSeverity", "3", "severityReason", "横展開の痕跡"));
		web.post(base + "/techniques", Map.of("techniques", "t1566.001, TA0001 T1486"));
		web.post(base + "/link", Map.of("reportId", related.number(), "note", "同じ C2"));
		web.post(base + "/note", Map.of("body", "<script>alert(1)</script> 初動確認"));

		var panel = web.get(base);
		assertThat(panel.status()).isEqualTo(200);
		assertThat(panel.body()).contains("T1566.001", "TA0001", "T1486", related.number(), "横展開の痕跡")
			.contains("&lt;script&gt;alert(1)&lt;/script&gt;").doesNotContain("<script>alert(1)");
		var state = body(apiFor(w.analyst).get("/api/v1/reports/" + report.id() + "/triage"));
		assertThat(state.get("status").stringValue()).isEqualTo("IN_PROGRESS");
		assertThat(state.get("assigneeId").stringValue()).isEqualTo(w.analyst.id().toString());
		assertThat(state.get("reporterSeverity").intValue()).isEqualTo(2);
		assertThat(state.get("centreSeverity").intValue()).isEqualTo(3);
		assertThat(state.get("links").get(0).get("number").stringValue()).isEqualTo(related.number());
		// Links are symmetric.
		assertThat(apiFor(w.analyst).get("/api/v1/reports/" + related.id() + "/triage").body()).contains(report.number());
		assertThat(web.get("/triage?filter=MINE").body()).contains(report.number());

		// Marking a duplicate closes the triage; the original is named by number.
		var dup = apiFor(w.colleague).send("PATCH", "/api/v1/reports/" + report.id() + "/triage",
				"{\"duplicateOf\":\"" + original.number() + "\"}");
		assertThat(dup.status()).isEqualTo(200);
		assertThat(body(dup).get("status").stringValue()).isEqualTo("CLOSED");
		assertThat(body(dup).get("duplicateOfNumber").stringValue()).isEqualTo(original.number());
		assertThat(apiFor(w.analyst).get("/api/v1/triage?filter=OPEN&size=200").body()).doesNotContain(report.number());

		// The reporter's own report is untouched: triage lives beside it.
		var seenByReporter = filing.find(reports.viewer(w.reporter), report.id()).orElseThrow();
		assertThat(seenByReporter.content().severity()).isEqualTo(2);

		// Everything was audited, by field, without the note's text.
		var audited = jdbc.sql("select action, details from audit_log where target_id = :id order by seq")
			.param("id", report.id().toString()).query((rs, n) -> rs.getString(1) + " " + rs.getString(2)).list();
		assertThat(audited).anyMatch(a -> a.startsWith("triage.updated") && a.contains("T1486"))
			.anyMatch(a -> a.startsWith("triage.linked")).anyMatch(a -> a.startsWith("triage.note-added"))
			.noneMatch(a -> a.contains("初動確認"));
	}

	@Test
	void triageRefusesBadInputNamingTheFieldAndLeaksNothing() {
		var w = new World();
		var report = w.report("不正アクセス " + Fixtures.unique("r"));
		var draft = filing.createDraft(reports.viewer(w.reporter),
				reports.content(w.reporter, ReportKind.INCIDENT, "下書き", Instant.now()));
		var centre = apiFor(w.analyst);
		var path = "/api/v1/reports/" + report.id() + "/triage";

		assertProblem(centre.send("PATCH", path, "{\"techniques\":[\"T1566\",\"T15\"]}"), 400, "techniques[1]");
		assertProblem(centre.send("PATCH", path, "{\"assigneeId\":\"" + w.handler.id() + "\"}"), 400, "assigneeId");
		assertProblem(centre.send("PATCH", path, "{\"assigneeId\":\"" + UUID.randomUUID() + "\"}"), 400, "assigneeId");
		assertProblem(centre.send("PATCH", path, "{\"duplicateOf\":\"" + report.id() + "\"}"), 400, "duplicateOf");
		assertProblem(centre.send("PATCH", path, "{\"centreSeverity\":7,\"severityReason\":\"x\"}"), 400, "centreSeverity");
		assertProblem(centre.send("PATCH", path, "{\"centreSeverity\":3}"), 400, "severityReason");
		assertProblem(centre.send("PATCH", path, "{\"status\":\"IN_PROGRESS\"}"), 409, "status");
		assertProblem(centre.send("PATCH", path, "{\"priority\":1}"), 400, "priority");
		// A draft the centre cannot see and a report that does not exist answer alike.
		var hidden = centre.send("PATCH", path, "{\"duplicateOf\":\"" + draft.id() + "\"}");
		var missing = centre.send("PATCH", path, "{\"duplicateOf\":\"" + UUID.randomUUID() + "\"}");
		assertProblem(hidden, 400, "duplicateOf");
		assertThat(hidden.body()).isEqualTo(missing.body());
		assertThat(centre.get("/api/v1/reports/" + draft.id() + "/triage").status()).isEqualTo(404);
		// A failed PATCH changes nothing, not even the parts that were valid.
		assertProblem(centre.send("PATCH", path, "{\"assigneeId\":\"" + w.analyst.id() + "\",\"techniques\":[\"bad\"]}"), 400,
				"techniques[0]");
		assertThat(jdbc.sql("select count(*) from report_triage where report_id = :id").param("id", report.id())
			.query(Long.class).single()).isZero();

		// The web form goes back to the report (whose page shows the flashed rule in the panel), having stored nothing.
		var web = signedIn(w.analyst);
		web.get("/reports/" + report.id() + "/triage");
		var refused = web.post("/reports/" + report.id() + "/triage/techniques", Map.of("techniques", "T1566, nonsense"));
		assertThat(refused.status()).isEqualTo(302);
		assertThat(refused.location()).endsWith("/reports/" + report.id() + "#triage");
		assertThat(jdbc.sql("select count(*) from report_triage where report_id = :id").param("id", report.id())
			.query(Long.class).single()).isZero();
		var scripted = web.send(HttpRequest.newBuilder(web.uri("/reports/" + report.id() + "/triage/techniques"))
			.header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("techniques=T1566%2C+nonsense&_csrf=" + web.csrf())));
		assertThat(scripted.status()).isEqualTo(400);
		assertThat(scripted.body()).contains("\"field\":\"techniques[1]\"");

		// Only centre staff triage: the operator's own report is forbidden, the ministry of another sector sees nothing.
		assertThat(apiFor(w.reporter).get(path).status()).isEqualTo(403);
		var ministry = apiFor(w.otherMinistryUser);
		assertThat(ministry.get(path).status()).isEqualTo(404);
		assertThat(ministry.send("PATCH", path, "{\"techniques\":[\"T1566\"]}").status()).isEqualTo(404);
		assertThat(ministry.get("/api/v1/triage").status()).isEqualTo(403);
	}

	@Test
	void overdueIsReceivedOverADayAgoAndStillNobodys() {
		var w = new World();
		var old = w.report("古い報告 " + Fixtures.unique("r"));
		var fresh = w.report("新しい報告 " + Fixtures.unique("r"));
		jdbc.sql("update report set submitted_at = now() - interval '25 hours' where id = :id").param("id", old.id()).update();
		var overdue = apiFor(w.analyst).get("/api/v1/triage?filter=OVERDUE&size=200");
		assertThat(overdue.body()).contains(old.number()).doesNotContain(fresh.number());
		var web = signedIn(w.analyst);
		assertThat(web.get("/triage?filter=OVERDUE").body()).contains(old.number());
		assertThat(web.get("/").body()).contains("card-triage-overdue");
		apiFor(w.analyst).send("PATCH", "/api/v1/reports/" + old.id() + "/triage", "{\"assigneeId\":\"" + w.analyst.id() + "\"}");
		assertThat(apiFor(w.analyst).get("/api/v1/triage?filter=OVERDUE&size=200").body()).doesNotContain(old.number());
	}

	@Test
	void aCoordinatorSeesReportAndCaseOnlyOnceAskedToHelp() throws Exception {
		var w = new World();
		var report = w.report("海外 C2 への通信 " + Fixtures.unique("r"));
		var handlerToken = tokenFor(w.handler);
		var coordinator = api(handlerToken);
		var coordinatorViewer = reports.viewer(w.handler);

		// No grant: the report and anything on it are invisible.
		assertThat(filing.find(coordinatorViewer, report.id())).isEmpty();
		assertProblem(coordinator.post("/api/v1/cases", "{\"reportId\":\"" + report.id() + "\",\"title\":\"x\"}"), 404, null);
		var opened = apiFor(w.analyst).post("/api/v1/cases", "{\"reportId\":\"" + report.id() + "\",\"title\":\"C2 調整\"}");
		assertThat(opened.status()).isEqualTo(201);
		var caseId = body(opened).get("id").stringValue();
		assertThat(body(opened).get("number").stringValue()).matches("CASE-\\d{4}-\\d{4}");
		assertThat(coordinator.get("/api/v1/cases/" + caseId).status()).isEqualTo(404);
		assertThat(coordinator.get("/api/v1/cases").body()).doesNotContain(caseId);
		var handlerWeb = signedIn(w.handler);
		assertThat(handlerWeb.get("/cases/" + caseId).status()).isEqualTo(404);

		// The centre asks the coordinator organisation for help.
		var centreWeb = signedIn(w.analyst);
		centreWeb.get("/reports/" + report.id() + "/triage");
		var asked = centreWeb.post("/reports/" + report.id() + "/triage/coordination",
				Map.of("organisationId", w.coordinatorOrg.id().toString()));
		assertThat(asked.status()).isEqualTo(302);
		assertThat(jdbc.sql("select reason from report_access where report_id = :r and organisation_id = :o")
			.param("r", report.id()).param("o", w.coordinatorOrg.id()).query(String.class).single()).isEqualTo("case");

		assertThat(filing.find(coordinatorViewer, report.id())).isPresent();
		assertThat(MAIL.waitForIncomingEmail(10_000, 1)).isTrue();
		var notified = java.util.Arrays.stream(MAIL.getReceivedMessages()).filter(m -> {
			try {
				return m.getAllRecipients()[0].toString().equals(w.handler.email());
			} catch (jakarta.mail.MessagingException e) {
				throw new IllegalStateException(e);
			}
		}).toList();
		assertThat(notified).hasSize(1);
		assertThat(notified.get(0).getSubject()).contains(report.number()).doesNotContain("C2");
		var seen = coordinator.get("/api/v1/cases/" + caseId);
		assertThat(seen.status()).isEqualTo(200);
		assertThat(body(seen).get("access").stringValue()).isEqualTo("FULL");
		assertThat(handlerWeb.get("/cases").body()).contains(report.number());

		// The coordinator adds a task (idempotently), a contact at a foreign CSIRT, a log entry and evidence.
		var task = "{\"title\":\"<img src=x onerror=alert(1)> 海外 CERT へ連絡\",\"ownerId\":\"" + w.handler.id()
				+ "\",\"dueOn\":\"2026-12-01\"}";
		var first = postOnce(handlerToken, "/api/v1/cases/" + caseId + "/tasks", task, "task-1");
		var retry = postOnce(handlerToken, "/api/v1/cases/" + caseId + "/tasks", task, "task-1");
		assertThat(first.status()).isEqualTo(201);
		assertThat(body(retry).get("id").stringValue()).isEqualTo(body(first).get("id").stringValue());
		assertThat(jdbc.sql("select count(*) from case_task where case_id = :c").param("c", UUID.fromString(caseId))
			.query(Long.class).single()).isEqualTo(1);
		var taskId = body(first).get("id").stringValue();
		var done = coordinator.send("PATCH", "/api/v1/cases/" + caseId + "/tasks/" + taskId, "{\"done\":true}");
		assertThat(body(done).get("done").booleanValue()).isTrue();
		assertThat(coordinator.post("/api/v1/cases/" + caseId + "/contacts",
				"{\"name\":\"Incident desk\",\"organisation\":\"CERT-EU\",\"country\":\"be\",\"channel\":\"ENCRYPTED_EMAIL\","
						+ "\"address\":\"cert@example.eu\",\"foreignCsirt\":true}").status()).isEqualTo(201);
		assertThat(coordinator.post("/api/v1/cases/" + caseId + "/log", "{\"body\":\"CERT-EU に IoC を共有\"}").status())
			.isEqualTo(201);

		var content = "suspicious pcap bytes".getBytes(StandardCharsets.UTF_8);
		var upload = upload(handlerWeb, "/cases/" + caseId + "/evidence", "../../etc/capture<1>.pcap", content, "text/html");
		assertThat(upload.status()).isEqualTo(302);
		assertThat(upload.location()).endsWith("/cases/" + caseId);
		var evidence = body(coordinator.get("/api/v1/cases/" + caseId)).get("evidence").get(0);
		assertThat(evidence.get("sha256").stringValue()).isEqualTo(sha256(content));
		assertThat(evidence.get("fileName").stringValue()).isEqualTo("capture1.pcap");
		var evidenceId = evidence.get("id").stringValue();
		var download = handlerWeb.get("/cases/" + caseId + "/evidence/" + evidenceId);
		assertThat(download.status()).isEqualTo(200);
		assertThat(download.body()).isEqualTo("suspicious pcap bytes");
		assertThat(download.headers().get("content-disposition")).startsWith("attachment");
		assertThat(download.headers().get("x-content-type-options")).isEqualTo("nosniff");
		assertThat(download.headers().get("content-type")).startsWith("application/octet-stream");
		assertThat(Files.list(properties.dataDir().resolve("evidence")).flatMap(TriageAndCasesTests::children)
			.anyMatch(p -> p.getFileName().toString().equals(evidenceId))).isTrue();

		// Every label exists in both languages.
		for (var language : List.of("ja", "en")) {
			handlerWeb.language(language);
			for (var pagePath : List.of("/cases", "/cases/" + caseId, "/")) {
				assertThat(handlerWeb.get(pagePath).body()).as(language + " " + pagePath).doesNotContain("??");
			}
			centreWeb.language(language);
			for (var pagePath : List.of("/triage", "/triage?filter=OVERDUE", "/reports/" + report.id() + "/triage", "/")) {
				assertThat(centreWeb.get(pagePath).body()).as(language + " " + pagePath).doesNotContain("??");
			}
		}
		assertThat(handlerWeb.language("ja").get("/cases/" + caseId).body()).contains("証跡ファイル");
		handlerWeb.language("en");

		// The case page renders the hostile task title inert.
		var page = handlerWeb.get("/cases/" + caseId);
		assertThat(page.body()).contains("&lt;img src=x onerror=alert(1)&gt;").doesNotContain("<img src=x")
			.contains("CERT-EU").contains(sha256(content));

		// The reporting organisation learns that the case exists and how it ended, nothing of the work.
		var operatorApi = apiFor(w.reporter);
		var summary = body(operatorApi.get("/api/v1/cases/" + caseId));
		assertThat(summary.get("access").stringValue()).isEqualTo("SUMMARY");
		assertThat(summary.has("tasks")).isFalse();
		assertThat(summary.has("title")).isFalse();
		assertThat(operatorApi.get("/api/v1/cases/" + caseId + "/evidence/" + evidenceId).status()).isEqualTo(404);
		assertProblem(coordinator.post("/api/v1/cases/" + caseId + "/close", "{\"closureSummary\":\" \"}"), 400, "closureSummary");
		assertThat(coordinator.post("/api/v1/cases/" + caseId + "/close", "{\"closureSummary\":\"封じ込め完了、再発なし\"}")
			.status()).isEqualTo(200);
		var closed = body(operatorApi.get("/api/v1/cases/" + caseId));
		assertThat(closed.get("status").stringValue()).isEqualTo("CLOSED");
		assertThat(closed.get("closureSummary").stringValue()).isEqualTo("封じ込め完了、再発なし");
		assertProblem(coordinator.post("/api/v1/cases/" + caseId + "/log", "{\"body\":\"late\"}"), 409, "status");
		var reporterWeb = browser();
		Fixtures.signIn(reporterWeb, w.reporter.email());
		assertThat(reporterWeb.get("/cases/" + caseId).body()).contains("封じ込め完了、再発なし").doesNotContain("CERT-EU");
	}

	@Test
	void outsidersGet404OnEveryCaseEndpoint() {
		var w = new World();
		var report = w.report("外部には見えない " + Fixtures.unique("r"));
		var centre = apiFor(w.analyst);
		var caseId = body(centre.post("/api/v1/cases", "{\"reportId\":\"" + report.id() + "\",\"title\":\"内部\"}"))
			.get("id").stringValue();
		var taskId = body(centre.post("/api/v1/cases/" + caseId + "/tasks", "{\"title\":\"t\"}")).get("id").stringValue();
		var centreWeb = signedIn(w.analyst);
		centreWeb.get("/cases/" + caseId);
		upload(centreWeb, "/cases/" + caseId + "/evidence", "a.txt", "evidence".getBytes(StandardCharsets.UTF_8), null);
		var evidenceId = body(centre.get("/api/v1/cases/" + caseId)).get("evidence").get(0).get("id").stringValue();

		var ministryApi = apiFor(w.otherMinistryUser);
		var operatorApi = apiFor(w.otherOperatorUser);
		for (var api : List.of(ministryApi, operatorApi)) {
			assertThat(api.get("/api/v1/cases/" + caseId).status()).isEqualTo(404);
			assertThat(api.get("/api/v1/cases/" + caseId + "/evidence/" + evidenceId).status()).isEqualTo(404);
			assertThat(api.get("/api/v1/cases").body()).doesNotContain(caseId);
		}
		// Writes: the ministry analyst passes the role check and still finds nothing; the operator's reporter is
		// refused by role before any lookup.
		var writes = Map.of("/api/v1/cases/" + caseId + "/tasks", "{\"title\":\"t\"}",
				"/api/v1/cases/" + caseId + "/contacts", "{\"name\":\"n\",\"channel\":\"EMAIL\"}",
				"/api/v1/cases/" + caseId + "/log", "{\"body\":\"b\"}",
				"/api/v1/cases/" + caseId + "/close", "{\"closureSummary\":\"s\"}",
				"/api/v1/cases/" + caseId + "/reports", "{\"reportId\":\"" + report.id() + "\"}",
				"/api/v1/cases", "{\"reportId\":\"" + report.id() + "\",\"title\":\"t\"}");
		writes.forEach((path, body) -> {
			assertThat(ministryApi.post(path, body).status()).as(path).isEqualTo(404);
			assertThat(operatorApi.post(path, body).status()).as(path).isEqualTo(403);
		});
		assertThat(ministryApi.send("PATCH", "/api/v1/cases/" + caseId + "/tasks/" + taskId, "{\"done\":true}").status())
			.isEqualTo(404);

		var ministryWeb = signedIn(w.otherMinistryUser);
		var operatorWeb = browser();
		Fixtures.signIn(operatorWeb, w.otherOperatorUser.email());
		for (var web : List.of(ministryWeb, operatorWeb)) {
			web.get("/cases");
			assertThat(web.get("/cases/" + caseId).status()).isEqualTo(404);
			assertThat(web.get("/cases/" + caseId + "/evidence/" + evidenceId).status()).isEqualTo(404);
			for (var action : List.of("/tasks", "/contacts", "/log", "/close", "/reopen", "/reports", "/tasks/" + taskId + "/done")) {
				assertThat(web.post("/cases/" + caseId + action, Map.of("title", "t", "body", "b", "name", "n",
						"channel", "EMAIL", "closureSummary", "s", "reportId", report.number())).status()).as(action).isEqualTo(404);
			}
			assertThat(upload(web, "/cases/" + caseId + "/evidence", "x.txt", new byte[] { 1 }, null).status()).isEqualTo(404);
			assertThat(web.post("/reports/" + report.id() + "/cases", Map.of("title", "t")).status()).isEqualTo(404);
			assertThat(web.get("/cases").body()).doesNotContain(caseId);
		}
		assertThat(jdbc.sql("select count(*) from case_task where case_id = :c").param("c", UUID.fromString(caseId))
			.query(Long.class).single()).isEqualTo(1);
	}

	@Test
	void oversizeEvidenceIs413AndNothingIsStored() throws Exception {
		var w = new World();
		var report = w.report("大きな証跡 " + Fixtures.unique("r"));
		var centre = apiFor(w.analyst);
		var caseId = body(centre.post("/api/v1/cases", "{\"reportId\":\"" + report.id() + "\",\"title\":\"big\"}"))
			.get("id").stringValue();
		var web = signedIn(w.analyst);
		web.get("/cases/" + caseId);
		var before = evidenceFiles();
		var tooBig = new byte[(int) properties.reporting().maxAttachmentSize().toBytes() + 1];

		var scripted = upload(web, "/cases/" + caseId + "/evidence", "dump.bin", tooBig, "application/problem+json");
		assertThat(scripted.status()).isEqualTo(413);
		assertThat(scripted.headers().get("content-type")).startsWith("application/problem+json");
		assertThat(json.readTree(scripted.body()).get("errors").get(0).get("field").stringValue()).isEqualTo("file");

		var fromTheForm = upload(web, "/cases/" + caseId + "/evidence", "dump.bin", tooBig, "text/html");
		assertThat(fromTheForm.status()).isEqualTo(302);
		assertThat(web.get("/cases/" + caseId).body()).contains("id=\"case-error\"");

		assertThat(jdbc.sql("select count(*) from case_evidence where case_id = :c").param("c", UUID.fromString(caseId))
			.query(Long.class).single()).isZero();
		assertThat(evidenceFiles()).isEqualTo(before);
	}

	private long evidenceFiles() throws Exception {
		var root = properties.dataDir().resolve("evidence");
		if (!Files.exists(root)) {
			return 0;
		}
		try (var files = Files.walk(root)) {
			return files.filter(Files::isRegularFile).count();
		}
	}

	private static java.util.stream.Stream<Path> children(Path dir) {
		try {
			return Files.isDirectory(dir) ? Files.list(dir).toList().stream() : java.util.stream.Stream.of(dir);
		} catch (java.io.IOException e) {
			throw new java.io.UncheckedIOException(e);
		}
	}

	private static void assertProblem(ApiClient.Response response, int status, String field) {
		assertThat(response.status()).as(response.body()).isEqualTo(status);
		assertThat(response.contentType()).startsWith("application/problem+json");
		if (field != null) {
			assertThat(response.body()).contains("\"field\":\"" + field + "\"");
		}
	}

	/** A multipart form post as a browser sends it, with the page's CSRF token. */
	private static WebClient.Response upload(WebClient web, String path, String fileName, byte[] content, String accept) {
		var boundary = "----kakehashi" + UUID.randomUUID();
		var body = new ByteArrayOutputStream();
		var head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n" + web.csrf() + "\r\n"
				+ "--" + boundary + "\r\nContent-Disposition: form-data; name=\"description\"\r\n\r\nキャプチャ\r\n"
				+ "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName + "\"\r\n"
				+ "Content-Type: text/html\r\n\r\n";
		body.writeBytes(head.getBytes(StandardCharsets.UTF_8));
		body.writeBytes(content);
		body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
		var request = HttpRequest.newBuilder(web.uri(path))
			.header("Content-Type", "multipart/form-data; boundary=" + boundary)
			.timeout(Duration.ofMinutes(2))
			.POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()));
		if (accept != null) {
			request.header("Accept", accept);
		}
		return web.send(request);
	}

	private static String sha256(byte[] content) throws Exception {
		return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(content));
	}
}
