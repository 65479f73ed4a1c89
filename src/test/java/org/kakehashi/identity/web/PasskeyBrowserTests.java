package org.kakehashi.identity.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.kakehashi.identity.OrganisationType;
import org.kakehashi.identity.Role;
import org.kakehashi.support.Browser;
import org.kakehashi.support.Fixtures;
import org.kakehashi.support.TestDatabases;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.openqa.selenium.virtualauthenticator.HasVirtualAuthenticator;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticatorOptions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Passkeys with a real WebAuthn ceremony: Chromium's virtual authenticator (CTAP2, resident keys, user
 * verification) registers a passkey on the account page, then signs in with it, both as the second step
 * after a password and on its own. The server runs on a known port so the browser's origin is an allowed one.
 */
@Tag("browser")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
class PasskeyBrowserTests {

	static final int PORT = freePort();

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		TestDatabases.fresh(registry, "passkeys");
		registry.add("server.port", () -> PORT);
		registry.add("kakehashi.security.webauthn-origins", () -> "http://localhost:" + PORT);
	}

	@Autowired
	Fixtures fixtures;

	@Autowired
	JdbcClient jdbc;

	@Test
	void registerAPasskeyThenSignInWithIt() {
		var operator = fixtures.organisation(OrganisationType.OPERATOR, "WATER");
		var user = fixtures.user(operator, Role.REPORTER);
		try (var browser = Browser.open("http://localhost:" + PORT, "en")) {
			((HasVirtualAuthenticator) browser.driver()).addVirtualAuthenticator(new VirtualAuthenticatorOptions()
				.setProtocol(VirtualAuthenticatorOptions.Protocol.CTAP2)
				.setTransport(VirtualAuthenticatorOptions.Transport.INTERNAL)
				.setHasResidentKey(true)
				.setHasUserVerification(true)
				.setIsUserVerified(true));

			// A reporter needs no second factor, so the password alone signs in; then they add a passkey.
			signInWithPassword(browser, user.email());
			assertThat(browser.path()).isEqualTo("/");
			browser.go("/account").type("passkey-label", "Office laptop").press("add-passkey");
			waitFor(browser, () -> browser.page().contains("Office laptop"));
			browser.checked();
			assertThat(jdbc.sql("select count(*) from user_credentials c join user_entities e on e.id = c.user_entity_user_id"
					+ " where e.name = :email and c.label = 'Office laptop'").param("email", user.email()).query(Long.class).single())
				.isEqualTo(1);

			// With a passkey on the account, a password is no longer enough: the passkey is the second step.
			browser.click("sign-out");
			signInWithPassword(browser, user.email());
			assertThat(browser.path()).isEqualTo("/login/second-factor");
			browser.press("passkey-sign-in");
			waitFor(browser, () -> "/".equals(browser.path()));
			browser.checked();
			assertThat(browser.page()).contains("Welcome, Test User");

			// And on its own, from the sign-in page, without typing anything.
			browser.click("sign-out");
			browser.go("/login").press("passkey-sign-in");
			waitFor(browser, () -> "/".equals(browser.path()));
			browser.checked();
			assertThat(browser.page()).contains("Welcome, Test User");
		}
		assertThat(jdbc.sql("""
				select count(*) from audit_log
				where action = 'identity.sign-in.succeeded' and target_id = :id and details like '%passkey%'
				""").param("id", user.id().toString()).query(Long.class).single()).isEqualTo(2);
	}

	private static void signInWithPassword(Browser browser, String email) {
		browser.go("/login").type("email", email).type("password", Fixtures.PASSWORD).click("sign-in");
	}

	private static void waitFor(Browser browser, java.util.function.BooleanSupplier condition) {
		new WebDriverWait(browser.driver(), Duration.ofSeconds(10)).until(driver -> condition.getAsBoolean());
	}

	private static int freePort() {
		try (var socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		} catch (IOException e) {
			throw new IllegalStateException(e);
		}
	}
}
