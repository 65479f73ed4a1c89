package org.kakehashi.identity.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.kakehashi.identity.OrganisationType;
import org.kakehashi.identity.Role;
import org.kakehashi.support.Fixtures;
import org.kakehashi.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The shell every page shares: sign-in, sessions in PostgreSQL, language, security headers. */
class WebShellTests extends IntegrationTest {

	@Autowired
	Fixtures fixtures;

	@Autowired
	JdbcClient jdbc;

	@Test
	void operatorSignsInWithPasswordAndTheSessionLivesInPostgres() {
		var operator = fixtures.organisation(OrganisationType.OPERATOR, "ELECTRICITY");
		var viewer = fixtures.user(operator, Role.VIEWER);
		var browser = browser().language("ja");

		var signIn = Fixtures.signIn(browser, viewer.email());
		assertThat(signIn.status()).isEqualTo(302);
		assertThat(signIn.location()).doesNotContain("error");

		var home = browser.get("/");
		assertThat(home.status()).isEqualTo(200);
		assertThat(home.body()).contains("ようこそ、Test User さん").contains(operator.name()).contains("閲覧者");
		assertThat(jdbc.sql("select count(*) from spring_session where principal_name = :email")
			.param("email", viewer.email())
			.query(Long.class)
			.single()).isEqualTo(1);

		browser.submit("/", "/logout", java.util.Map.of());
		assertThat(browser.get("/").location()).endsWith("/login");
	}

	@Test
	void wrongPasswordsLockTheAccountAndAreAudited() {
		var operator = fixtures.organisation(OrganisationType.OPERATOR, "FINANCE");
		var reporter = fixtures.user(operator, Role.REPORTER);
		var browser = browser();
		for (int i = 0; i < 5; i++) {
			var attempt = browser.submit("/login", "/login",
					java.util.Map.of("email", reporter.email(), "password", "not the password " + i));
			assertThat(attempt.location()).endsWith("/login?error=failed");
		}
		// Locked now: even the right password is refused until the lock expires.
		assertThat(Fixtures.signIn(browser, reporter.email()).location()).endsWith("/login?error=locked");
		assertThat(browser.follow("/login?error=locked").body()).contains("locked");
		assertThat(jdbc.sql("select count(*) from audit_log where action = 'identity.sign-in.failed' and target_id = :id")
			.param("id", reporter.id().toString())
			.query(Long.class)
			.single()).isEqualTo(5);
	}

	@Test
	void pagesCarryStrictSecurityHeaders() {
		var login = browser().get("/login");
		assertThat(login.headers().get("content-security-policy"))
			.contains("script-src 'self'")
			.contains("frame-ancestors 'none'")
			.doesNotContain("unsafe-inline");
		assertThat(login.headers().get("x-content-type-options")).isEqualTo("nosniff");
		assertThat(login.headers().get("x-frame-options")).isEqualTo("DENY");
	}

	@Test
	void japaneseUnlessTheBrowserPrefersEnglish() {
		assertThat(browser().language("fr-FR,fr;q=0.9").get("/login").body()).contains("<html lang=\"ja\"");
		assertThat(browser().language("en-GB,en;q=0.8").get("/login").body()).contains("<html lang=\"en\"");
		assertThat(browser().language("ja-JP").get("/login").body()).contains("<html lang=\"ja\"");
	}

	@Test
	void healthIsPublicAndMetricsAreNot() {
		assertThat(browser().get("/actuator/health").status()).isEqualTo(200);
		assertThat(browser().get("/actuator/prometheus").status()).isEqualTo(302);
	}
}
