package org.kakehashi.vulns;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Map;

import org.kakehashi.identity.ApiScope;
import org.kakehashi.identity.internal.ApiTokens;
import org.kakehashi.identity.internal.UserAccount;
import org.kakehashi.identity.internal.Users;
import org.kakehashi.support.ApiClient;
import org.kakehashi.support.Fixtures;
import org.kakehashi.support.TotpCodes;
import org.kakehashi.support.WebClient;

/**
 * The ways into a case the embargo and participant tests use: a complete browser sign-in (every user gets a second
 * factor, so one sign-in path serves all roles), an API token with every scope the user's roles allow, and a browser
 * session that opened a personal link and nothing else.
 */
final class CaseSessions {

	private final String base;
	private final Users users;
	private final ApiTokens tokens;
	private final Clock clock;

	CaseSessions(String base, Users users, ApiTokens tokens, Clock clock) {
		this.base = base;
		this.users = users;
		this.tokens = tokens;
		this.clock = clock;
	}

	/**
	 * A browser signed in with password and TOTP. The platform checks codes against its own (the test's) clock and
	 * takes each step once, so a user signs in once per clock step.
	 */
	WebClient signedIn(UserAccount account) {
		var secret = TotpCodes.newSecret();
		users.startTotpEnrolment(account.id(), secret);
		users.enableTotp(account.id(), 0);
		var browser = new WebClient(base);
		var password = Fixtures.signIn(browser, account.email());
		assertThat(password.location()).as("password step of %s", account.email()).endsWith("/login/second-factor");
		var code = TotpCodes.code(secret, TotpCodes.step(clock.instant()));
		var done = browser.submit("/login/second-factor", "/login/second-factor", Map.of("code", code));
		assertThat(done.status()).as("second factor of %s", account.email()).isEqualTo(302);
		assertThat(browser.get("/").status()).as("home page of %s", account.email()).isEqualTo(200);
		return browser;
	}

	/** A token with every scope the user's roles allow. */
	String token(UserAccount account) {
		var principal = account.principal();
		var scopes = EnumSet.noneOf(ApiScope.class);
		Arrays.stream(ApiScope.values()).filter(s -> s.allowedFor(principal.roles())).forEach(scopes::add);
		return tokens.create(principal, "case-sessions", scopes, 1).clearToken();
	}

	ApiClient api(String token) {
		return new ApiClient(base, token);
	}

	/** A browser without an account that opened the personal link (a full address or a path). */
	WebClient holding(String link) {
		var browser = new WebClient(base);
		var opened = browser.get(link.substring(link.indexOf("/public/")));
		assertThat(opened.status()).as("opening %s", link).isEqualTo(302);
		return browser;
	}

	/** A browser without an account that holds nothing. */
	WebClient anonymous() {
		return new WebClient(base);
	}
}
