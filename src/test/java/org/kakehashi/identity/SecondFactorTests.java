package org.kakehashi.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.kakehashi.identity.internal.UserAccount;
import org.kakehashi.identity.internal.Users;
import org.kakehashi.identity.security.Totp;
import org.kakehashi.support.Fixtures;
import org.kakehashi.support.IntegrationTest;
import org.kakehashi.support.WebClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.web.FilterChainProxy;

/** The second factor over real HTTP: enrolment, TOTP, recovery codes, lockout, passkey plumbing, account page. */
class SecondFactorTests extends IntegrationTest {

	private static final Pattern RECOVERY_CODE = Pattern.compile("<li>([a-z2-9]{5}-[a-z2-9]{5})</li>");

	@Autowired
	Fixtures fixtures;

	@Autowired
	Users users;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	FilterChainProxy filters;

	@Test
	void centreAnalystMustEnrolThenSignsInWithTotpAndRecoveryCodesEachOnce() {
		var analyst = fixtures.user(fixtures.organisation(OrganisationType.NATIONAL_CENTRE), Role.ANALYST);
		var browser = browser();

		assertThat(Fixtures.signIn(browser, analyst.email()).location()).endsWith("/account/second-factor/enrol");
		assertThat(browser.get("/").location()).endsWith("/account/second-factor/enrol");
		assertThat(browser.get("/account").location()).endsWith("/account/second-factor/enrol");

		var enrolPage = browser.get("/account/second-factor/enrol");
		assertThat(enrolPage.status()).isEqualTo(200);
		var secret = users.byId(analyst.id()).orElseThrow().totpSecret();
		assertThat(enrolPage.body()).contains("src=\"data:image/png;base64,", "alt=\"QR code", secret,
				"autocomplete=\"one-time-code\"", "inputmode=\"numeric\"");

		var wrong = browser.post("/account/second-factor/enrol", Map.of("code", "000000".equals(fixtures.totpCode(analyst.id(), 0)) ? "111111" : "000000"));
		assertThat(wrong.status()).isEqualTo(200);
		assertThat(wrong.body()).contains("This code is not correct", "aria-invalid=\"true\"", "aria-describedby=\"code-error\"");
		assertThat(users.byId(analyst.id()).orElseThrow().totpEnabled()).isFalse();

		var enrolled = browser.post("/account/second-factor/enrol", Map.of("code", fixtures.totpCode(analyst.id(), 0)));
		assertThat(enrolled.location()).endsWith("/account/recovery-codes");
		var codesPage = browser.get("/account/recovery-codes");
		var codes = recoveryCodes(codesPage.body());
		assertThat(codes).hasSize(10).doesNotHaveDuplicates();
		assertThat(browser.get("/account/recovery-codes").location()).as("shown once").endsWith("/account");
		assertThat(browser.get("/").status()).as("enrolment completed the sign-in").isEqualTo(200);
		assertThat(jdbc.sql("select count(*) from recovery_code where user_id = :id and code_hash = :code")
			.param("id", analyst.id()).param("code", codes.get(0)).query(Long.class).single())
			.as("only hashes are stored").isZero();

		signOut(browser);
		assertThat(Fixtures.signIn(browser, analyst.email()).location()).endsWith("/login/second-factor");
		assertThat(browser.get("/").location()).endsWith("/login/second-factor");
		assertThat(browser.get("/admin/users").location()).endsWith("/login/second-factor");
		assertThat(browser.get("/account/second-factor/enrol").location()).endsWith("/login/second-factor");
		var code = fixtures.totpCode(analyst.id(), 1);
		var verified = browser.submit("/login/second-factor", "/login/second-factor", Map.of("code", code));
		assertThat(verified.location()).endsWith("/");
		assertThat(browser.get("/").status()).isEqualTo(200);

		// The same code in a new sign-in is a replay.
		signOut(browser);
		Fixtures.signIn(browser, analyst.email());
		var replay = browser.submit("/login/second-factor", "/login/second-factor", Map.of("code", code));
		assertThat(replay.status()).isEqualTo(200);
		assertThat(replay.body()).contains("not correct or has already been used");
		assertThat(browser.get("/").location()).endsWith("/login/second-factor");

		// A recovery code works once, typed in any case and with or without its dash.
		var recovery = browser.submit("/login/second-factor", "/login/second-factor",
				Map.of("code", codes.get(0).toUpperCase(Locale.ROOT).replace("-", " ")));
		assertThat(recovery.location()).endsWith("/");
		signOut(browser);
		Fixtures.signIn(browser, analyst.email());
		assertThat(browser.submit("/login/second-factor", "/login/second-factor", Map.of("code", codes.get(0))).status())
			.isEqualTo(200);
		assertThat(browser.submit("/login/second-factor", "/login/second-factor", Map.of("code", codes.get(1))).location())
			.endsWith("/");
		assertThat(auditCount(analyst.id(), "identity.sign-in.succeeded")).as("enrolment, TOTP, two recovery codes").isEqualTo(4);
		assertThat(auditCount(analyst.id(), "identity.totp.enabled")).isEqualTo(1);
	}

