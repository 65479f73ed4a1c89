package org.kakehashi.sharing.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.kakehashi.identity.ApiScope;
import org.kakehashi.identity.OrganisationType;
import org.kakehashi.identity.Role;
import org.kakehashi.identity.internal.ApiTokens;
import org.kakehashi.identity.internal.Organisation;
import org.kakehashi.identity.internal.Organisations;
import org.kakehashi.identity.internal.UserAccount;
import org.kakehashi.identity.internal.Users;
import org.kakehashi.reporting.Observable;
import org.kakehashi.reporting.ObservableType;
import org.kakehashi.reporting.ReportKind;
import org.kakehashi.sharing.Tlp;
import org.kakehashi.sharing.internal.AudienceEntry;
import org.kakehashi.sharing.internal.AudienceKind;
import org.kakehashi.sharing.internal.ItemContent;
import org.kakehashi.sharing.internal.SharedItems;
import org.kakehashi.support.ApiClient;
import org.kakehashi.support.Browser;
import org.kakehashi.support.Fixtures;
import org.kakehashi.support.MutableClock;
import org.kakehashi.support.ReportFixtures;
import org.kakehashi.support.TestDatabases;
import org.kakehashi.support.TotpCodes;
import org.kakehashi.support.WebClient;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Sanitised sharing in a real browser, as issue 4 tells it: an operator files a report that names itself, the
 * national centre makes a shared item of it and accepts the suggested redactions, the operator asks for a change
 * and then approves, the centre publishes TLP:AMBER to the sector, and an operator of that sector sees it arrive
 * without reloading. Nothing the recipient can fetch names the source; another sector's operator gets 404. Every
 * page visited is checked with axe-core.
 */
