package org.kakehashi.warnings.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;
import org.kakehashi.identity.ApiScope;
import org.kakehashi.identity.OrganisationType;
import org.kakehashi.identity.Role;
import org.kakehashi.identity.internal.ApiTokens;
import org.kakehashi.identity.internal.Groups;
import org.kakehashi.identity.internal.UserAccount;
import org.kakehashi.identity.internal.Users;
import org.kakehashi.platform.CellText;
import org.kakehashi.support.Fixtures;
import org.kakehashi.support.IntegrationTest;
import org.kakehashi.support.WebClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A reachability drill end to end over HTTP: the centre starts it to one ministry, the ministry confirms and
 * passes it to its CEPTOAR, the CEPTOAR to its member operator, the operator confirms; each newly reached
 * organisation gets an e-mail; the centre's report shows every hop with its path and times and downloads as CSV,
 * the others see only their own hops, and an organisation the drill never reached gets 404 everywhere.
 */
class DrillTests extends IntegrationTest {

	@Autowired
	Fixtures fixtures;

	@Autowired
	Groups groups;

	@Autowired
	Users users;

	@Autowired
	ApiTokens tokens;

	@Autowired
	JsonMapper json;

	@Autowired
	JdbcClient jdbc;

	@Test
	void drillTravelsDownTheChainAndTheReportShowsEveryHop() throws Exception {
		var centre = fixtures.organisation(OrganisationType.NATIONAL_CENTRE);
		var ministry = fixtures.organisation(OrganisationType.SECTOR_MINISTRY, "CHEMICAL");
		var ceptoar = fixtures.organisation(OrganisationType.CEPTOAR, "CHEMICAL");
		var operator = fixtures.organisation(OrganisationType.OPERATOR, "CHEMICAL");
		var outsider = fixtures.organisation(OrganisationType.OPERATOR, "CHEMICAL");
		var group = groups.create(Fixtures.unique("Chemical CEPTOAR"), Groups.Kind.CEPTOAR, "CHEMICAL", null, false);
		groups.addMember(group.id(), operator.id(), null);

		var analyst = fixtures.user(centre, Role.ANALYST);
		var ministryAnalyst = fixtures.user(ministry, Role.ANALYST);
		var ministryViewer = fixtures.user(ministry, Role.VIEWER);
		var ceptoarCoordinator = fixtures.user(ceptoar, Role.COORDINATOR);
		var operatorReporter = fixtures.user(operator, Role.REPORTER);
		var operatorViewer = fixtures.user(operator, Role.VIEWER);
		var outsiderUser = fixtures.user(outsider, Role.ORG_ADMIN);
		users.setLocale(ministryAnalyst.id(), "en");

		var centreApi = api(token(analyst));
		// Only the centre starts drills, and only to ministries.
		assertThat(api(token(ministryAnalyst)).post("/api/v1/drills", "{\"title\":\"x\"}").status()).isEqualTo(403);
		assertThat(centreApi.post("/api/v1/drills", "{\"title\":\" \",\"ministryIds\":[\"" + ministry.id() + "\"]}")
			.status()).isEqualTo(400);
		assertThat(centreApi.post("/api/v1/drills", "{\"title\":\"x\",\"ministryIds\":[\"" + operator.id() + "\"]}")
			.status()).isEqualTo(422);

		var started = centreApi.post("/api/v1/drills", """
				{"title":"秋の疎通確認訓練","messageJa":"受領したら確認してください。","messageEn":"Please confirm receipt.",
				 "ministryIds":["%s"],"deadlineHours":24}
				""".formatted(ministry.id()));
		assertThat(started.status()).as(started.body()).isEqualTo(201);
		var drill = read(started.body());
		var id = drill.get("id").asString();
		assertThat(drill.get("number").asString()).matches("DR-\\d{4}-\\d{4}");
		assertThat(drill.get("status").asString()).isEqualTo("RUNNING");

		// The ministry's analyst is told (English first: their language), its viewer is not.
		var toMinistry = mailTo(ministryAnalyst.email(), ministryViewer.email());
		assertThat(toMinistry).extracting(DrillTests::to).containsExactly(ministryAnalyst.email());
		assertThat(toMinistry.get(0).getSubject()).startsWith("[Kakehashi] Reachability drill " + drill.get("number").asString());
		assertThat((String) toMinistry.get(0).getContent()).contains("/warnings/drills/" + id).contains("Please confirm receipt.");

		// Nobody below the ministry has it yet; the outsider never will.
		var operatorApi = api(token(operatorReporter));
		var outsiderApi = api(token(outsiderUser));
		for (var client : List.of(operatorApi, outsiderApi)) {
			assertThat(client.get("/api/v1/drills/" + id).status()).isEqualTo(404);
			assertThat(client.post("/api/v1/drills/" + id + "/confirmation", "").status()).isEqualTo(404);
		}

		// Ministry: sees its own hop, confirms, forwards (the ministry's viewer may confirm but not forward).
		var ministryApi = api(token(ministryAnalyst));
		assertThat(ministryApi.get("/api/v1/drills").body()).contains(id);
		var ministryView = read(ministryApi.get("/api/v1/drills/" + id).body());
		assertThat(ministryView.get("full").asBoolean()).isFalse();
		assertThat(ministryView.get("hops")).hasSize(1);
		assertThat(api(token(ministryViewer)).post("/api/v1/drills/" + id + "/forwarding", "").status()).isEqualTo(403);
		var confirmed = ministryApi.post("/api/v1/drills/" + id + "/confirmation", "");
		assertThat(confirmed.status()).isEqualTo(200);
		assertThat(read(confirmed.body()).get("confirmedAt").isNull()).isFalse();
		var forwardResponse = ministryApi.post("/api/v1/drills/" + id + "/forwarding", "");
		assertThat(forwardResponse.status()).as(forwardResponse.body()).isEqualTo(200);
		var forwarded = read(forwardResponse.body());
		assertThat(forwarded.get("forwardedCount").asInt()).isGreaterThanOrEqualTo(1);
		// Forwarding again reaches nobody new.
		var again = read(ministryApi.post("/api/v1/drills/" + id + "/forwarding", "").body());
		assertThat(again.get("forwardedAt").asString()).isEqualTo(forwarded.get("forwardedAt").asString());
		assertThat(mailTo(ceptoarCoordinator.email())).hasSize(1);
		assertThat(operatorApi.get("/api/v1/drills/" + id).status()).isEqualTo(404);

		// CEPTOAR: forwarding confirms as well, and reaches its member operator.
		var ceptoarApi = api(token(ceptoarCoordinator));
		var ceptoarHop = read(ceptoarApi.post("/api/v1/drills/" + id + "/forwarding", "").body());
		assertThat(ceptoarHop.get("level").asInt()).isEqualTo(1);
		assertThat(ceptoarHop.get("confirmedAt").isNull()).isFalse();
		assertThat(mailTo(operatorReporter.email(), operatorViewer.email())).extracting(DrillTests::to)
			.containsExactly(operatorReporter.email());

		// Operator: only confirms.
		assertThat(operatorApi.post("/api/v1/drills/" + id + "/forwarding", "").status()).isEqualTo(409);
		var operatorHop = read(operatorApi.post("/api/v1/drills/" + id + "/confirmation", "").body());
		assertThat(operatorHop.get("level").asInt()).isEqualTo(2);
		assertThat(operatorHop.get("path")).extracting(JsonNode::asString)
			.containsExactly(centre.name(), ministry.name(), ceptoar.name(), operator.name());
		assertThat(outsiderApi.get("/api/v1/drills/" + id).status()).isEqualTo(404);

		// The centre's report: every hop, its path and times.
		var report = read(centreApi.get("/api/v1/drills/" + id).body());
		assertThat(report.get("full").asBoolean()).isTrue();
		var byOrganisation = new java.util.HashMap<String, JsonNode>();
		report.get("hops").forEach(h -> byOrganisation.put(h.get("organisationId").asString(), h));
		assertThat(byOrganisation).containsKeys(ministry.id().toString(), ceptoar.id().toString(), operator.id().toString())
			.doesNotContainKey(outsider.id().toString());
		assertThat(byOrganisation.get(ministry.id().toString()).get("level").asInt()).isZero();
		for (var org : List.of(ministry.id(), ceptoar.id(), operator.id())) {
			var hop = byOrganisation.get(org.toString());
			assertThat(hop.get("secondsToConfirm").isNull()).isFalse();
			assertThat(hop.get("secondsToConfirm").asLong()).isGreaterThanOrEqualTo(0);
		}
		assertThat(byOrganisation.get(ministry.id().toString()).get("secondsToForward").isNull()).isFalse();
		assertThat(byOrganisation.get(operator.id().toString()).get("confirmedBy").asString())
			.isEqualTo(operatorReporter.displayName());
		assertThat(report.get("summary").get("confirmed").asInt()).isGreaterThanOrEqualTo(3);
		assertThat(report.get("summary").get("reached").asInt()).isEqualTo(report.get("hops").size());

		// Pages: the centre's report and CSV; the ministry sees its own hops only; the outsider gets 404.
		var centreBrowser = browser();
		fixtures.signInWithSecondFactor(centreBrowser, analyst);
		var page = centreBrowser.get("/warnings/drills/" + id);
		assertThat(page.status()).isEqualTo(200);
		assertThat(page.body()).contains(String.join(" → ", centre.name(), ministry.name(), ceptoar.name(), operator.name()))
			.contains("秋の疎通確認訓練");
		var csv = centreBrowser.get("/warnings/drills/" + id + ".csv");
		assertThat(csv.status()).isEqualTo(200);
		assertThat(csv.headers().get("content-type")).startsWith("text/csv");
		assertThat(csv.headers().get("content-disposition")).contains(drill.get("number").asString() + ".csv");
		assertThat(csv.body()).startsWith("\uFEFF");
		var lines = csv.body().substring(1).split("\r\n");
		assertThat(lines.length).isEqualTo(report.get("hops").size() + 1);
		assertThat(Arrays.stream(lines).filter(l -> l.contains(operator.name())).findFirst().orElseThrow())
			.contains(centre.name() + " → " + ministry.name() + " → " + ceptoar.name() + " → " + operator.name())
			.startsWith(drill.get("number").asString() + ",2,");

		var ministryBrowser = browser();
		fixtures.signInWithSecondFactor(ministryBrowser, ministryAnalyst);
		var ministryPage = ministryBrowser.get("/warnings/drills/" + id);
		assertThat(ministryPage.status()).isEqualTo(200);
		assertThat(ministryPage.body()).contains(ceptoar.name()).doesNotContain(operator.name());
		var ministryCsv = ministryBrowser.get("/warnings/drills/" + id + ".csv").body();
		assertThat(ministryCsv).contains(ceptoar.name()).doesNotContain(operator.name());

		var outsiderBrowser = browser();
		fixtures.signInWithSecondFactor(outsiderBrowser, outsiderUser);
		assertThat(outsiderBrowser.get("/warnings/drills/" + id).status()).isEqualTo(404);
		assertThat(outsiderBrowser.get("/warnings/drills/" + id + ".csv").status()).isEqualTo(404);
		outsiderBrowser.get("/warnings/drills");
		assertThat(outsiderBrowser.post("/warnings/drills/" + id + "/confirmation", Map.of()).status()).isEqualTo(404);

		// Closing: only the centre; afterwards nobody confirms.
		assertThat(ministryApi.post("/api/v1/drills/" + id + "/close", "").status()).isEqualTo(404);
		assertThat(read(centreApi.post("/api/v1/drills/" + id + "/close", "").body()).get("status").asString())
			.isEqualTo("CLOSED");
		assertThat(centreApi.post("/api/v1/drills/" + id + "/close", "").status()).isEqualTo(409);
		assertThat(api(token(operatorViewer)).post("/api/v1/drills/" + id + "/confirmation", "").status()).isEqualTo(409);

		assertThat(jdbc.sql("select action from audit_log where target_id = :id order by seq").param("id", id)
			.query(String.class).list()).containsSubsequence("warnings.drill-started", "warnings.drill-confirmed",
					"warnings.drill-forwarded", "warnings.drill-forwarded", "warnings.drill-confirmed",
					"warnings.drill-closed");
	}

