package org.kakehashi.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.kakehashi.identity.internal.FirstAdminSetup;
import org.kakehashi.identity.internal.Users;
import org.kakehashi.support.TestDatabases;
import org.kakehashi.support.WebClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The very first start: an empty database, a one-time link, one administrator. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class FirstAdminSetupTests {

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		TestDatabases.fresh(registry, "setup");
	}

	@LocalServerPort
	int port;

	@Autowired
	FirstAdminSetup setup;

	@Autowired
	Users users;

	@Test
	void setUpLinkCreatesTheFirstAdministratorOnceAndOnlyOnce() {
		var browser = new WebClient("http://localhost:" + port);

		assertThat(browser.get("/").location()).endsWith("/login");
		assertThat(browser.get("/setup?token=forged").body()).contains("This set-up link is not valid");

		var link = setup.issueLink();
		var path = link.substring(link.indexOf("/setup"));
		var token = path.substring(path.indexOf('=') + 1);
		var form = new HashMap<>(Map.of("token", token, "organisationName", "内閣サイバーセンター",
				"organisationType", "NATIONAL_CENTRE", "displayName", "Admin One", "email", "admin@centre.example.jp",
				"password", "password1234", "passwordConfirmation", "password1234"));

		var weak = browser.submit(path, "/setup", form);
		assertThat(weak.status()).isEqualTo(200);
		assertThat(weak.body()).contains("This password is too common").contains("aria-invalid=\"true\"");
		assertThat(users.count()).isZero();

		form.put("password", "a long and unusual passphrase");
		form.put("passwordConfirmation", "a long and unusual passphrase");
		var created = browser.submit(path, "/setup", form);
		assertThat(created.status()).isEqualTo(302);
		assertThat(created.location()).endsWith("/login");
		assertThat(users.byEmail("admin@centre.example.jp")).get()
			.satisfies(admin -> assertThat(admin.roles()).contains(Role.PLATFORM_ADMIN, Role.ORG_ADMIN));

		// The link is spent, and no second administrator can be made through set-up.
		assertThat(browser.submit(path, "/setup", form).body()).contains("This set-up link is not valid");
		assertThat(setup.needed()).isFalse();

		// Administrators must enrol a second factor before anything else opens.
		var signIn = browser.submit("/login", "/login",
				Map.of("email", "admin@centre.example.jp", "password", "a long and unusual passphrase"));
		assertThat(signIn.location()).endsWith("/account/second-factor/enrol");
		assertThat(browser.get("/admin/users").location()).endsWith("/account/second-factor/enrol");
	}
}
