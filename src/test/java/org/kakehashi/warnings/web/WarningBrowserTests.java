package org.kakehashi.warnings.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.kakehashi.identity.OrganisationType;
import org.kakehashi.identity.Role;
import org.kakehashi.identity.internal.Organisation;
import org.kakehashi.identity.internal.Organisations;
import org.kakehashi.identity.internal.UserAccount;
import org.kakehashi.identity.internal.Users;
import org.kakehashi.sharing.Tlp;
import org.kakehashi.support.Browser;
import org.kakehashi.support.Fixtures;
import org.kakehashi.support.MutableClock;
import org.kakehashi.support.TestDatabases;
import org.kakehashi.support.TotpCodes;
import org.kakehashi.warnings.internal.Agreements;
import org.kakehashi.warnings.internal.Urgency;
import org.kakehashi.warnings.internal.WarningContent;
import org.kakehashi.warnings.internal.WarningViewer;
import org.kakehashi.warnings.internal.Warnings;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
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
 * The sender's side of an early warning in a real browser: composed from a template, refused for review without
 * countermeasures (the error beside the field), sent for review once they are there, approved by a colleague (the
 * author may not), the computed recipients shown before publishing, published, and the tracking dashboard moving
 * from 0 % to 100 % without a reload when the recipient acknowledges. Every page is checked with axe-core, in
 * Japanese and in English.
 */
