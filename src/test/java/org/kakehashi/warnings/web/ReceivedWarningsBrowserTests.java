package org.kakehashi.warnings.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.kakehashi.identity.OrganisationType;
import org.kakehashi.identity.Role;
import org.kakehashi.identity.internal.UserAccount;
import org.kakehashi.identity.internal.Users;
import org.kakehashi.sharing.Tlp;
import org.kakehashi.support.Browser;
import org.kakehashi.support.Fixtures;
import org.kakehashi.support.IntegrationTest;
import org.kakehashi.support.TotpCodes;
import org.kakehashi.warnings.internal.Agreements;
import org.kakehashi.warnings.internal.Urgency;
import org.kakehashi.warnings.internal.Warning;
import org.kakehashi.warnings.internal.WarningContent;
import org.kakehashi.warnings.internal.WarningViewer;
import org.kakehashi.warnings.internal.Warnings;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Early warnings from the recipient's side in a real browser: the centre's analyst makes a prior agreement with an
 * operator through the form, a warning is reviewed by a second analyst and published, the operator's open inbox
 * shows it live (badge 0 → 1, list and toast, no reload), and the operator acknowledges with a comment and reports
 * the warning mitigated. Another operator gets 404. Every page passes axe in Japanese and English.
 */
@Tag("browser")
class ReceivedWarningsBrowserTests extends IntegrationTest {

	@Autowired
	Fixtures fixtures;

	@Autowired
	Users users;

	@Autowired
	Warnings warnings;

	@Autowired
	Agreements agreements;