	@Test
	void fiveWrongCodesLockTheAccount() {
		var analyst = withTotp(fixtures.user(fixtures.organisation(OrganisationType.INFORMATION_HUB), Role.ANALYST));
		var browser = browser();
		Fixtures.signIn(browser, analyst.email());
		var wrong = wrongCode(analyst);
		for (int i = 0; i < 4; i++) {
			assertThat(browser.submit("/login/second-factor", "/login/second-factor", Map.of("code", wrong)).status())
				.isEqualTo(200);
		}
		var locked = browser.submit("/login/second-factor", "/login/second-factor", Map.of("code", wrong));
		assertThat(locked.location()).endsWith("/login?error=locked");
		assertThat(browser.get("/login/second-factor").location()).as("partial session ended").endsWith("/login");
		assertThat(Fixtures.signIn(browser, analyst.email()).location()).endsWith("/login?error=locked");
	}

	@Test
	void operatorViewerSignsInWithPasswordOnly() {
		var viewer = fixtures.user(fixtures.organisation(OrganisationType.OPERATOR), Role.VIEWER);
		var browser = browser();
		assertThat(Fixtures.signIn(browser, viewer.email()).location()).endsWith("/");
		assertThat(browser.get("/").status()).isEqualTo(200);
		var account = browser.get("/account");
		assertThat(account.status()).isEqualTo(200);
		assertThat(account.body()).contains(viewer.email(), "href=\"/account/tokens\"", "Not set up.",
				"You have no passkeys.");
	}

	@Test
	void passkeyEndpointsAnswerWithOurRelyingPartyAndRefuseGarbage() {
		var viewer = fixtures.user(fixtures.organisation(OrganisationType.OPERATOR), Role.VIEWER);
		var anonymous = browser();
		anonymous.get("/login");
		var requestOptions = json(anonymous, "/webauthn/authenticate/options", "");
		assertThat(requestOptions.status()).isEqualTo(200);
		assertThat(requestOptions.body()).contains("\"rpId\":\"localhost\"", "\"challenge\":\"");
		var garbageSignIn = json(anonymous, "/login/webauthn", "{\"id\":\"nope\",\"rawId\":\"AAAA\",\"response\":{}}");
		assertThat(garbageSignIn.status()).isBetween(400, 401);
		assertThat(anonymous.get("/").location()).endsWith("/login");

		var browser = browser();
		Fixtures.signIn(browser, viewer.email());
		browser.get("/account");
		var creationOptions = json(browser, "/webauthn/register/options", "");
		assertThat(creationOptions.status()).isEqualTo(200);
		assertThat(creationOptions.body()).contains("\"name\":\"Kakehashi\"", "\"id\":\"localhost\"", "\"challenge\":\"",
				viewer.email());
		var garbageRegistration = json(browser, "/webauthn/register", "{\"publicKey\":{\"label\":\"x\"}}");
		assertThat(garbageRegistration.status()).isEqualTo(400);
		assertThat(users.byId(viewer.id()).orElseThrow().passkeys()).isZero();
		assertThat(filters.getFilters("/login").stream().map(f -> f.getClass().getSimpleName())).contains("SignInRateLimit");
	}

	@Test
	void aPasskeyOnFileMakesPasswordSignInAskForTheSecondFactor() {
		var viewer = fixtures.user(fixtures.organisation(OrganisationType.OPERATOR), Role.VIEWER);
		var credentialId = addPasskey(viewer, "Test key");
		assertThat(users.byId(viewer.id()).orElseThrow().hasSecondFactor()).isTrue();

		var browser = browser();
		assertThat(Fixtures.signIn(browser, viewer.email()).location()).endsWith("/login/second-factor");
		var step = browser.get("/login/second-factor");
		assertThat(step.body()).contains("id=\"passkey-sign-in\"", "/js/passkeys.js");
		assertThat(browser.get("/").location()).endsWith("/login/second-factor");

		// With a complete sign-in, the user's own key is listed on the account page and can be removed.
		var account = browser();
		jdbc.sql("delete from user_credentials where credential_id = :id").param("id", credentialId).update();
		Fixtures.signIn(account, viewer.email());
		addPasskey(viewer, "Second key");
		var page = account.get("/account");
		assertThat(page.body()).contains("Second key");
		var removed = account.post("/account/passkeys/remove", Map.of("credentialId", "cred-" + viewer.id()));
		assertThat(removed.location()).endsWith("/account");
		assertThat(users.byId(viewer.id()).orElseThrow().passkeys()).isZero();
		assertThat(auditCount(viewer.id(), "identity.passkey.removed")).isEqualTo(1);
	}

