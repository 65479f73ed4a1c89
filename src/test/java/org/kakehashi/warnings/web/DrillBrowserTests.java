package org.kakehashi.warnings.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.kakehashi.identity.OrganisationType;
import org.kakehashi.identity.Role;
import org.kakehashi.identity.internal.UserAccount;
import org.kakehashi.identity.internal.Users;
import org.kakehashi.support.Browser;
import org.kakehashi.support.Fixtures;
import org.kakehashi.support.IntegrationTest;
import org.kakehashi.support.TotpCodes;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The drill and escalation-rule pages in a real browser, in Japanese and English, with axe on every page: the
 * centre starts a drill, the ministry confirms and passes it on from its list, the centre reads the report; the
 * rules page shows a broken rule beside its field.
 */
@Tag("browser")
class DrillBrowserTests extends IntegrationTest {

	@Autowired
	Fixtures fixtures;

	@Autowired
	Users users;

	@ParameterizedTest
	@ValueSource(strings = { "ja", "en" })
	void centreStartsMinistryForwardsCentreReadsTheReport(String language) {
		var centre = fixtures.organisation(OrganisationType.NATIONAL_CENTRE);
		var ministry = fixtures.organisation(OrganisationType.SECTOR_MINISTRY, "LOGISTICS");
		var ceptoar = fixtures.organisation(OrganisationType.CEPTOAR, "LOGISTICS");
		var analyst = fixtures.user(centre, Role.ANALYST);
		var ministryAnalyst = fixtures.user(ministry, Role.ANALYST);
		var analystSecret = enrol(analyst);
		var ministrySecret = enrol(ministryAnalyst);

		try (var browser = Browser.open("http://localhost:" + port, language)) {
			signIn(browser, analyst, analystSecret);
			browser.go("/warnings/drills");
			assertThat(browser.lang()).isEqualTo(language);
			browser.type("title", "Drill " + language).type("messageJa", "受領確認をお願いします。")
				.type("messageEn", "Please confirm receipt.");
			browser.find(By.id("ministry-" + ministry.id())).click();
			browser.type("deadlineHours", "4").click("start-drill");
			assertThat(browser.path()).startsWith("/warnings/drills/");
			var report = browser.path();
			assertThat(browser.page()).contains(ministry.name());

			browser.go("/warnings/escalation-rules");
			browser.type("CRITICAL.remindAfterHours", "5").type("CRITICAL.escalateAfterHours", "3").click("save-rules");
			assertThat(browser.find(By.id("CRITICAL.escalateAfterHours-error")).isDisplayed()).isTrue();
			browser.type("CRITICAL.escalateAfterHours", "6").click("save-rules");
			assertThat(browser.page()).doesNotContain("CRITICAL.escalateAfterHours-error");

			try (var ministryBrowser = Browser.open("http://localhost:" + port, language)) {
				signIn(ministryBrowser, ministryAnalyst, ministrySecret);
				ministryBrowser.go("/warnings/drills");
				var drillId = report.substring("/warnings/drills/".length());
				ministryBrowser.click("forward-" + drillId);
				assertThat(ministryBrowser.path()).isEqualTo(report);
				assertThat(ministryBrowser.page()).contains(ceptoar.name()).contains("id=\"own-forwarded\"");
			}

			browser.go(report);
			assertThat(browser.page()).contains(ceptoar.name()).contains("id=\"close-drill\"");
			browser.click("close-drill");
			assertThat(browser.page()).doesNotContain("id=\"close-drill\"");
		}
	}

	private String enrol(UserAccount user) {
		var secret = TotpCodes.newSecret();
		users.startTotpEnrolment(user.id(), secret);
		users.enableTotp(user.id(), 0);
		return secret;
	}

	private static void signIn(Browser browser, UserAccount user, String secret) {
		browser.go("/login").type("email", user.email()).type("password", Fixtures.PASSWORD).click("sign-in");
		browser.type("code", TotpCodes.code(secret, TotpCodes.step(Instant.now()))).click("verify-code");
		assertThat(browser.path()).isEqualTo("/");
	}

}