	@Test
	void anAgreementMadeInTheBrowserCarriesAWarningThatArrivesLiveAndIsAcknowledged() {
		var centre = fixtures.organisation(OrganisationType.NATIONAL_CENTRE);
		var analyst = fixtures.user(centre, Role.ANALYST);
		var reviewer = fixtures.user(centre, Role.ANALYST);
		var operatorOrg = fixtures.organisation(OrganisationType.OPERATOR, "ELECTRICITY");
		var operator = fixtures.user(operatorOrg, Role.VIEWER);
		var elsewhere = fixtures.user(fixtures.organisation(OrganisationType.OPERATOR, "ELECTRICITY"), Role.VIEWER);
		var secret = TotpCodes.newSecret();
		users.startTotpEnrolment(analyst.id(), secret);
		users.enableTotp(analyst.id(), 0);

		String agreementPath;
		try (var browser = Browser.open("http://localhost:" + port, "ja")) {
			browser.go("/login").type("email", analyst.email()).type("password", Fixtures.PASSWORD).click("sign-in");
			browser.type("code", TotpCodes.now(secret)).click("verify-code");
			assertThat(browser.path()).isEqualTo("/");
			browser.go("/warnings/agreements").click("new-agreement");
			assertThat(browser.path()).isEqualTo("/warnings/agreements/new");
			// Nothing chosen: the errors stand beside their fields.
			browser.click("save-agreement");
			assertThat(browser.find(By.id("subscriberOrganisationId-error")).getText()).isEqualTo("合意先の組織を選んでください。");
			browser.type("subscriber-search", operatorOrg.name());
			browser.find(By.id("subscriber-" + operatorOrg.id())).click();
			browser.find(By.id("sector-ELECTRICITY")).click();
			browser.find(By.id("channel-EMAIL")).click();
			browser.type("contactEmails", "soc@example.jp");
			browser.click("save-agreement");
			assertThat(browser.path()).startsWith("/warnings/agreements/");
			assertThat(browser.text("summary-subscriber")).isEqualTo(operatorOrg.name());
			agreementPath = browser.path();
			browser.go("/warnings/agreements");
			assertThat(browser.text("agreements")).contains(operatorOrg.name());
			browser.go("/language?lang=en");
			for (var page : new String[] { "/warnings/agreements", "/warnings/agreements?ended=true&q=Org",
					"/warnings/agreements/new?subscriberQuery=" + URLEncoder.encode(operatorOrg.name(), StandardCharsets.UTF_8),
					agreementPath, "/warnings/inbox" }) {
				browser.go(page);
				assertThat(browser.lang()).as(page).isEqualTo("en");
			}
		}
		var sender = WarningViewer.of(analyst.principal());
		var agreement = agreements.list(sender, operatorOrg.name(), false, 0, 10).items();
		assertThat(agreement).singleElement().satisfies(a -> assertThat(a.sectors()).containsExactly("ELECTRICITY"));

		for (var language : new String[] { "ja", "en" }) {
			try (var browser = Browser.open("http://localhost:" + port, language)) {
				signIn(browser, operator);
				browser.go("/warnings/inbox");
				assertThat(browser.lang()).isEqualTo(language);
				assertThat(unread(browser)).isEqualTo("0");
				((JavascriptExecutor) browser.driver()).executeScript("window.sameDocument = true;");

				var warning = publish(sender, WarningViewer.of(reviewer.principal()), "制御系ネットワークへの不正侵入 " + language);
				var wait = new WebDriverWait(browser.driver(), Duration.ofSeconds(30));
				wait.until(d -> "1".equals(unread(browser)));
				wait.until(d -> d.findElement(By.id("warnings-inbox")).getText().contains(warning.number()));
				wait.until(d -> d.findElement(By.id("inbox-toast")).getText().contains(warning.number()));
				assertThat(((JavascriptExecutor) browser.driver()).executeScript("return window.sameDocument === true;"))
					.as("the page was not reloaded").isEqualTo(Boolean.TRUE);
				assertThat(browser.find(By.id("warnings-unread")).isDisplayed()).isTrue();
				browser.checked();

				browser.find(By.linkText(warning.number())).click();
				browser.checked();
				assertThat(browser.path()).isEqualTo("/warnings/inbox/" + warning.id());
				assertThat(browser.text("warning-countermeasures")).contains("ja".equals(language) ? "ファームウェアを更新" : "Update the firmware");
				assertThat(browser.page()).contains("https://www.cve.org/CVERecord?id=CVE-2026-10001")
					.doesNotContain(elsewhere.email());
				browser.type("ack-comment-input", "SOC で確認しました");
				browser.click("acknowledge");
				assertThat(browser.text("ack-state")).contains(operator.displayName());
				assertThat(browser.text("ack-comment")).isEqualTo("SOC で確認しました");
				browser.find(By.id("action-MITIGATED")).click();
				browser.type("action-note-input", "対象機器を更新済み");
				browser.click("report-action");
				assertThat(browser.text("action-state")).contains("ja".equals(language) ? "対策済み" : "Mitigated");
				assertThat(browser.text("action-note")).isEqualTo("対象機器を更新済み");
				assertThat(unread(browser)).isEqualTo("0");
				browser.go("/warnings/inbox/" + warning.id() + "?text=" + ("ja".equals(language) ? "en" : "ja"));
				assertThat(browser.lang()).isEqualTo(language);
				assertThat(browser.find(By.id("warning-title")).getAttribute("lang")).isEqualTo("ja".equals(language) ? "en" : "ja");

				// An update reaches the open page too, and the received page says what changed.
				warnings.revise(sender, warning.id(), content("制御系ネットワークへの不正侵入 " + language, Urgency.CRITICAL),
						"緊急度を引き上げ", null);
				browser.go("/warnings/inbox/" + warning.id());
				assertThat(browser.text("revision-2")).contains("ja".equals(language) ? "緊急度" : "urgency", "緊急度を引き上げ");
				assertThat(browser.find(By.cssSelector("#revision-2.revision-new")).isDisplayed()).isTrue();

				for (var page : new String[] { "/warnings/inbox?urgency=CRITICAL&acknowledged=yes&unread=true&q=%E5%88%B6",
						"/warnings/inbox?urgency=NOPE", "/warnings/agreements", agreementPath }) {
					browser.go(page);
					assertThat(browser.lang()).as(page).isEqualTo(language);
				}
				assertThat(browser.page()).doesNotContain("id=\"agreement-form\"");

				warnings.withdraw(sender, warning.id(), "誤報のため");
				browser.go("/warnings/inbox/" + warning.id());
				assertThat(browser.text("withdrawn-banner")).contains("誤報のため");
				assertThat(browser.page()).doesNotContain("id=\"acknowledge\"");

				// Another operator: not listed, and 404 for the page and every answer.
				var other = browser();
				Fixtures.signIn(other, elsewhere.email());
				assertThat(other.get("/warnings/inbox/" + warning.id()).status()).isEqualTo(404);
				assertThat(other.get("/warnings/inbox").body()).doesNotContain(warning.number());
				assertThat(other.post("/warnings/inbox/" + warning.id() + "/acknowledgement", Map.of()).status()).isEqualTo(404);
				assertThat(other.get(agreementPath).status()).isEqualTo(404);
			}
		}
	}

	private Warning publish(WarningViewer sender, WarningViewer reviewer, String title) {
		var draft = warnings.create(sender, content(title, Urgency.HIGH));
		warnings.requestReview(sender, draft.id());
		warnings.review(reviewer, draft.id(), true, null);
		return warnings.publish(sender, draft.id());
	}

	private static WarningContent content(String title, Urgency urgency) {
		return new WarningContent(urgency, Tlp.AMBER, title, "Intrusion into control networks", "概要", "Summary",
				"攻撃者が VPN 装置の脆弱性を悪用しています。", "Attackers exploit a VPN appliance flaw.",
				"ファームウェアを更新し、管理画面を外部に公開しないでください。", "Update the firmware; do not expose the admin page.",
				"ExampleVPN 7.0–7.2", List.of("CVE-2026-10001"), List.of("https://www.example.jp/advisory"),
				List.of("ELECTRICITY"), List.of(), List.of(), List.of(new WarningContent.Indicator("IPV4", "198.51.100.7", null)),
				List.of());
	}

	private static String unread(Browser browser) {
		return browser.find(By.id("warnings-unread-count")).getAttribute("textContent").strip();
	}

	private static void signIn(Browser browser, UserAccount user) {
		browser.go("/login").type("email", user.email()).type("password", Fixtures.PASSWORD).click("sign-in");
		assertThat(browser.path()).isEqualTo("/");
	}
}