	@Test
	void startFormOnThePageValidatesAndStartsADrill() {
		var centre = fixtures.organisation(OrganisationType.NATIONAL_CENTRE);
		var ministry = fixtures.organisation(OrganisationType.SECTOR_MINISTRY, "PETROLEUM");
		var analyst = fixtures.user(centre, Role.ANALYST);
		var browser = browser();
		fixtures.signInWithSecondFactor(browser, analyst);
		var page = browser.get("/warnings/drills");
		assertThat(page.status()).isEqualTo(200);
		assertThat(page.body()).contains("id=\"drill-start-form\"").contains(ministry.name());

		var empty = browser.post("/warnings/drills", Map.of("title", "", "ministryIds", ministry.id().toString(),
				"deadlineHours", "24"));
		assertThat(empty.status()).isEqualTo(422);
		assertThat(empty.body()).contains("id=\"drill-error\"");
		var badHours = browser.post("/warnings/drills", Map.of("title", "Drill", "ministryIds", ministry.id().toString(),
				"deadlineHours", "9999"));
		assertThat(badHours.status()).isEqualTo(422);

		var started = browser.post("/warnings/drills", Map.of("title", "=HYPERLINK(\"x\")",
				"ministryIds", ministry.id().toString(), "deadlineHours", "2"));
		assertThat(started.status()).isEqualTo(302);
		assertThat(started.location()).contains("/warnings/drills/");
		var report = browser.follow(started.location());
		assertThat(report.body()).contains(ministry.name()).contains("id=\"close-drill\"");

		// An operator sees the list page without the start form and cannot start one.
		var operatorBrowser = browser();
		var operator = fixtures.organisation(OrganisationType.OPERATOR, "PETROLEUM");
		fixtures.signInWithSecondFactor(operatorBrowser, fixtures.user(operator, Role.REPORTER));
		var operatorPage = operatorBrowser.get("/warnings/drills");
		assertThat(operatorPage.status()).isEqualTo(200);
		assertThat(operatorPage.body()).doesNotContain("drill-start-form");
		assertThat(operatorBrowser.post("/warnings/drills", Map.of("title", "x", "deadlineHours", "2")).status())
			.isEqualTo(403);
	}