	@Test
	void lastMandatoryFactorCannotBeRemovedAndPasswordChangeChecksTheCurrentOne() {
		var admin = withTotp(fixtures.user(fixtures.organisation(OrganisationType.OPERATOR), Role.ORG_ADMIN));
		var browser = browser();
		Fixtures.signIn(browser, admin.email());
		browser.submit("/login/second-factor", "/login/second-factor", Map.of("code", fixtures.totpCode(admin.id(), 1)));
		var page = browser.get("/account");
		assertThat(page.body()).contains("id=\"disable-totp\"");
		assertThat(browser.post("/account/second-factor/disable", Map.of()).location()).endsWith("/account");
		assertThat(browser.get("/account").body()).contains("cannot be turned off");
		assertThat(users.byId(admin.id()).orElseThrow().totpEnabled()).isTrue();
		assertThat(browser.get("/account/second-factor/enrol").location()).as("no silent reset").endsWith("/account");

		var wrongCurrent = browser.post("/account/password", Map.of("currentPassword", "not it at all",
				"password", "a brand new passphrase", "passwordConfirmation", "a brand new passphrase"));
		assertThat(wrongCurrent.status()).isEqualTo(200);
		assertThat(wrongCurrent.body()).contains("The current password is not correct", "aria-invalid=\"true\"");
		var changed = browser.post("/account/password", Map.of("currentPassword", Fixtures.PASSWORD,
				"password", "a brand new passphrase", "passwordConfirmation", "a brand new passphrase"));
		assertThat(changed.location()).endsWith("/account");
		assertThat(auditCount(admin.id(), "identity.password.changed")).isEqualTo(1);

		var regenerated = browser.post("/account/recovery-codes", Map.of());
		assertThat(regenerated.location()).endsWith("/account/recovery-codes");
		assertThat(recoveryCodes(browser.get("/account/recovery-codes").body())).hasSize(10);
	}

	private UserAccount withTotp(UserAccount user) {
		users.startTotpEnrolment(user.id(), Totp.newSecret());
		users.enableTotp(user.id(), 0);
		return users.byId(user.id()).orElseThrow();
	}

	private String wrongCode(UserAccount user) {
		var used = List.of(fixtures.totpCode(user.id(), -1), fixtures.totpCode(user.id(), 0), fixtures.totpCode(user.id(), 1));
		for (int i = 0;; i++) {
			var candidate = String.format("%06d", i);
			if (!used.contains(candidate)) {
				return candidate;
			}
		}
	}

	private String addPasskey(UserAccount user, String label) {
		var entity = "ent-" + user.id();
		jdbc.sql("insert into user_entities (id, name, display_name) values (:id, :name, :name) on conflict do nothing")
			.param("id", entity).param("name", user.email()).update();
		var credential = "cred-" + user.id();
		jdbc.sql("""
				insert into user_credentials (credential_id, user_entity_user_id, public_key, signature_count, uv_initialized,
				  backup_eligible, authenticator_transports, public_key_credential_type, backup_state, created, label)
				values (:id, :entity, '\\x00'::bytea, 0, true, false, '', 'public-key', false, now(), :label)
				""").param("id", credential).param("entity", entity).param("label", label).update();
		return credential;
	}

	private long auditCount(UUID userId, String action) {
		return jdbc.sql("select count(*) from audit_log where actor_id = :id and action = :action")
			.param("id", userId).param("action", action).query(Long.class).single();
	}

	private static WebClient.Response json(WebClient client, String path, String body) {
		return client.send(HttpRequest.newBuilder(client.uri(path))
			.header("Content-Type", "application/json")
			.header("X-CSRF-TOKEN", client.csrf())
			.POST(HttpRequest.BodyPublishers.ofString(body)));
	}

	private static void signOut(WebClient browser) {
		assertThat(browser.submit("/", "/logout", Map.of()).location()).contains("/login?signedOut");
	}

	private static List<String> recoveryCodes(String page) {
		var codes = new ArrayList<String>();
		var matcher = RECOVERY_CODE.matcher(page);
		while (matcher.find()) {
			codes.add(matcher.group(1));
		}
		return codes;
	}
}
