package org.kakehashi.reporting.clocks;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.kakehashi.identity.internal.UserAccount;
import org.kakehashi.reporting.ReportKind;
import org.kakehashi.support.Fixtures;
import org.kakehashi.support.IntegrationTest;
import org.kakehashi.support.ReportFixtures;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The regimes API and page, and a report's clocks as JSON and as the HTML panel, for who may and may not see them. */
class ClockWebTests extends IntegrationTest {

	@Autowired
	Fixtures fixtures;

	@Autowired
	ReportFixtures reports;

	@Autowired
	ApiTokens tokens;

	@Autowired
	Regimes regimes;

	@Autowired
	JdbcClient jdbc;

	String token(UserAccount user, ApiScope... scopes) {
		return tokens.create(user.principal(), "test", EnumSet.of(scopes[0], scopes), 1).clearToken();
	}

	UserAccount platformAdmin() {
		return fixtures.user(fixtures.organisation(OrganisationType.NATIONAL_CENTRE), Role.PLATFORM_ADMIN);
	}

	@Test
	void regimesAreReadableWithReportsReadAndOnlyPlatformAdminsSetThem() {
		var operator = fixtures.organisation(OrganisationType.OPERATOR, "RAILWAY");
		var viewer = fixtures.user(operator, Role.VIEWER);
		var list = api(token(viewer, ApiScope.REPORTS_READ)).get("/api/v1/regimes");
		assertThat(list.status()).isEqualTo(200);
		assertThat(list.body()).contains("\"code\":\"EU_NIS2\"", "\"offset\":\"PT72H\"", "\"offset\":\"P1M\"",
				"\"anchor\":\"MILESTONE:NOTIFICATION\"", "\"zone\":\"Europe/Brussels\"", "速やかに（目安 24 時間）");
		assertThat(api(token(viewer, ApiScope.IDENTITY_READ)).get("/api/v1/regimes").status()).isEqualTo(403);
		assertThat(api(null).get("/api/v1/regimes").status()).isEqualTo(401);

		var path = "/api/v1/regimes/organisations/" + operator.id();
		var orgAdmin = fixtures.user(operator, Role.ORG_ADMIN);
		assertThat(api(token(orgAdmin, ApiScope.IDENTITY_WRITE)).send("PUT", path, "{\"regimes\":[\"EU_NIS2\"]}").status())
			.isEqualTo(403);
		var admin = platformAdmin();
		assertThat(api(token(admin, ApiScope.IDENTITY_READ)).send("PUT", path, "{\"regimes\":[\"EU_NIS2\"]}").status())
			.isEqualTo(403);

		var client = api(token(admin, ApiScope.IDENTITY_WRITE));
		var set = client.send("PUT", path, "{\"regimes\":[\"US_CIRCIA\",\"EU_NIS2\",\"EU_NIS2\"]}");
		assertThat(set.status()).isEqualTo(200);
		assertThat(set.body()).contains("\"regimes\":[\"EU_NIS2\",\"US_CIRCIA\"]");
		assertThat(regimes.assigned(operator.id())).containsExactly("EU_NIS2", "US_CIRCIA");
		assertThat(jdbc.sql("select details from audit_log where action = 'reporting.regimes.changed' and target_id = :id")
			.param("id", operator.id().toString()).query(String.class).single()).contains("(default)", "EU_NIS2,US_CIRCIA");

		var cleared = client.send("PUT", path, "{\"regimes\":[]}");
		assertThat(cleared.body()).contains("\"regimes\":[]", "\"effective\":[\"JP\"]");
		assertThat(client.send("PUT", "/api/v1/regimes/organisations/" + UUID.randomUUID(), "{\"regimes\":[\"JP\"]}").status())
			.isEqualTo(404);
	}

	@Test
	void unknownOrMissingRegimesAre400NamingTheFieldAndChangeNothing() {
		var operator = fixtures.organisation(OrganisationType.OPERATOR, "WATER");
		regimes.assign(operator.id(), List.of("EU_NIS2"));
		var client = api(token(platformAdmin(), ApiScope.IDENTITY_WRITE));
		var path = "/api/v1/regimes/organisations/" + operator.id();
		for (var body : List.of("{\"regimes\":[\"JP\",\"GDPR\"]}", "{\"regimes\":[\"<script>alert(1)</script>\"]}",
				"{\"regimes\":[null]}", "{}", "{\"regimes\":\"JP\"}",
				"{\"regimes\":[\"JP\",\"JP\",\"JP\",\"JP\",\"JP\",\"JP\",\"JP\",\"JP\",\"JP\",\"JP\",\"JP\"]}")) {
			var response = client.send("PUT", path, body);
			assertThat(response.status()).as(body).isEqualTo(400);
			assertThat(response.contentType()).startsWith("application/problem+json");
			assertThat(response.body()).as(body).contains("\"field\":\"regimes\"").doesNotContain("<script>");
		}
		assertThat(regimes.assigned(operator.id())).containsExactly("EU_NIS2");
	}