	@Test
	void csvCellsAreDefusedAndQuoted() {
		assertThat(CellText.csv("=1+2")).isEqualTo("'=1+2");
		assertThat(CellText.csv("＠SUM(A1)")).isEqualTo("'＠SUM(A1)");
		assertThat(CellText.csv("-3")).isEqualTo("'-3");
		assertThat(CellText.csv("a,b")).isEqualTo("\"a,b\"");
		assertThat(CellText.csv("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
		assertThat(CellText.csv("plain")).isEqualTo("plain");
	}

	JsonNode read(String body) {
		return json.readTree(body);
	}

	static List<MimeMessage> mailTo(String... addresses) {
		var wanted = Set.of(addresses);
		var out = new ArrayList<MimeMessage>();
		for (var m : MAIL.getReceivedMessages()) {
			if (wanted.contains(to(m))) {
				out.add(m);
			}
		}
		return out;
	}

	static String to(MimeMessage message) {
		try {
			return message.getRecipients(Message.RecipientType.TO)[0].toString();
		}
		catch (Exception e) {
			throw new IllegalStateException(e);
		}
	}

	String token(UserAccount user) {
		var principal = user.principal();
		var scopes = EnumSet.noneOf(ApiScope.class);
		Arrays.stream(ApiScope.values()).filter(s -> s.allowedFor(principal.roles())).forEach(scopes::add);
		return tokens.create(principal, "drill test", scopes, 30).clearToken();
	}

	static UUID uuid(String value) {
		return UUID.fromString(value);
	}
}
