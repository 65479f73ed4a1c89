package org.kakehashi.vulns.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.kakehashi.identity.ApiScope;
import org.kakehashi.identity.internal.ApiTokens;
import org.kakehashi.identity.internal.UserAccount;
import org.kakehashi.identity.internal.Users;
import org.kakehashi.platform.FiscalYear;
import org.kakehashi.support.ApiClient;
import org.kakehashi.support.Fixtures;
import org.kakehashi.support.MutableClock;
import org.kakehashi.support.TestDatabases;
import org.kakehashi.support.TotpCodes;
import org.kakehashi.support.VulnsFixtures;
import org.kakehashi.support.WebClient;
import org.kakehashi.vulns.internal.CaseKind;
import org.kakehashi.vulns.internal.CaseReport;
import org.kakehashi.vulns.internal.CaseStatus;
import org.kakehashi.vulns.internal.CaseVendors;
import org.kakehashi.vulns.internal.ContactAttempt;
import org.kakehashi.vulns.internal.Outcome;
import org.kakehashi.vulns.internal.TransitionRequest;
import org.kakehashi.vulns.internal.VendorEntry;
import org.kakehashi.vulns.internal.VendorStatus;
import org.kakehashi.vulns.internal.VulnCases;
import org.kakehashi.vulns.publication.AdvisoryPublication;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The dashboard over real HTTP on a database of its own (its figures count every case, so no other test's cases may
 * be there), with the clock moved through fiscal year 2030 in Japan: first an empty installation, where every section
 * says there is nothing yet; then a year of cases whose acceptance, notification, answers, publication and closure
 * fall on chosen days — 45 days after acceptance counts and 46 does not, 90 days after notification counts and 91
 * does not, counted in calendar days and quarters in Japan — and every figure is checked in the API and on the page.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestPropertySource(properties = "kakehashi.vulns.publication.enabled=false")