	@Test
	void clocksAreShownToWhoeverMaySeeTheReportAndNobodyElse() {
		var operator = fixtures.organisation(OrganisationType.OPERATOR, "AVIATION");
		var reporter = fixtures.user(operator, Role.REPORTER);
		regimes.assign(operator.id(), List.of("JP", "EU_NIS2"));
		var report = reports.submitted(reporter, ReportKind.INCIDENT, "Check-in outage",
				Instant.now().minus(Duration.ofHours(20)));
		var ministryAnalyst = fixtures.user(fixtures.organisation(OrganisationType.SECTOR_MINISTRY, "AVIATION"), Role.ANALYST);
		var stranger = fixtures.user(fixtures.organisation(OrganisationType.OPERATOR, "AVIATION"), Role.REPORTER);
		var path = "/api/v1/reports/" + report.id() + "/clocks";

		var mine = api(token(reporter, ApiScope.REPORTS_READ)).get(path);
		assertThat(mine.status()).isEqualTo(200);
		assertThat(mine.body()).contains("\"regime\":\"JP\",", "\"milestone\":\"INITIAL\"", "\"milestone\":\"EARLY_WARNING\"",
				"\"milestone\":\"NOTIFICATION\"", "\"state\":\"MET\"", "\"metVersion\":1", "\"state\":\"OPEN\"");
		assertThat(api(token(ministryAnalyst, ApiScope.REPORTS_READ)).get(path).status()).isEqualTo(200);
		var other = api(token(stranger, ApiScope.REPORTS_READ)).get(path);
		assertThat(other.status()).isEqualTo(404);
		assertThat(other.body()).doesNotContain("EARLY_WARNING");
		assertThat(api(token(stranger, ApiScope.REPORTS_READ)).get("/api/v1/reports/" + UUID.randomUUID() + "/clocks").status())
			.isEqualTo(404);
		assertThat(api(null).get(path).status()).isEqualTo(401);

		// The HTML panel, in both languages; the notification (72 h) is still running, due in about 52 hours.
		var ja = browser().language("ja");
		Fixtures.signIn(ja, reporter.email());
		var panel = ja.get("/reports/" + report.id() + "/clocks");
		assertThat(panel.status()).isEqualTo(200);
		assertThat(panel.body()).contains("報告期限", "初報", "速やかに（目安 24 時間）", "提出済み", "インシデント通知", "期限前",
				"あと 2 日", "目安").doesNotContain("<html");
		var en = browser().language("en");
		Fixtures.signIn(en, reporter.email());
		assertThat(en.get("/reports/" + report.id() + "/clocks").body()).contains("Regulatory deadlines", "Early warning",
				"Met", "by version 1", "due in 2 days", "Promptly (target 24 h)");
		var strangerBrowser = browser();
		Fixtures.signIn(strangerBrowser, stranger.email());
		assertThat(strangerBrowser.get("/reports/" + report.id() + "/clocks").status()).isEqualTo(404);
	}

	@Test
	void theRegimesPageListsRulesForAdminsAndCentreAnalystsAndOnlyAdminsEdit() {
		var admin = platformAdmin();
		var adminBrowser = browser().language("ja");
		fixtures.signInWithSecondFactor(adminBrowser, admin);
		var page = adminBrowser.get("/reports/regimes");
		assertThat(page.status()).isEqualTo(200);
		assertThat(page.body()).contains("報告制度", "EU NIS2 指令 第23条", "早期警告", "24 時間", "1 か月（暦月）",
				"インシデント通知の提出時点から", "Europe/Brussels", "id=\"assign-regimes\"");

		var operator = fixtures.organisation(OrganisationType.OPERATOR, "CHEMICAL");
		var saved = adminBrowser.post("/reports/regimes/organisations",
				Map.of("organisationId", operator.id().toString(), "regimes", "US_CIRCIA"));
		assertThat(saved.status()).isEqualTo(302);
		assertThat(regimes.assigned(operator.id())).containsExactly("US_CIRCIA");
		assertThat(adminBrowser.get("/reports/regimes").body()).contains("id=\"assignment-" + operator.id() + "\"");
		assertThat(adminBrowser.post("/reports/regimes/organisations",
				Map.of("organisationId", operator.id().toString(), "regimes", "NOPE")).status()).isEqualTo(400);
		assertThat(regimes.assigned(operator.id())).containsExactly("US_CIRCIA");

		var analyst = fixtures.user(fixtures.organisation(OrganisationType.NATIONAL_CENTRE), Role.ANALYST);
		var analystBrowser = browser().language("en");
		fixtures.signInWithSecondFactor(analystBrowser, analyst);
		var readOnly = analystBrowser.get("/reports/regimes");
		assertThat(readOnly.status()).isEqualTo(200);
		assertThat(readOnly.body()).contains("Reporting regimes", "Early warning", "72 hours").doesNotContain("assign-regimes");
		assertThat(analystBrowser.post("/reports/regimes/organisations",
				Map.of("organisationId", operator.id().toString(), "regimes", "JP")).status()).isEqualTo(403);

		var reporter = fixtures.user(operator, Role.REPORTER, Role.ORG_ADMIN);
		var reporterBrowser = browser();
		fixtures.signInWithSecondFactor(reporterBrowser, reporter);
		assertThat(reporterBrowser.get("/reports/regimes").status()).isEqualTo(403);
		assertThat(regimes.assigned(operator.id())).containsExactly("US_CIRCIA");
	}
}
