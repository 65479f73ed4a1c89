package org.kakehashi.vulns.certification.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneId;

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
import org.openqa.selenium.JavascriptExecutor;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A coordinator registers a certification in English through the registry's form (the missing product name refused
 * beside its field first), and the public list shows it to someone without an account in Japanese. Every page passes
 * axe.
 */
@Tag("browser")
class CertificationBrowserTests extends IntegrationTest {

	@Autowired
	Fixtures fixtures;

	@Autowired
	Users users;

	@Test
	void aCoordinatorRegistersInEnglishAndThePublicListShowsItInJapanese() {
		var coordinator = fixtures.user(fixtures.organisation(OrganisationType.COORDINATOR), Role.COORDINATOR);
		var secret = TotpCodes.newSecret();
		users.startTotpEnrolment(coordinator.id(), secret);
		users.enableTotp(coordinator.id(), 0);
		var number = Fixtures.unique("CSSC-D").toUpperCase();
		var today = LocalDate.now(ZoneId.of("Asia/Tokyo"));

		try (var browser = Browser.open("http://localhost:" + port, "en")) {
			browser.go("/login").type("email", coordinator.email()).type("password", Fixtures.PASSWORD).click("sign-in");
			browser.type("code", TotpCodes.now(secret)).click("verify-code");
			browser.go("/vulns");
			browser.click("certification-registry");
			assertThat(browser.path()).isEqualTo("/vulns/certifications");
			assertThat(browser.lang()).isEqualTo("en");
			browser.click("new-certification");
			assertThat(browser.path()).isEqualTo("/vulns/certifications/new");

			browser.select("kind", "DEVICE_CERTIFICATION");
			browser.type("certificateNumber", number).type("issuer", "CSSC-CL").type("holderName", "Towa Control Systems")
				.type("subjectVersion", "FW 4.2").type("standard", "IEC 62443-4-2").type("level", "SL 2")
				.type("contactEmail", "renewals@towa.example");
			date(browser, "validFrom", today.minusYears(1));
			date(browser, "validTo", today.plusDays(45));
			browser.find(By.id("publiclyListed")).click();
			// No product named: refused, the message beside the field and tied to it.
			browser.click("save-certification");
			assertThat(browser.text("subjectName-error")).isEqualTo("Required.");
			assertThat(browser.find(By.id("subjectName")).getAttribute("aria-describedby")).contains("subjectName-error");
			assertThat(browser.find(By.id("subjectName")).getAttribute("aria-invalid")).isEqualTo("true");
			assertThat(browser.find(By.id("certificateNumber")).getAttribute("value")).isEqualTo(number);

			browser.type("subjectName", "TC-7000 controller");
			browser.click("save-certification");
			assertThat(browser.path()).startsWith("/vulns/certifications/");
			assertThat(browser.text("certificate-number")).isEqualTo(number);
			assertThat(browser.text("certificate-badges")).contains("Valid", "45 days left", "Listed publicly");
			assertThat(browser.text("certificate-kind")).isEqualTo("Control-device certification");
			assertThat(browser.text("reminders-none")).isEqualTo("No reminder has been sent yet.");

			browser.go("/vulns/certifications?status=EXPIRING&q=" + number);
			assertThat(browser.text("certifications")).contains(number, "TC-7000 controller");
		}

		try (var browser = Browser.open("http://localhost:" + port, "ja")) {
			browser.go("/public/certifications");
			assertThat(browser.lang()).isEqualTo("ja");
			browser.type("q", number).click("filter");
			var table = browser.text("public-certifications");
			assertThat(table).contains(number, "制御機器の認証", "Towa Control Systems", "IEC 62443-4-2 SL 2", "CSSC-CL", "有効")
				.doesNotContain("renewals@towa.example");
			assertThat(browser.text("public-csv")).isEqualTo("この一覧を CSV でダウンロード");
		}
	}

	/** Date inputs take typed text in the browser's locale format; setting the value is what a date picker does. */
	private static void date(Browser browser, String id, LocalDate value) {
		((JavascriptExecutor) browser.driver()).executeScript("arguments[0].value = arguments[1]",
				browser.find(By.id(id)), value.toString());
	}
}
