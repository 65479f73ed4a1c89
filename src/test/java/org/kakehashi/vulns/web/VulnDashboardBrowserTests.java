package org.kakehashi.vulns.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Locale;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.kakehashi.identity.internal.Users;
import org.kakehashi.platform.FiscalYear;
import org.kakehashi.support.Browser;
import org.kakehashi.support.Fixtures;
import org.kakehashi.support.IntegrationTest;
import org.kakehashi.support.TotpCodes;
import org.kakehashi.support.VulnsFixtures;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A coordinator opens the dashboard from the case list in Japanese, switches to the Japanese era and to English,
 * goes back a fiscal year and follows a state to the filtered list. The charts are drawn beside their tables, and
 * every page passes axe. (The figures themselves are checked in {@code VulnDashboardTests}.)
 */
@Tag("browser")
class VulnDashboardBrowserTests extends IntegrationTest {

	@Autowired
	VulnsFixtures world;

	@Autowired
	Users users;

	@Test
	void aCoordinatorReadsTheDashboardInJapaneseAndEnglish() {
		var coordinator = world.coordinator();
		var secret = TotpCodes.newSecret();
		users.startTotpEnrolment(coordinator.id(), secret);
		users.enableTotp(coordinator.id(), 0);
		// Something open, with a vendor invited this year, so that the charts have bars to draw.
		var filed = world.fileProductCase(world.finder(), Fixtures.unique("ダッシュボード確認"));
		world.accept(coordinator, filed.id());
		world.invite(coordinator, filed.id(), world.vendorWithAccount(coordinator, Fixtures.unique("Dash Vendor")).entry().id(),
				"FooSCADA");
		var year = FiscalYear.of(Instant.now());

		try (var browser = Browser.open("http://localhost:" + port, "ja")) {
			browser.go("/login").type("email", coordinator.email()).type("password", Fixtures.PASSWORD).click("sign-in");
			browser.type("code", TotpCodes.now(secret)).click("verify-code");
			browser.go("/vulns").click("vuln-dashboard");
			assertThat(browser.path()).isEqualTo("/vulns/dashboard");
			assertThat(browser.lang()).isEqualTo("ja");
			assertThat(browser.text("dashboard-heading")).isEqualTo("調整ダッシュボード（" + year.label(Locale.JAPANESE, false) + "）");
			assertThat(browser.text("open-heading")).isEqualTo("状態別の対応中案件");
			assertThat(browser.text("open-by-state")).contains("受理", "製品", "ウェブサイト");
			assertThat(browser.text("answers-q1")).startsWith("第1四半期（4月〜6月）");
			chartsAreDrawn(browser);

			browser.click("era-toggle");
			assertThat(browser.text("dashboard-heading")).isEqualTo("調整ダッシュボード（" + year.eraLabel() + "）");
			assertThat(browser.text("era-toggle")).isEqualTo("西暦で表示");

			browser.click("lang-en");
			assertThat(browser.lang()).isEqualTo("en");
			assertThat(browser.text("dashboard-heading")).isEqualTo("Coordination dashboard — FY" + year.year());
			assertThat(browser.driver().findElements(By.id("era-toggle"))).isEmpty();
			assertThat(browser.text("answers-q1")).startsWith("Q1 (Apr–Jun)");
			chartsAreDrawn(browser);

			browser.click("previous-year");
			assertThat(browser.path()).contains("fy=" + (year.year() - 1));
			assertThat(browser.text("dashboard-heading")).isEqualTo("Coordination dashboard — FY" + (year.year() - 1));
			assertThat(browser.text("publications-none")).isEqualTo("No product advisory was published in FY" + (year.year() - 1) + ".");
			// What is open is today's, whichever year is shown.
			assertThat(browser.text("open-by-state")).contains("Accepted", "Vendor contacted");
			browser.click("next-year");
			assertThat(browser.driver().findElements(By.id("next-year"))).isEmpty();

			browser.find(By.cssSelector("#open-VENDOR_CONTACTED a")).click();
			browser.checked();
			assertThat(browser.path()).isEqualTo("/vulns?status=VENDOR_CONTACTED");
			assertThat(browser.text("vuln-cases")).contains(filed.number());
		}
	}

	private static void chartsAreDrawn(Browser browser) {
		var charts = browser.driver().findElements(By.cssSelector(".chart"));
		assertThat(charts).isNotEmpty();
		browser.find(By.cssSelector(".chart svg"));
		assertThat(browser.driver().findElements(By.cssSelector(".chart svg"))).hasSameSizeAs(charts);
		// Each chart stands beside a table holding its numbers.
		for (var chart : charts) {
			assertThat(chart.findElements(By.xpath("following-sibling::table"))).isNotEmpty();
		}
	}
}