@Tag("browser")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SharingBrowserTests {

	static final GreenMail MAIL = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));

	static {
		MAIL.start();
	}

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		TestDatabases.fresh(registry, "sharingbrowser");
		registry.add("spring.mail.host", () -> "127.0.0.1");
		registry.add("spring.mail.port", () -> MAIL.getSmtp().getPort());
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
	Organisations organisations;

	@Autowired
	Users users;

	@Autowired
	ApiTokens tokens;

	@Autowired
	MutableClock clock;

	@Autowired
	ReportFixtures reports;

	@Autowired
	SharedItems sharedItems;

	private final Map<UUID, String> secrets = new HashMap<>();

	@Test
	void reportNamingItsSourceIsSanitisedApprovedAndReachesOnlyItsSector() {
		var sourceName = "北陸送電株式会社";
		var source = operator(sourceName, "ELECTRICITY");
		var reporter = fixtures.user(source, Role.REPORTER);
		var recipientOrg = operator("信越配電株式会社", "ELECTRICITY");
		operator("東海発電株式会社", "ELECTRICITY");
		operator("山陰電力株式会社", "ELECTRICITY");
		var recipient = fixtures.user(recipientOrg, Role.VIEWER);
		var elsewhere = fixtures.user(operator("湖北水道株式会社", "WATER"), Role.VIEWER);
		var analyst = withTotp(fixtures.user(fixtures.organisation(OrganisationType.NATIONAL_CENTRE), Role.ANALYST));
		var aware = LocalDateTime.ofInstant(clock.instant().minus(Duration.ofHours(2)), ZoneId.of("Asia/Tokyo"))
			.withSecond(0).withNano(0);
		var secrets = List.of(sourceName, "山田 太郎", "192.0.2.10", "yamada@hokuriku-soden.example");

		try (var browser = Browser.open(base(), "ja")) {
			// The operator files a report that names itself, its contact and its own server.
			signIn(browser, reporter);
			browser.go("/reports/new");
			browser.type("title", sourceName + " 制御系サーバへの不正アクセス")
				.type("descriptionJa", sourceName + "の制御系サーバ 192.0.2.10 に 203.0.113.50 から不正なログイン。"
						+ "山田 太郎が対応中。")
				.click("eventType-INTRUSION")
				.click("cause-INTENTIONAL")
				.select("severityContinuity", "2")
				.select("severitySafety", "1")
				.select("observables0.type", "IPV4")
				.type("observables0.value", "192.0.2.10")
				.select("observables1.type", "IPV4")
				.type("observables1.value", "203.0.113.50")
				.type("contactName", "山田 太郎")
				.type("contactEmail", "yamada@hokuriku-soden.example");
			setDateTime(browser, "awareAt", aware);
			browser.click("submit-report");
			var reportPath = browser.path();
			assertThat(reportPath).startsWith("/reports/");

			// The centre makes an item of it from the report page, marks the attacker, chooses the sector.
			browser.newSession();
			signIn(browser, analyst);
			browser.go(reportPath).click("share-report");
			var editPath = browser.path();
			assertThat(editPath).matches("/sharing/items/[0-9a-f-]+/edit");
			var itemId = editPath.split("/")[3];
			assertThat(browser.text("original")).contains(sourceName, "山田 太郎");
			browser.click("observables1.attacker").click("audience-sector-ELECTRICITY").click("save-item");
			assertThat(browser.text("guard-result")).contains("4");

			// The suggestions name the source, its contact and its own address, not the attacker's.
			assertThat(browser.text("redactions-title")).contains(sourceName);
			assertThat(browser.text("redactions-body")).contains(sourceName, "山田 太郎", "192.0.2.10")
				.doesNotContain("203.0.113.50");
			browser.click("accept-all-title").click("accept-all-body");
			var sanitised = browser.text("sanitised-title") + browser.text("sanitised-body");
			assertThat(sanitised).contains("203.0.113.50");
			secrets.forEach(s -> assertThat(sanitised).doesNotContain(s));

			browser.click("back-to-item").click("request-approval");
			assertThat(browser.text("item-status")).isEqualTo("承認待ち");

			// The source asks for a change.
			browser.newSession();
			signIn(browser, reporter);
			browser.go("/sharing");
			browser.find(By.cssSelector("#awaiting a")).click();
			browser.checked();
			assertThat(browser.text("source-body")).doesNotContain(sourceName);
			browser.click("request-changes");
			assertThat(browser.text("comment-error")).isNotBlank();
			browser.type("comment", "「制御系サーバ」は「サーバ」としてください。").click("request-changes");
			assertThat(browser.text("item-status")).isEqualTo("修正依頼あり");

			// The centre edits and asks again; the source approves.
			browser.newSession();
			signIn(browser, analyst);
			browser.go("/sharing/items/" + itemId);
			assertThat(browser.text("approvals")).contains("「制御系サーバ」は「サーバ」としてください。");
			browser.click("edit-item");
			var body = browser.find(By.id("body")).getAttribute("value");
			browser.type("body", body.replace("制御系サーバ", "サーバ")).click("save-item");
			browser.click("back-to-item").click("request-approval");

			browser.newSession();
			signIn(browser, reporter);
			browser.go("/sharing/items/" + itemId).click("approve");

			// A recipient in the sector has the inbox open while the centre publishes.
			try (var inbox = Browser.open(base(), "ja")) {
				signIn(inbox, recipient);
				inbox.go("/sharing/inbox");
				assertThat(unread(inbox)).isEqualTo("0");

				browser.newSession();
				signIn(browser, analyst);
				browser.go("/sharing/items/" + itemId);
				assertThat(browser.text("item-approved")).isNotBlank();
				browser.click("publish");
				assertThat(browser.text("item-status")).isEqualTo("公開済み");
				assertThat(browser.text("item-tlp")).isEqualTo("TLP:AMBER");

				new WebDriverWait(inbox.driver(), Duration.ofSeconds(30)).until(d -> "1".equals(unread(inbox)));
				inbox.checked();
				inbox.go("/sharing/items/" + itemId);
				assertThat(inbox.path()).isEqualTo("/sharing/inbox/" + itemId);
				assertThat(inbox.text("item-body")).contains("203.0.113.50");
				var page = inbox.page();
				secrets.forEach(s -> assertThat(page).doesNotContain(s));
				assertThat(page).doesNotContain(source.id().toString(), reportPath);
			}

			// What the recipient can fetch over the API names the source nowhere either.
			var api = new ApiClient(base(), tokens.create(recipient.principal(), "test", EnumSet.of(ApiScope.SHARING_READ),
					1).clearToken());
			for (var path : List.of("/api/v1/shared-items/" + itemId, "/api/v1/inbox")) {
				var response = api.get(path);
				assertThat(response.status()).as(path).isEqualTo(200);
				assertThat(response.body()).contains(itemId);
				secrets.forEach(s -> assertThat(response.body()).as(path).doesNotContain(s));
				assertThat(response.body()).doesNotContain(source.id().toString(), reportPath.substring(9));
			}

			// Another sector's operator: the item does not exist for them.
			var other = new WebClient(base());
			Fixtures.signIn(other, elsewhere.email());
			assertThat(other.get("/sharing/inbox/" + itemId).status()).isEqualTo(404);
			assertThat(other.get("/sharing/items/" + itemId).status()).isEqualTo(404);
			var otherApi = new ApiClient(base(), tokens.create(elsewhere.principal(), "test",
					EnumSet.of(ApiScope.SHARING_READ), 1).clearToken());
			assertThat(otherApi.get("/api/v1/shared-items/" + itemId).status()).isEqualTo(404);
		}
	}

	@Test
	void everySharingPagePassesAxeInBothLanguages() {
		var source = operator("若狭電力株式会社", "ELECTRICITY");
		var reporter = fixtures.user(source, Role.REPORTER);
		var analyst = withTotp(fixtures.user(fixtures.organisation(OrganisationType.NATIONAL_CENTRE), Role.ANALYST));
		var report = reports.submitted(reporter, ReportKind.INCIDENT, "若狭電力株式会社 の監視端末で不審通信",
				clock.instant().minus(Duration.ofHours(1)), new Observable(ObservableType.IPV4, "192.0.2.77"));
		var hub = reports.viewer(analyst);
		var awaiting = sharedItems.create(hub, new ItemContent("", "", "", "", "ja", Tlp.AMBER, List.of(), null, null,
				List.of(), List.of(new AudienceEntry(AudienceKind.SECTOR, "ELECTRICITY"))), List.of(report.id())).id();
		sharedItems.requestApproval(hub, awaiting);
		var published = sharedItems.create(hub, new ItemContent("公開済みの注意喚起", "本文", "分析", "対策", "ja", Tlp.GREEN,
				List.of("ELECTRICITY"), null, null, List.of(), List.of(new AudienceEntry(AudienceKind.SECTOR, "ELECTRICITY"))),
				List.of()).id();
		sharedItems.publish(hub, published, null, null);
		for (var language : new String[] { "ja", "en" }) {
			try (var browser = Browser.open(base(), language)) {
				signIn(browser, analyst);
				for (var page : new String[] { "/reports/" + report.id(), "/sharing", "/sharing?status=PUBLISHED",
						"/sharing/new", "/sharing/items/" + awaiting, "/sharing/items/" + awaiting + "/edit",
						"/sharing/items/" + published }) {
					browser.go(page);
					assertThat(browser.lang()).as(page).isEqualTo(language);
				}
				// The audience editor finds organisations by name as one types (htmx), accessibly.
				browser.go("/sharing/items/" + awaiting + "/edit").type("organisation-search", "若狭");
				browser.find(By.id("org-result-" + source.id()));
				browser.checked();
				// A refused step is explained beside its field, and the page still passes.
				browser.go("/sharing/items/" + awaiting).click("publish");
				assertThat(browser.text("approvalOverrideReason-error")).isNotBlank();
				browser.go("/sharing/new").click("create-item");
				assertThat(browser.text("title-error")).isNotBlank();
				browser.go("/sharing/items/" + awaiting + "/edit").type("title", "").type("audienceUsers", "nobody@example.jp")
					.click("save-item");
				assertThat(browser.text("audienceUsers-error")).contains("nobody@example.jp");

				browser.newSession();
				signIn(browser, reporter);
				for (var page : new String[] { "/sharing", "/sharing/items/" + awaiting }) {
					browser.go(page);
					assertThat(browser.lang()).as(page).isEqualTo(language);
				}
			}
		}
	}

	private Organisation operator(String name, String sector) {
		return organisations.create(new Organisations.Draft(name, null, OrganisationType.OPERATOR,
				Organisation.SizeClass.LARGE, "富山県", false, List.of(sector)));
	}

	private String base() {
		return "http://localhost:" + port;
	}

	private static String unread(Browser browser) {
		return browser.find(By.id("inbox-unread-count")).getAttribute("textContent").strip();
	}

	private UserAccount withTotp(UserAccount user) {
		var secret = TotpCodes.newSecret();
		users.startTotpEnrolment(user.id(), secret);
		users.enableTotp(user.id(), 0);
		secrets.put(user.id(), secret);
		return user;
	}

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

	/** datetime-local inputs take typed digits in the browser's locale order; setting the value is reliable. */
	private static void setDateTime(Browser browser, String id, LocalDateTime value) {
		((org.openqa.selenium.JavascriptExecutor) browser.driver()).executeScript(
				"document.getElementById(arguments[0]).value = arguments[1];", id, value.toString());
	}
}
