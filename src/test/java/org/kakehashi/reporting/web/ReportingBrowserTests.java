package org.kakehashi.reporting.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.kakehashi.identity.OrganisationType;
import org.kakehashi.identity.Role;
import org.kakehashi.identity.internal.UserAccount;
import org.kakehashi.identity.internal.Users;
import org.kakehashi.reporting.clocks.ClockEscalation;
import org.kakehashi.support.Browser;
import org.kakehashi.support.Fixtures;
import org.kakehashi.support.MutableClock;
import org.kakehashi.support.TestDatabases;
import org.kakehashi.support.TotpCodes;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The reporting workflow in a real browser, as its three parties live it: an operator files a near miss
 * with two observables, its sector ministry forwards it with a note, the national centre reads it, and the
 * operator closes it with the final report. Every page visited is checked with axe-core.
 */
@Tag("browser")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ReportingBrowserTests {

	static final GreenMail MAIL = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));

	static {
		MAIL.start();
	}

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		TestDatabases.fresh(registry, "reportbrowser");
		registry.add("spring.mail.host", () -> "127.0.0.1");
		registry.add("spring.mail.port", () -> MAIL.getSmtp().getPort());
		// The ministry relays before the centre sees anything: the full 情報連絡 chain.
		registry.add("kakehashi.reporting.centre-receives", () -> "via-ministry");
	}

	@TestConfiguration
	static class Clocks {

		@Bean
		@Primary
		MutableClock testClock() {
			return new MutableClock(Instant.now());
		}
	}

	@AfterAll
	static void stopMail() {
		MAIL.stop();
	}

	@LocalServerPort
	int port;

	@Autowired
	Fixtures fixtures;

	@Autowired
	Users users;

	@Autowired
	MutableClock clock;

	@Autowired
	ClockEscalation escalation;

	@Test
	void nearMissFromOperatorThroughMinistryToCentreAndFinalReport() {
		var operator = fixtures.organisation(OrganisationType.OPERATOR, "ELECTRICITY");
		var reporter = fixtures.user(operator, Role.REPORTER);
		var ministryAnalyst = withTotp(fixtures.user(fixtures.organisation(OrganisationType.SECTOR_MINISTRY, "ELECTRICITY"), Role.ANALYST));
		var centreAnalyst = withTotp(fixtures.user(fixtures.organisation(OrganisationType.NATIONAL_CENTRE), Role.ANALYST));
		var aware = LocalDateTime.ofInstant(clock.instant().minus(Duration.ofHours(2)), ZoneId.of("Asia/Tokyo"))
			.withSecond(0).withNano(0);

		try (var browser = Browser.open("http://localhost:" + port, "ja")) {
			signIn(browser, reporter);
			browser.go("/reports/new?kind=NEAR_MISS");
			browser.type("title", "変電所監視端末への不審なログイン試行")
				.type("descriptionJa", "夜間に監視端末へ海外から複数回のログイン試行。侵入は確認されていない。")
				.click("eventType-INTRUSION")
				.click("cause-INTENTIONAL")
				.select("severityContinuity", "1")
				.select("severitySafety", "0")
				.select("observables0.type", "IPV4")
				.type("observables0.value", "203.0.113.45")
				.select("observables1.type", "DOMAIN")
				.type("observables1.value", "Login-Check.Example.NET");
			setDateTime(browser, "awareAt", aware);
			browser.click("submit-report");
			assertThat(browser.text("report-status")).isEqualTo("第一報");
			var reportPath = browser.path();
			assertThat(browser.text("observable-table")).contains("203.0.113.45").contains("login-check.example.net");
			assertThat(browser.page()).contains("センターには未連絡です");

			browser.newSession();
			signIn(browser, ministryAnalyst);
			browser.go(reportPath).type("note", "電力分野として注意喚起が必要と判断します。").click("forward-report");
			assertThat(browser.find(By.id("relay-forwarded")).getText()).contains("所管省庁が連絡");

			browser.newSession();
			signIn(browser, centreAnalyst);
			browser.go(reportPath);
			assertThat(browser.text("ministry-note")).contains("注意喚起が必要");

			// The centre triages: takes the report, re-rates it, tags the technique, opens a case with a task.
			browser.select("triage-assigneeId", centreAnalyst.id().toString());
			submit(browser, "/triage/assign");
			assertThat(browser.text("triage-assignee")).contains(centreAnalyst.displayName());
			browser.select("triage-centreSeverity", "2").type("triage-severityReason", "同種の試行が他事業者でも観測されている");
			submit(browser, "/triage/severity");
			browser.type("triage-techniques-input", "T1110.001");
			submit(browser, "/triage/techniques");
			assertThat(browser.text("triage-techniques")).contains("T1110.001");
			browser.type("triage-case-title", "電力分野への認証試行キャンペーン");
			submit(browser, "/cases");
			assertThat(browser.path()).startsWith("/cases/");
			browser.type("task-title", "他の電力事業者へのログ確認依頼");
			submit(browser, "/tasks");
			assertThat(browser.text("case-tasks")).contains("他の電力事業者へのログ確認依頼");
			browser.go("/triage");
			assertThat(browser.page()).contains("変電所監視端末への不審なログイン試行");
			browser.go("/reports?q=" + java.net.URLEncoder.encode("ログイン", java.nio.charset.StandardCharsets.UTF_8));
			assertThat(browser.text("results")).contains("変電所監視端末への不審なログイン試行");
			browser.go("/reports/statistics");
			assertThat(browser.text("table-per-year")).contains("1");
			// ECharts draws each chart as SVG next to its table.
			assertThat(browser.driver().findElements(By.cssSelector(".chart svg")))
				.hasSameSizeAs(browser.driver().findElements(By.cssSelector(".chart")));

			// Thirty-one days on, the Japanese regime's final-report target has passed: the page shows it and
			// the reporter and the ministry are told by e-mail.
			browser.go(reportPath);
			assertThat(browser.find(By.id("clock-JP-FINAL")).getAttribute("class")).doesNotContain("clock-overdue");
			clock.advance(Duration.ofDays(31));
			assertThat(escalation.escalateDue()).isPositive();
			var mails = java.util.Arrays.stream(MAIL.getReceivedMessages()).map(m -> {
				try {
					return m.getAllRecipients()[0] + " " + m.getSubject();
				} catch (jakarta.mail.MessagingException e) {
					throw new IllegalStateException(e);
				}
			}).toList();
			assertThat(mails).anyMatch(m -> m.startsWith(reporter.email()) && m.contains("最終報"))
				.anyMatch(m -> m.startsWith(ministryAnalyst.email()));

			browser.newSession();
			signIn(browser, reporter);
			// The start page's urgent card leads to the list of reports with an overdue deadline.
			browser.find(By.cssSelector("#card-reports-overdue a")).click();
			browser.checked();
			assertThat(browser.path()).startsWith("/reports?clock=overdue");
			assertThat(browser.text("results")).contains("変電所監視端末への不審なログイン試行");
			browser.go(reportPath);
			assertThat(browser.find(By.id("clock-JP-FINAL")).getAttribute("class")).contains("clock-overdue");
			browser.click("edit-report");
			setDateTime(browser, "recoveredAt", aware.plusHours(1));
			browser.type("descriptionJa", "海外からのログイン試行を遮断。侵入なし。対策完了。").click("submit-final");
			assertThat(browser.text("report-status")).isEqualTo("最終報");
			assertThat(browser.driver().findElements(By.id("edit-report"))).as("no updates after the final report").isEmpty();
		}
	}

	@Test
	void theFormFitsAPhoneScreenInEnglish() {
		var reporter = fixtures.user(fixtures.organisation(OrganisationType.OPERATOR, "WATER"), Role.REPORTER);
		try (var browser = Browser.open("http://localhost:" + port, "en")) {
			browser.driver().manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
			signIn(browser, reporter);
			browser.go("/reports/new");
			assertThat(browser.lang()).isEqualTo("en");
			var overflow = ((org.openqa.selenium.JavascriptExecutor) browser.driver()).executeScript(
					"return document.documentElement.scrollWidth - window.innerWidth;");
			assertThat(((Number) overflow).intValue()).as("horizontal overflow in px at 390 px wide").isLessThanOrEqualTo(0);
			browser.type("title", "Pump station PLC rebooted unexpectedly").click("save-draft");
			assertThat(browser.path()).endsWith("/edit");
			assertThat(browser.page()).contains("Draft saved");
		}
	}

	@Test
	void everyReportingAndIntelPagePassesAxeInBothLanguages() {
		var operator = fixtures.organisation(OrganisationType.OPERATOR, "RAILWAY");
		var reporter = fixtures.user(operator, Role.REPORTER);
		var report = reports.submitted(reporter, org.kakehashi.reporting.ReportKind.FAILURE, "座席予約システムの障害",
				clock.instant().minus(Duration.ofHours(1)), new org.kakehashi.reporting.Observable(
						org.kakehashi.reporting.ObservableType.DOMAIN, "reserve.example.jp"));
		var staff = withTotp(fixtures.user(fixtures.organisation(OrganisationType.NATIONAL_CENTRE), Role.ANALYST,
				Role.PLATFORM_ADMIN));
		// This context relays through the ministry: it forwards before the centre can see the report.
		var ministry = fixtures.user(fixtures.organisation(OrganisationType.SECTOR_MINISTRY, "RAILWAY"), Role.ANALYST);
		filing.forward(reports.viewer(ministry), report.id(), "鉄道分野として共有が必要");
		var kase = cases.open(reports.viewer(staff), report.id(), "予約システム障害の調整");
		var collection = intelAdministration.create(staff.principal(), "鉄道分野の指標", "予約システム関連", null,
				new org.kakehashi.intel.store.CollectionAdministration.Access(false, false, java.util.List.of(
						new org.kakehashi.intel.store.Grant(staff.organisationId(), null, null, true, true))));
		var indicatorId = "indicator--" + java.util.UUID.randomUUID();
		intelObjects.add(collection.id(), java.util.List.of(new org.kakehashi.intel.store.NewObject(indicatorId, "indicator", "2.1",
				"2026-01-01T00:00:00.000Z", Instant.parse("2026-01-01T00:00:00Z"), """
						{"type":"indicator","spec_version":"2.1","id":"%s","created":"2026-01-01T00:00:00.000Z",
						"modified":"2026-01-01T00:00:00.000Z","name":"予約サイトの偽ドメイン","pattern":"[domain-name:value = 'reserve.example.jp']",
						"pattern_type":"stix","valid_from":"2026-01-01T00:00:00Z","valid_until":"2026-02-01T00:00:00Z"}""".formatted(indicatorId))));
		observableIndex.indexStored(collection.id(), java.util.List.of(indicatorId));
		for (var language : new String[] { "ja", "en" }) {
			try (var browser = Browser.open("http://localhost:" + port, language)) {
				signIn(browser, staff);
				for (var page : new String[] { "/reports", "/reports/" + report.id(), "/reports/" + report.id() + "/versions/1",
						"/reports/" + report.id() + "/diff", "/reports/statistics", "/triage", "/triage?view=unassigned",
						"/cases", "/cases/" + kase.id(), "/reports/regimes", "/intel/imports", "/intel",
						"/intel?value=reserve.example.jp", "/intel?value=" + java.net.URLEncoder.encode("no such value", java.nio.charset.StandardCharsets.UTF_8),
						"/intel/collections/" + collection.id(), "/intel/collections/" + collection.id() + "?type=x",
						"/intel/objects/" + collection.id() + "/" + indicatorId, "/admin/intel/collections",
						"/admin/intel/collections/new", "/admin/intel/collections/" + collection.id() }) {
					browser.go(page);
					assertThat(browser.lang()).as(page).isEqualTo(language);
				}
			}
		}
	}

	@Autowired
	org.kakehashi.support.ReportFixtures reports;

	@Autowired
	org.kakehashi.intel.store.CollectionAdministration intelAdministration;

	@Autowired
	org.kakehashi.intel.store.StixObjects intelObjects;

	@Autowired
	org.kakehashi.intel.correlation.ObservableIndex observableIndex;

	@Autowired
	org.kakehashi.reporting.cases.Cases cases;

	@Autowired
	org.kakehashi.reporting.internal.ReportFiling filing;

	private UserAccount withTotp(UserAccount user) {
		var secret = TotpCodes.newSecret();
		users.startTotpEnrolment(user.id(), secret);
		users.enableTotp(user.id(), 0);
		secrets.put(user.id(), secret);
		return user;
	}

	private final java.util.Map<java.util.UUID, String> secrets = new java.util.HashMap<>();

	private void signIn(Browser browser, UserAccount user) {
		browser.go("/login").type("email", user.email()).type("password", Fixtures.PASSWORD).click("sign-in");
		var secret = secrets.get(user.id());
		if (secret != null) {
			// One code per 30-second step: move on so no two sign-ins share a step (the replay guard).
			clock.advance(Duration.ofSeconds(31));
			browser.type("code", TotpCodes.code(secret, TotpCodes.step(clock.instant()))).click("verify-code");
		}
		assertThat(browser.path()).isEqualTo("/");
	}

	/** Submits the form whose action ends with the given path (the panels' buttons carry no ids of their own). */
	private static void submit(Browser browser, String actionSuffix) {
		browser.find(By.cssSelector("form[action$='" + actionSuffix + "'] button[type=submit], form[action$='"
				+ actionSuffix + "'] button:not([type])")).click();
		browser.checked();
	}

	/** datetime-local inputs take typed digits in the browser's locale order; setting the value is reliable. */
	private static void setDateTime(Browser browser, String id, LocalDateTime value) {
		((org.openqa.selenium.JavascriptExecutor) browser.driver()).executeScript(
				"document.getElementById(arguments[0]).value = arguments[1];", id, value.toString());
	}
}