@Import(VulnDashboardTests.Clocks.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class VulnDashboardTests {

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		TestDatabases.fresh(registry, "vulndashboard");
	}

	@TestConfiguration
	static class Clocks {

		@Bean
		@Primary
		MutableClock testClock() {
			return new MutableClock(jst("2030-01-15T10:00"));
		}
	}

	@LocalServerPort
	int port;

	@Autowired
	MutableClock clock;

	@Autowired
	VulnsFixtures world;

	@Autowired
	Users users;

	@Autowired
	ApiTokens tokens;

	@Autowired
	VulnCases cases;

	@Autowired
	CaseVendors vendors;

	@Autowired
	AdvisoryPublication publication;

	@Autowired
	JsonMapper json;

	@Test
	@Order(1)
	void aFreshInstallationSaysPolitelyThatThereIsNothingYetAndOnlyCoordinatorsMayLook() {
		var coordinator = world.coordinator();
		var figures = dashboard(coordinator, "");
		assertThat(figures.get("fiscalYear").asInt()).isEqualTo(2029);
		assertThat(figures.get("openByState").findValuesAsString("status")).containsExactly("RECEIVED", "CHECKING",
				"ACCEPTED", "VENDOR_CONTACTED", "DATE_AGREED", "PUBLISHED");
		assertThat(figures.get("openByState").findValues("total")).allSatisfy(n -> assertThat(n.asInt()).isZero());
		assertThat(figures.get("oldestOpen").size()).isZero();
		var year = figures.get("publications").get("fiscalYear");
		assertThat(year.get("published").asInt()).isZero();
		assertThat(absent(year.get("withinTarget"), "percent")).isTrue();
		assertThat(absent(figures.get("vendorAnswers").get("fiscalYear"), "medianDays")).isTrue();
		assertThat(figures.get("silentVendors").get("total").asInt()).isZero();

		for (var language : List.of("en", "ja")) {
			var page = page(coordinator, language, "/vulns/dashboard");
			assertThat(page.status()).isEqualTo(200);
			assertThat(page.body()).contains("id=\"open-none\"", "id=\"age-none\"", "id=\"publications-none\"",
					"id=\"sites-none\"", "id=\"answers-none\"", "id=\"silent-none\"", "id=\"unreachable-none\"")
				.doesNotContain("data-chart=", "<table");
		}
		assertThat(page(coordinator, "en", "/vulns/dashboard").body()).contains("No case is open at the moment.",
				"No product advisory was published in FY2029.", "No vendor is listed as unreachable.");
		assertThat(page(coordinator, "ja", "/vulns/dashboard").body()).contains("現在、対応中の案件はありません。",
				"2029年度 に公表した製品の脆弱性情報はありません。");

		// Finders, vendors and everyone else: 403 on the page and the API (anonymous callers: sign in / 401).
		var reporter = world.finder();
		assertThat(page(reporter, "en", "/vulns/dashboard").status()).isEqualTo(403);
		assertThat(client(reporter).get("/api/v1/vuln-dashboard").status()).isEqualTo(403);
		var psirt = world.vendorWithAccount(coordinator, Fixtures.unique("PSIRT")).psirt();
		assertThat(client(psirt).get("/api/v1/vuln-dashboard?fy=2029").status()).isEqualTo(403);
		assertThat(api(null).get("/api/v1/vuln-dashboard").status()).isEqualTo(401);
		assertThat(new WebClient(base()).get("/vulns/dashboard").status()).isEqualTo(302);
		// A coordinator's token without vulns:read is refused too; a bad year is a 400 naming the field.
		var unscoped = api(tokens.create(coordinator.principal(), "no scope", EnumSet.of(ApiScope.REPORTS_READ), 1)
			.clearToken());
		assertThat(unscoped.get("/api/v1/vuln-dashboard").status()).isEqualTo(403);
		var bad = client(coordinator).get("/api/v1/vuln-dashboard?fy=1999");
		assertThat(bad.status()).isEqualTo(400);
		assertThat(bad.body()).contains("\"field\":\"fy\"");
		assertThat(client(coordinator).get("/api/v1/vuln-dashboard?fy=twenty").status()).isEqualTo(400);
		assertThat(page(coordinator, "en", "/vulns/dashboard?fy=twenty").status()).isEqualTo(400);
	}

	@Test
	@Order(2)
	void aYearOfCasesCountsInJapaneseQuartersAndCalendarDaysAtTheBoundaries() {
		var coordinator = world.coordinator();
		var finder = world.finder();
		var alpha = world.vendorWithAccount(coordinator, Fixtures.unique("Alpha 制御"));
		var operator = world.vendorWithoutAccount(coordinator, Fixtures.unique("市役所"), Fixtures.unique("web") + "@city.example");
		var silent = world.vendorWithoutAccount(coordinator, Fixtures.unique("Silent"), Fixtures.unique("desk") + "@silent.example");

		// FY2029: a report nobody has picked up since.
		clock.set(jst("2030-01-15T10:00"));
		var r1 = world.fileProductCase(finder, "R1 never picked up").id();

		// 1 April 2030, 10:00 in Tokyo: three product cases and four web-site cases accepted, vendors invited.
		clock.set(jst("2030-04-01T10:00"));
		var p1 = publishable(coordinator, finder, alpha, "P1", jst("2030-05-16T23:30"));
		var p2 = publishable(coordinator, finder, alpha, "P2", jst("2030-05-17T09:00"));
		var p3 = publishable(coordinator, finder, alpha, "P3", jst("2030-07-10T12:00"));
		var w1 = notifiedSite(coordinator, finder, operator, "W1");
		var w2 = notifiedSite(coordinator, finder, operator, "W2");
		var w3 = notifiedSite(coordinator, finder, operator, "W3");
		var w4 = notifiedSite(coordinator, finder, operator, "W4");

		// Alpha answers after 1, 10 and 40 days.
		clock.set(jst("2030-04-02T10:00"));
		world.answer(alpha.psirt(), p1, alpha.entry().id(), VendorStatus.AFFECTED, "3.2", "3.3", "Fixed in 3.3.");
		clock.set(jst("2030-04-11T10:00"));
		world.answer(alpha.psirt(), p2, alpha.entry().id(), VendorStatus.AFFECTED, "3.2", "3.3", "Fixed in 3.3.");
		clock.set(jst("2030-04-20T10:00"));
		close(coordinator, w4, Outcome.WORKAROUND);
		clock.set(jst("2030-05-01T10:00"));
		close(coordinator, w3, Outcome.NOT_A_VULNERABILITY);
		clock.set(jst("2030-05-11T10:00"));
		world.answer(alpha.psirt(), p3, alpha.entry().id(), VendorStatus.AFFECTED, "3.2", "3.3", "Fixed in 3.3.");
		// Published 45 calendar days after acceptance (late in the evening) and 46 (in the morning: under 46 days of
		// elapsed time, still the 46th day).
		clock.set(jst("2030-05-16T23:30"));
		assertThat(publication.publishDue()).containsExactly(p1);
		clock.set(jst("2030-05-17T09:00"));
		assertThat(publication.publishDue()).containsExactly(p2);
		// Two reports 46 and 45 days before "now".
		clock.set(jst("2030-06-16T11:00"));
		var r3 = world.fileProductCase(finder, "R3 filed 46 days before").id();
		clock.set(jst("2030-06-17T11:00"));
		var r2 = siteCase(finder, "R2 filed 45 days before");
		cases.transition(VulnsFixtures.viewer(coordinator), r2, move(CaseStatus.CHECKING));
		// Fixed on the 90th day, and on the 91st at 08:00 in Tokyo — still 30 June in UTC, but the second quarter in
		// Japan.
		clock.set(jst("2030-06-30T20:00"));
		close(coordinator, w1, Outcome.FIXED);
		clock.set(jst("2030-07-01T08:00"));
		close(coordinator, w2, Outcome.PAGE_REMOVED);
		clock.set(jst("2030-07-10T12:00"));
		assertThat(publication.publishDue()).containsExactly(p3);
		// A vendor invited four days before "now" that never answers and is listed as unreachable.
		clock.set(jst("2030-07-28T09:00"));
		var p4 = world.fileProductCase(finder, "P4 silent vendor").id();
		world.accept(coordinator, p4);
		world.invite(coordinator, p4, silent.id(), "Silent HMI");
		for (int i = 0; i < 2; i++) {
			vendors.recordAttempt(VulnsFixtures.viewer(coordinator), p4, silent.id(),
					new CaseVendors.AttemptDraft(null, ContactAttempt.Channel.PHONE, "No answer."));
		}
		vendors.markUnreachable(VulnsFixtures.viewer(coordinator), p4, silent.id());
		clock.set(jst("2030-07-31T15:00"));
		var w5 = siteCase(finder, "W5 filed yesterday");

		clock.set(jst("2030-08-01T12:00"));
		var f = dashboard(coordinator, "2030");
		assertThat(f.get("fiscalYear").asInt()).isEqualTo(2030);
		assertThat(Instant.parse(f.get("from").asString())).isEqualTo(new FiscalYear(2030).start());

		// Open now: by state, product and web site apart.
		assertThat(row(f.get("openByState"), "status", "RECEIVED")).isEqualTo(Map.of("product", 2, "website", 1, "total", 3));
		assertThat(row(f.get("openByState"), "status", "CHECKING")).isEqualTo(Map.of("product", 0, "website", 1, "total", 1));
		assertThat(row(f.get("openByState"), "status", "VENDOR_CONTACTED")).isEqualTo(Map.of("product", 1, "website", 0, "total", 1));
		assertThat(row(f.get("openByState"), "status", "PUBLISHED")).isEqualTo(Map.of("product", 3, "website", 0, "total", 3));
		assertThat(row(f.get("openByState"), "status", "DATE_AGREED")).isEqualTo(Map.of("product", 0, "website", 0, "total", 0));
		// Ages since filing: 45 days is in 31–45, 46 in 46–90.
		assertThat(row(f.get("openByAge"), "bucket", "UP_TO_30")).isEqualTo(Map.of("product", 1, "website", 1, "total", 2));
		assertThat(row(f.get("openByAge"), "bucket", "UP_TO_45")).isEqualTo(Map.of("product", 0, "website", 1, "total", 1));
		assertThat(row(f.get("openByAge"), "bucket", "UP_TO_90")).isEqualTo(Map.of("product", 1, "website", 0, "total", 1));
		assertThat(row(f.get("openByAge"), "bucket", "UP_TO_180")).isEqualTo(Map.of("product", 3, "website", 0, "total", 3));
		assertThat(row(f.get("openByAge"), "bucket", "OVER_180")).isEqualTo(Map.of("product", 1, "website", 0, "total", 1));
		var oldest = f.get("oldestOpen");
		assertThat(oldest.findValuesAsString("id")).containsExactly(r1.toString(), p1.toString(), p2.toString(),
				p3.toString(), r3.toString(), r2.toString(), p4.toString(), w5.toString());
		assertThat(oldest.findValues("ageDays").stream().map(JsonNode::asInt).toList())
			.containsExactly(198, 122, 122, 122, 46, 45, 4, 1);

		// Product advisories: Q1 two published, one within 45 days; Q2 one, late; the year one of three.
		var publications = f.get("publications");
		assertThat(share(publications.get("quarters").get(0), "published", "withinTarget")).isEqualTo("2: 1/2 50.0");
		assertThat(share(publications.get("quarters").get(1), "published", "withinTarget")).isEqualTo("1: 0/1 0.0");
		assertThat(share(publications.get("quarters").get(2), "published", "withinTarget")).isEqualTo("0: 0/0 null");
		assertThat(share(publications.get("fiscalYear"), "published", "withinTarget")).isEqualTo("3: 1/3 33.3");
		assertThat(publications.get("quarters").findValues("quarter").stream().map(JsonNode::asInt).toList())
			.containsExactly(1, 2, 3, 4);
		assertThat(absent(publications.get("fiscalYear"), "quarter")).isTrue();

		// Web sites: Q1 closed three (one not a vulnerability), both fixed ones within 90 days; Q2 the 91st day.
		var sites = f.get("siteFixes");
		assertThat(share(sites.get("quarters").get(0), "closed", "fixedWithinTarget")).isEqualTo("3: 2/2 100.0");
		assertThat(sites.get("quarters").get(0).get("fixed").asInt()).isEqualTo(2);
		assertThat(share(sites.get("quarters").get(1), "closed", "fixedWithinTarget")).isEqualTo("1: 0/1 0.0");
		assertThat(share(sites.get("fiscalYear"), "closed", "fixedWithinTarget")).isEqualTo("4: 2/3 66.7");

		// Vendors: seven invitations in Q1 (Alpha three times, the operator four), answered after 1, 10 and 40 days;
		// Q2's one invitation is four days old, too young to count against 7 or 30 days.
		var answers = f.get("vendorAnswers");
		var q1 = answers.get("quarters").get(0);
		assertThat(q1.get("invitations").asInt()).isEqualTo(7);
		assertThat(q1.get("answered").asInt()).isEqualTo(3);
		assertThat(q1.get("medianDays").asDouble()).isEqualTo(10.0);
		assertThat(share(q1, "answered", "within7Days")).isEqualTo("3: 1/7 14.3");
		assertThat(share(q1, "answered", "within30Days")).isEqualTo("3: 2/7 28.6");
		var q2 = answers.get("quarters").get(1);
		assertThat(q2.get("invitations").asInt()).isEqualTo(1);
		assertThat(absent(q2, "medianDays")).isTrue();
		assertThat(share(q2, "answered", "within7Days")).isEqualTo("0: 0/0 null");
		assertThat(answers.get("fiscalYear").get("invitations").asInt()).isEqualTo(8);
		assertThat(answers.get("fiscalYear").get("medianDays").asDouble()).isEqualTo(10.0);
		assertThat(share(answers.get("fiscalYear"), "answered", "within30Days")).isEqualTo("3: 2/7 28.6");

		// Silent on an open case (and listed as unreachable): the P4 vendor, four days.
		var silentVendors = f.get("silentVendors");
		assertThat(silentVendors.get("total").asInt()).isEqualTo(1);
		var longest = silentVendors.get("longest").get(0);
		assertThat(longest.get("caseId").asString()).isEqualTo(p4.toString());
		assertThat(longest.get("vendorId").asString()).isEqualTo(silent.id().toString());
		assertThat(longest.get("days").asInt()).isEqualTo(4);
		assertThat(longest.get("unreachable").asBoolean()).isTrue();
		assertThat(f.get("unreachableVendors").get("total").asInt()).isEqualTo(1);
		assertThat(f.get("unreachableVendors").get("longest").get(0).get("caseStatus").asString())
			.isEqualTo("VENDOR_CONTACTED");

		// Another year: its quarters are empty, what is open now is the same.
		var previous = dashboard(coordinator, "2029");
		assertThat(previous.get("publications").get("fiscalYear").get("published").asInt()).isZero();
		assertThat(previous.get("vendorAnswers").get("fiscalYear").get("invitations").asInt()).isZero();
		assertThat(previous.get("openByState")).isEqualTo(f.get("openByState"));
		assertThat(dashboard(coordinator, "").get("fiscalYear").asInt()).isEqualTo(2030);

		// The page shows the same numbers, in English and in Japanese (Japanese era on request).
		var en = page(coordinator, "en", "/vulns/dashboard?fy=2030").body();
		assertThat(en).contains("Coordination dashboard — FY2030", "Q1 (Apr–Jun)", "50.0% (1 of 2)", "33.3% (1 of 3)",
				"66.7% (2 of 3)", "10.0 days", "14.3% (1 of 7)", "/vulns?status=RECEIVED", "/vulns/" + p4 + "/vendors/" + silent.id(),
				"fy=2029", "data-chart=").doesNotContain("id=\"next-year\"", "id=\"open-none\"", "id=\"publications-none\"");
		assertThat(between(en, "id=\"publications-q3\"", "</tr>")).contains("nothing to count yet");
		var ja = page(coordinator, "ja", "/vulns/dashboard?fy=2030&era=true").body();
		assertThat(ja).contains("調整ダッシュボード（令和12年度）", "第1四半期（4月〜6月）", "第4四半期（1月〜3月）",
				"50.0%（2 件中 1 件）", "10.0 日", "連絡不能として公表中");
		assertThat(page(coordinator, "ja", "/vulns/dashboard?fy=2029").body()).contains("id=\"next-year\"", "2030年度");
		assertThat(page(coordinator, "en", "/vulns").body()).contains("id=\"vuln-dashboard\"");
		assertThat(page(finder, "en", "/vulns").body()).doesNotContain("id=\"vuln-dashboard\"");
	}

	/** A product case accepted and contacted now, its advisory ready and agreed for publication at {@code at}. */
	private UUID publishable(UserAccount coordinator, UserAccount finder, VulnsFixtures.VendorWithAccount vendor,
			String title, Instant at) {
		var id = world.fileProductCase(finder, title).id();
		world.accept(coordinator, id);
		world.invite(coordinator, id, vendor.entry().id(), "FooSCADA");
		world.describe(coordinator, id, "CVE-2030-" + (10000 + (int) (Math.random() * 80000)));
		world.draftAdvisory(coordinator, id);
		world.agree(coordinator, id, LocalDateTime.ofInstant(at, FiscalYear.JAPAN));
		clock.advance(Duration.ofSeconds(1));
		return id;
	}

	/** A web-site case accepted now, its operator notified now. */
	private UUID notifiedSite(UserAccount coordinator, UserAccount finder, VendorEntry operator, String title) {
		var id = siteCase(finder, title);
		world.accept(coordinator, id);
		world.invite(coordinator, id, operator.id(), "");
		clock.advance(Duration.ofSeconds(1));
		return id;
	}

	private UUID siteCase(UserAccount finder, String title) {
		return cases.file(VulnsFixtures.viewer(finder), new CaseReport(CaseKind.WEBSITE, false, "", "", "",
				"https://www.city.example/search?q=", title, "Reflected XSS in the search page.", "", "", "", false, false))
			.id();
	}

	private void close(UserAccount coordinator, UUID id, Outcome outcome) {
		cases.transition(VulnsFixtures.viewer(coordinator), id,
				new TransitionRequest(CaseStatus.CLOSED, "", false, outcome, null, null, null));
	}

	private static TransitionRequest move(CaseStatus to) {
		return new TransitionRequest(to, "", false, null, null, null, null);
	}

	/** {@code count: share.count/share.outOf percent} of one row. */
	private static String share(JsonNode row, String countField, String shareField) {
		var share = row.get(shareField);
		return row.get(countField).asInt() + ": " + share.get("count").asInt() + "/" + share.get("outOf").asInt() + " "
				+ (absent(share, "percent") ? "null" : share.get("percent").asString());
	}

	/** Null figures are left out of the JSON, as everywhere in the API. */
	private static boolean absent(JsonNode node, String field) {
		return !node.has(field) || node.get(field).isNull();
	}

	private static Map<String, Integer> row(JsonNode rows, String key, String value) {
		for (var row : rows) {
			if (row.get(key).asString().equals(value)) {
				return Map.of("product", row.get("product").asInt(), "website", row.get("website").asInt(),
						"total", row.get("total").asInt());
			}
		}
		throw new AssertionError("no row " + key + "=" + value + " in " + rows);
	}

	private static String between(String text, String start, String end) {
		var from = text.indexOf(start);
		return text.substring(from, text.indexOf(end, from));
	}

	private JsonNode dashboard(UserAccount user, String fy) {
		var response = client(user).get("/api/v1/vuln-dashboard" + (fy.isEmpty() ? "" : "?fy=" + fy));
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		return json.readTree(response.body());
	}

	/** A full browser sign-in at the moved clock's time (the second factor's code is of that moment). */
	private WebClient.Response page(UserAccount user, String language, String path) {
		var client = new WebClient(base()).language(language);
		var secret = TotpCodes.newSecret();
		users.startTotpEnrolment(user.id(), secret);
		users.enableTotp(user.id(), 0);
		var signIn = Fixtures.signIn(client, user.email());
		if (signIn.location().endsWith("/login/second-factor")) {
			client.submit("/login/second-factor", "/login/second-factor",
					Map.of("code", TotpCodes.code(secret, TotpCodes.step(clock.instant()))));
		}
		return client.get(path);
	}

	/** A token created now, valid for a day of the moved clock. */
	private ApiClient client(UserAccount user) {
		return api(tokens.create(user.principal(), "dashboard", EnumSet.of(ApiScope.VULNS_READ, ApiScope.VULNS_WRITE), 1)
			.clearToken());
	}

	private ApiClient api(String token) {
		return new ApiClient(base(), token);
	}

	private String base() {
		return "http://localhost:" + port;
	}

	private static Instant jst(String localDateTime) {
		return LocalDateTime.parse(localDateTime).atZone(FiscalYear.JAPAN).toInstant();
	}
}
