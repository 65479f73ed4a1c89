package org.kakehashi.identity.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.regex.Pattern;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.kakehashi.identity.internal.FirstAdminSetup;
import org.kakehashi.identity.internal.Organisations;
import org.kakehashi.support.Browser;
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
 * A new installation, as its first users meet it in a real browser: first-admin set-up, TOTP enrolment,
 * sign-in with password and TOTP, an organisation, an invitation that arrives by SMTP, the invitee's first
 * sign-in, and the language switch. Every page visited is checked with axe-core.
 */
@Tag("browser")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class FoundationBrowserTests {

	static final GreenMail MAIL = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));

	static {
		MAIL.start();
	}

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		TestDatabases.fresh(registry, "browser");
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
	FirstAdminSetup setup;

	@Autowired
	Organisations organisations;

	@Autowired
	MutableClock clock;

	@Test
	void firstAdministratorToInvitedColleagueInBothLanguages() throws Exception {
		var link = setup.issueLink();
		try (var browser = Browser.open("http://localhost:" + port, "ja")) {
			// First-administrator set-up from the one-time link.
			browser.go(link.substring(link.indexOf("/setup")));
			assertThat(browser.lang()).isEqualTo("ja");
			browser.type("organisationName", "内閣サイバー連携センター")
				.type("displayName", "山田 花子")
				.type("email", "hanako@centre.example.jp")
				.type("password", "sakura blossoms over kamogawa")
				.type("passwordConfirmation", "sakura blossoms over kamogawa")
				.click("create-admin");
			assertThat(browser.path()).startsWith("/login");

			// Administrators must enrol a second factor at their first sign-in.
			signIn(browser, "hanako@centre.example.jp", "sakura blossoms over kamogawa");
			assertThat(browser.path()).startsWith("/account/second-factor/enrol");
			var secret = browser.text("totp-secret").replace(" ", "");
			browser.type("code", TotpCodes.code(secret, TotpCodes.step(clock.instant()))).click("confirm-enrolment");
			assertThat(browser.driver().findElements(By.cssSelector("#recovery-codes li"))).hasSize(10);
			browser.find(By.cssSelector("main a.button")).click();
			browser.checked();

			// Sign out, then back in with password and a fresh TOTP code.
			browser.click("sign-out");
			assertThat(browser.path()).startsWith("/login");
			clock.advance(Duration.ofSeconds(31));
			signIn(browser, "hanako@centre.example.jp", "sakura blossoms over kamogawa");
			assertThat(browser.path()).startsWith("/login/second-factor");
			browser.type("code", TotpCodes.code(secret, TotpCodes.step(clock.instant()))).click("verify-code");
			assertThat(browser.path()).isEqualTo("/");
			assertThat(browser.page()).contains("山田 花子");

			// An organisation for an electricity operator.
			browser.go("/admin/organisations/new")
				.type("name", "みちのく電力株式会社")
				.select("type", "OPERATOR");
			browser.find(By.id("sector-ELECTRICITY")).click();
			browser.click("save-organisation");
			assertThat(browser.page()).contains("みちのく電力株式会社");
			var operator = organisations.byName("みちのく電力株式会社").orElseThrow();

			// Invite a reporter there; the e-mail goes through a real SMTP server.
			browser.go("/admin/users/invite")
				.select("organisationId", operator.id().toString())
				.type("email", "taro@michinoku.example.jp")
				.type("displayName", "佐藤 太郎");
			var reporter = browser.find(By.id("role-REPORTER"));
			if (!reporter.isSelected()) {
				reporter.click();
			}
			browser.click("send-invitation");
			assertThat(browser.page()).as("after sending the invitation").doesNotContain("field-error");
			assertThat(MAIL.waitForIncomingEmail(10_000, 1)).isTrue();
			var mail = MAIL.getReceivedMessages()[0];
			assertThat(mail.getAllRecipients()[0].toString()).isEqualTo("taro@michinoku.example.jp");
			var matcher = Pattern.compile("/invitation\\?token=[A-Za-z0-9_-]+").matcher(mail.getContent().toString());
			assertThat(matcher.find()).isTrue();

			// The invitee accepts in a fresh session and signs in (no second factor needed for a reporter).
			browser.click("sign-out");
			browser.newSession().go(matcher.group());
			browser.type("password", "ringo orchards in aomori")
				.type("passwordConfirmation", "ringo orchards in aomori")
				.click("accept-invitation");
			assertThat(browser.path()).startsWith("/login");
			signIn(browser, "taro@michinoku.example.jp", "ringo orchards in aomori");
			assertThat(browser.path()).isEqualTo("/");
			assertThat(browser.page()).contains("佐藤 太郎").contains("みちのく電力株式会社").contains("報告担当");

			// Switch to English: the same page, in English, and it stays English.
			browser.click("lang-en");
			assertThat(browser.lang()).isEqualTo("en");
			assertThat(browser.page()).contains("Welcome, 佐藤 太郎").contains("Reporter");
			browser.go("/account");
			assertThat(browser.lang()).isEqualTo("en");
		}
	}

	private static void signIn(Browser browser, String email, String password) {
		browser.go("/login").type("email", email).type("password", password).click("sign-in");
	}
}