@Tag("browser")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class WarningBrowserTests {

	static final GreenMail MAIL = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));

	static {
		MAIL.start();
	}

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		TestDatabases.fresh(registry, "warningbrowser");
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
	MutableClock clock;

	@Autowired
	Agreements agreements;

	@Autowired
	Warnings warnings;

	private final Map<UUID, String> secrets = new HashMap<>();

	/**
	 * The whole workflow with two browsers open at once: the operator watches its warnings inbox while the sender
	 * composes, has it reviewed and publishes; the warning appears there (and in the agreed contact's mailbox)
	 * without a reload; the operator acknowledges and reports its action in its browser, and the sender's
	 * dashboard, also open, follows without a reload.
	 */
	@Test
	void composedReviewedPublishedReceivedLiveAcknowledgedAndTrackedLive() throws Exception {
		var coordinator = fixtures.organisation(OrganisationType.COORDINATOR);
		var author = withTotp(fixtures.user(coordinator, Role.ANALYST));
		var colleague = withTotp(fixtures.user(coordinator, Role.COORDINATOR));
		var subscriber = operator("北陸送電株式会社", "ELECTRICITY");
		operator("湖北水道株式会社", "WATER");
		var recipient = fixtures.user(subscriber, Role.REPORTER);
		var contact = "soc-" + UUID.randomUUID().toString().substring(0, 8) + "@hokuriku-soden.example";
		agreements.create(WarningViewer.of(author.principal()), new Agreements.AgreementInput(subscriber.id(),
				List.of("ELECTRICITY"), List.of(), List.of(), List.of("INBOX", "EMAIL"), List.of(contact), "ja", null, null,
				null, ""));

		try (var browser = Browser.open(base(), "ja"); var operatorBrowser = Browser.open(base(), "ja")) {
			signIn(operatorBrowser, recipient);
			operatorBrowser.go("/warnings/inbox");
			assertThat(unread(operatorBrowser)).isEqualTo("0");
			var operatorJs = (JavascriptExecutor) operatorBrowser.driver();
			operatorJs.executeScript("window.kakehashiNoReload = true;");

			signIn(browser, author);
			browser.go("/warnings");
			assertThat(browser.text("warnings-none")).isNotBlank();
			browser.click("new-warning").select("template", "builtin-exploited-vulnerability").click("use-template");
			assertThat(value(browser, "titleJa")).contains("脆弱性を悪用する攻撃");
			assertThat(value(browser, "titleEn")).contains("actively exploited");
			assertThat(value(browser, "countermeasuresJa")).contains("修正版");

			// Without countermeasures it is not sent for review; the error stands beside the field.
			browser.type("countermeasuresJa", "").type("countermeasuresEn", "").type("keywords", "VPN 装置")
				.click("sector-ELECTRICITY").click("save-and-review");
			assertThat(browser.text("countermeasuresJa-error")).contains("対策");
			assertThat(browser.find(By.id("sector-ELECTRICITY")).isSelected()).isTrue();
			browser.type("countermeasuresJa", "修正版 7.2.1 を直ちに適用してください。").click("save-and-review");
			assertThat(browser.path()).matches("/warnings/[0-9a-f-]+");
			var warningPath = browser.path();
			var id = UUID.fromString(warningPath.substring("/warnings/".length()));
			assertThat(browser.text("warning-status")).isEqualTo("レビュー中");
			assertThat(browser.text("own-edit")).contains("レビューできません");
			assertThat(browser.page()).doesNotContain("id=\"approve\"");

			// A colleague approves and sees whom it would reach before publishing.
			browser.newSession();
			signIn(browser, colleague);
			browser.go(warningPath).click("approve");
			assertThat(browser.text("warning-status")).isEqualTo("承認済み");
			assertThat(browser.text("planned-count")).contains("1");
			assertThat(browser.text("planned")).contains("北陸送電株式会社", "事前の合意").doesNotContain("湖北水道");
			browser.click("publish");
			assertThat(browser.text("warning-status")).isEqualTo("発信済み");
			assertThat(browser.text("coverage-acknowledged")).startsWith("0 %");
			assertThat(browser.text("silent")).contains("北陸送電株式会社");
			var js = (JavascriptExecutor) browser.driver();
			js.executeScript("window.kakehashiNoReload = true;");

			// The operator's open inbox has it without a reload; the agreed contact has it by e-mail.
			var operatorWait = new WebDriverWait(operatorBrowser.driver(), Duration.ofSeconds(30));
			operatorWait.until(d -> "1".equals(unread(operatorBrowser)));
			operatorWait.until(d -> d.findElement(By.id("warnings-inbox")).getText().contains("脆弱性を悪用する攻撃"));
			assertThat(operatorJs.executeScript("return window.kakehashiNoReload === true;")).isEqualTo(true);
			await().atMost(Duration.ofSeconds(30)).until(() -> Arrays.stream(MAIL.getReceivedMessages())
				.anyMatch(m -> recipientIs(m, contact)));

			// The operator opens it, acknowledges and reports what it did, in its own browser.
			operatorBrowser.go("/warnings/inbox/" + id);
			assertThat(operatorBrowser.text("warning-countermeasures")).contains("修正版 7.2.1");
			operatorBrowser.type("ack-comment-input", "SOC で確認しました").click("acknowledge");
			assertThat(operatorBrowser.text("ack-state")).contains(recipient.displayName());
			operatorBrowser.find(By.id("action-MITIGATED")).click();
			operatorBrowser.type("action-note-input", "全拠点の VPN 装置を更新済み").click("report-action");
			assertThat(operatorBrowser.text("action-state")).contains("対策済み");
			operatorBrowser.checked();

			// The sender's dashboard followed without a reload.
			new WebDriverWait(browser.driver(), Duration.ofSeconds(30))
				.until(d -> browser.text("coverage-acknowledged").startsWith("100 %"));
			assertThat(js.executeScript("return window.kakehashiNoReload === true;")).isEqualTo(true);
			assertThat(browser.text("silent-none")).isNotBlank();
			assertThat(browser.text("tta-table")).contains("15 分以内");
			assertThat(browser.page()).contains("全拠点の VPN 装置を更新済み");
			browser.checked();
			assertThat(warnings.tracking(WarningViewer.of(author.principal()), id).mitigated()).isEqualTo(1);
		}
	}

	private static String unread(Browser browser) {
		return browser.find(By.id("warnings-unread-count")).getAttribute("textContent").strip();
	}

	private static boolean recipientIs(jakarta.mail.internet.MimeMessage message, String address) {
		try {
			return Arrays.stream(message.getAllRecipients()).anyMatch(a -> a.toString().equals(address));
		}
		catch (jakarta.mail.MessagingException e) {
			throw new IllegalStateException(e);
		}
	}

	@Test
	void everySenderPagePassesAxeInBothLanguages() {
		var coordinator = fixtures.organisation(OrganisationType.COORDINATOR);
		var analyst = withTotp(fixtures.user(coordinator, Role.ANALYST));
		var colleague = fixtures.user(coordinator, Role.COORDINATOR);
		var subscriber = operator("信越配電株式会社", "ELECTRICITY");
		var author = WarningViewer.of(colleague.principal());
		agreements.create(author, new Agreements.AgreementInput(subscriber.id(), List.of("ELECTRICITY"), List.of(),
				List.of(), List.of("INBOX"), List.of(), "ja", null, null, null, ""));
		var draft = warnings.create(author, content("下書きの警戒情報", List.of()));
		warnings.requestReview(author, draft.id());
		var published = warnings.create(author, content("発信済みの警戒情報", List.of()));
		warnings.requestReview(author, published.id());
		warnings.review(WarningViewer.of(analyst.principal()), published.id(), true, null);
		warnings.publish(WarningViewer.of(analyst.principal()), published.id());
		for (var language : new String[] { "ja", "en" }) {
			try (var browser = Browser.open(base(), language)) {
				signIn(browser, analyst);
				for (var page : new String[] { "/warnings", "/warnings?status=PUBLISHED&q=nothing", "/warnings/new",
						"/warnings/new?template=builtin-phishing", "/warnings/templates", "/warnings/" + draft.id(),
						"/warnings/" + draft.id() + "/edit", "/warnings/" + published.id(),
						"/warnings/" + published.id() + "/revise" }) {
					browser.go(page);
					assertThat(browser.lang()).as(page).isEqualTo(language);
				}
				// The organisation search answers as one types (htmx), accessibly.
				browser.go("/warnings/new").type("organisation-search", "信越");
				browser.find(By.id("org-result-" + subscriber.id()));
				browser.checked();
				// Refusals beside their fields, and the pages still pass.
				browser.go("/warnings/new").type("cveIds", "CVE-1").type("indicators", "IPV4 1.2.3").click("save-warning");
				assertThat(browser.text("titleJa-error")).isNotBlank();
				assertThat(browser.text("cveIds-error")).isNotBlank();
				assertThat(browser.text("indicators-error")).isNotBlank();
				browser.go("/warnings/" + published.id()).click("withdraw");
				assertThat(browser.text("reason-error")).isNotBlank();
				browser.go("/warnings/" + published.id() + "/revise").click("save-warning");
				assertThat(browser.text("form-errors")).isNotBlank();
				browser.go("/warnings/" + published.id()).click("filter-SILENT");
				browser.find(By.cssSelector("#filter-SILENT[aria-current='true']"));
				browser.checked();
			}
		}
	}

	private WarningContent content(String title, List<UUID> additions) {
		return new WarningContent(Urgency.HIGH, Tlp.AMBER, title, "", "概要", "", "脅威", "", "対策を実施する。", "", "",
				List.of("CVE-2026-10001"), List.of("https://example.jp/advisory"), List.of("ELECTRICITY"), List.of(),
				List.of(), List.of(new WarningContent.Indicator("IPV4", "203.0.113.9", null)), additions);
	}

	private Organisation operator(String name, String sector) {
		return organisations.create(new Organisations.Draft(name + "-" + UUID.randomUUID().toString().substring(0, 4), null,
				OrganisationType.OPERATOR, Organisation.SizeClass.LARGE, "富山県", false, List.of(sector)));
	}

	private String base() {
		return "http://localhost:" + port;
	}

	private static String value(Browser browser, String id) {
		return browser.find(By.id(id)).getAttribute("value");
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

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
	}
}
