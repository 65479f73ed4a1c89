package org.kakehashi.identity.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.kakehashi.support.Browser;
import org.kakehashi.support.IntegrationTest;

@Tag("browser")
class PublicPagesBrowserTests extends IntegrationTest {

	@Test
	void signInPageSpeaksTheBrowsersLanguageAndSwitches() {
		try (var browser = Browser.open("http://localhost:" + port, "ja")) {
			browser.go("/login");
			assertThat(browser.lang()).isEqualTo("ja");
			assertThat(browser.page()).contains("サインイン");

			browser.click("lang-en");
			assertThat(browser.lang()).isEqualTo("en");
			assertThat(browser.path()).isEqualTo("/login");

			// Remembered: the next page load stays English whatever the browser prefers.
			browser.go("/login");
			assertThat(browser.lang()).isEqualTo("en");
			assertThat(browser.page()).contains("Sign in");
		}
	}
}
