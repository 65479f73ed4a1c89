package org.kakehashi.vulns.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.kakehashi.identity.OrganisationType;
import org.kakehashi.identity.Role;
import org.kakehashi.identity.internal.Users;
import org.kakehashi.support.Browser;
import org.kakehashi.support.Fixtures;
import org.kakehashi.support.IntegrationTest;
import org.kakehashi.support.TotpCodes;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A finder reports a vulnerability through the form in Japanese (errors beside their fields first, then a receipt
 * with the tracking number); a coordinator finds it in the queue in English and accepts it through the move form,
 * which offers only the allowed next states. Every page passes axe.
 */
@Tag("browser")
class VulnCaseBrowserTests extends IntegrationTest {

	@Autowired
	Fixtures fixtures;

	@Autowired
	Users users;

	@Test
	void aFinderReportsInJapaneseAndACoordinatorAcceptsInEnglish() {
		var finder = fixtures.user(fixtures.organisation(OrganisationType.OPERATOR, "ELECTRICITY"), Role.REPORTER);
		var coordinator = fixtures.user(fixtures.organisation(OrganisationType.COORDINATOR), Role.COORDINATOR);
		var secret = TotpCodes.newSecret();
		users.startTotpEnrolment(coordinator.id(), secret);
		users.enableTotp(coordinator.id(), 0);
		var title = Fixtures.unique("FooSCADA 認証回避");

		String number;
		String casePath;
		try (var browser = Browser.open("http://localhost:" + port, "ja")) {
			browser.go("/login").type("email", finder.email()).type("password", Fixtures.PASSWORD).click("sign-in");
			browser.go("/vulns");
			assertThat(browser.lang()).isEqualTo("ja");
			assertThat(browser.text("vulns-none")).isEqualTo("あなたはまだ脆弱性を届け出ていません。");
			browser.click("report-vulnerability");
			assertThat(browser.path()).isEqualTo("/vulns/report");
			// Nothing filled in: each problem stands beside its field.
			browser.click("submit-report");
			assertThat(browser.text("kind-error")).isEqualTo("製品とウェブサイトのどちらの脆弱性かを選んでください。");
			assertThat(browser.text("title-error")).isEqualTo("必須です。");
			assertThat(browser.text("description-error")).isEqualTo("必須です。");
			browser.find(By.id("kind-PRODUCT")).click();
			browser.find(By.id("ics")).click();
			browser.type("vendorName", "Foo 制御機器").type("productName", "FooSCADA").type("versions", "3.2 以前")
				.type("title", title).type("description", "ログイン画面で認証を回避できる。")
				.type("reproduction", "1. 管理画面を開く").type("impact", "遠隔から設定を変更される")
				.type("suggestedCvss", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H");
			browser.find(By.id("consentCredit")).click();
			browser.click("submit-report");
			assertThat(browser.path()).endsWith("/receipt");
			number = browser.text("tracking-number");
			assertThat(number).matches("VU#\\d{4}-\\d{4,}");
			assertThat(browser.text("receipt-status")).isEqualTo("受付");
			browser.click("open-case");
			casePath = browser.path();
			assertThat(browser.text("case-number")).isEqualTo(number);
			assertThat(browser.text("cvss-score")).isEqualTo("CVSS 3.1 基本値 9.8（緊急）");
			// The finder follows the case but is offered no move.
			assertThat(browser.page()).doesNotContain("id=\"move-form\"");
		}

		try (var browser = Browser.open("http://localhost:" + port, "en")) {
			browser.go("/login").type("email", coordinator.email()).type("password", Fixtures.PASSWORD).click("sign-in");
			browser.type("code", TotpCodes.now(secret)).click("verify-code");
			browser.go("/vulns?status=RECEIVED");
			assertThat(browser.lang()).isEqualTo("en");
			assertThat(browser.text("vuln-cases")).contains(number);
			browser.find(By.linkText(number)).click();
			browser.checked();
			assertThat(browser.path()).isEqualTo(casePath);
			assertThat(browser.text("case-status")).isEqualTo("Received");
			assertThat(browser.text("cvss-score")).isEqualTo("CVSS 3.1 base score 9.8 (Critical)");
			// Only the allowed next state is offered.
			assertThat(browser.driver().findElements(By.cssSelector("input[name=to]"))).hasSize(1);
			browser.find(By.id("to-CHECKING")).click();
			browser.click("move-case");
			assertThat(browser.text("case-status")).isEqualTo("Checking");
			// Not accepting without a reason: the error stands beside the reason.
			browser.find(By.id("to-NOT_ACCEPTED")).click();
			browser.click("move-case");
			assertThat(browser.text("reason-error")).isEqualTo("Say why the report is not accepted: the finder reads this reason.");
			browser.find(By.id("to-ACCEPTED")).click();
			browser.type("reason", "New; the vendor is reachable.");
			browser.click("move-case");
			assertThat(browser.text("case-status")).isEqualTo("Accepted");
			assertThat(browser.text("case-history")).contains("New; the vendor is reachable.", "coordinators only");
			assertThat(browser.find(By.id("firstVendorContactOn")).isDisplayed()).isTrue();
		}
		assertThat(MAIL.getReceivedMessagesForDomain(finder.email())).hasSize(1);
	}
}
