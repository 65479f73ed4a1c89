package org.kakehashi.identity.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import org.example.idp.TestIdp;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.kakehashi.audit.AuditLog;
import org.kakehashi.audit.AuditLog.AuditQuery;
import org.kakehashi.identity.OrganisationType;
import org.kakehashi.identity.Role;
import org.kakehashi.identity.internal.OidcProvider;
import org.kakehashi.identity.internal.OidcProviders;
import org.kakehashi.identity.internal.Organisation;
import org.kakehashi.identity.internal.Users;
import org.kakehashi.support.Fixtures;
import org.kakehashi.support.IntegrationTest;
import org.kakehashi.support.WebClient;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Sign-in through an organisation's own provider, end to end over HTTP: Kakehashi, a real Spring
 * Authorization Server in a second application context, and two cookie-keeping clients standing in for the
 * browser on each site.
 */
class OidcSignInTests extends IntegrationTest {

	static final String IDP_PASSWORD = "idp password 123";
	private static final Pattern IDP_CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

	static TestIdp.Running idp;

	@Autowired
	Fixtures fixtures;

	@Autowired
	OidcProviders providers;

	@Autowired
	Users users;

	@Autowired
	AuditLog audit;

	@BeforeAll
	static void startIdp() {
		idp = TestIdp.start();
	}

	@Test
	void existingUserOfTheOrganisationIsLinkedByVerifiedEmailAndThenBySubject() {
		var organisation = fixtures.organisation(OrganisationType.OPERATOR, "ELECTRICITY");
		var user = fixtures.user(organisation, Role.REPORTER);
		idp.addUser(user.email(), IDP_PASSWORD, "Taro at the IdP", true);
		var provider = provider(organisation, false, null);

		var browser = browser();
		var callback = signInThroughIdp(browser, provider, user.email());
		assertThat(callback.status()).isEqualTo(302);
		assertThat(callback.location()).doesNotContain("error");
		var home = browser.get("/");
		assertThat(home.status()).isEqualTo(200);
		assertThat(home.body()).contains("Welcome, Test User").contains(organisation.name());
		assertThat(providers.linkedUser(provider.id(), subjectOf(user.id()))).isNotEmpty();

		var succeeded = entries("identity.sign-in.succeeded", user.email());
		assertThat(succeeded).contains("\"matchedBy\":\"email\"").contains("\"amr\":\"pwd otp\"")
			.contains("\"acr\":\"urn:example:mfa\"");

		// A second sign-in finds the link; the session holds our own principal, not the provider's token.
		browser.post("/logout", Map.of());
		assertThat(browser.get("/").status()).isEqualTo(302);
		var again = signInThroughIdp(browser, provider, user.email());
		assertThat(again.location()).doesNotContain("error");
		assertThat(browser.get("/").body()).contains("Welcome, Test User");
		assertThat(entries("identity.sign-in.succeeded", user.email())).contains("\"matchedBy\":\"subject\"");
	}

	@Test
	void newPersonInTheProvidersDomainIsProvisionedAsViewerOfThatOrganisation() {
		var organisation = fixtures.organisation(OrganisationType.OPERATOR, "GAS");
		var domain = Fixtures.unique("gas").toLowerCase() + ".example.jp";
		var email = "hanako@" + domain;
		idp.addUser(email, IDP_PASSWORD, "山田 花子", true);
		var provider = provider(organisation, true, domain);

		var browser = browser();
		var callback = signInThroughIdp(browser, provider, email);
		assertThat(callback.location()).doesNotContain("error");
		assertThat(browser.get("/").body()).contains("山田 花子");
		var created = users.byEmail(email).orElseThrow();
		assertThat(created.organisationId()).isEqualTo(organisation.id());
		assertThat(created.roles()).containsExactly(Role.VIEWER);
		assertThat(created.passwordHash()).isNull();
		assertThat(entries("identity.user.provisioned", email)).isNotEmpty();
	}

	@Test
	void neverSignsInAUserOfAnotherOrganisationEvenWithAMatchingEmail() {
		var own = fixtures.organisation(OrganisationType.OPERATOR, "WATER");
		var other = fixtures.organisation(OrganisationType.OPERATOR, "WATER");
		var victim = fixtures.user(other, Role.ORG_ADMIN);
		// The provider even claims the victim's domain for just-in-time accounts: still refused.
		var domain = victim.email().substring(victim.email().indexOf('@') + 1);
		idp.addUser(victim.email(), IDP_PASSWORD, "Impostor", true);
		var provider = provider(own, true, domain);

		var browser = browser();
		var callback = signInThroughIdp(browser, provider, victim.email());
		assertThat(callback.status()).isEqualTo(302);
		assertThat(callback.location()).endsWith("/login?error=oidc");
		assertThat(browser.get("/").location()).endsWith("/login");
		assertThat(browser.get("/login?error=oidc").body())
			.contains("Sign-in through your organisation&#39;s identity provider did not succeed");
		assertThat(browser.language("ja").get("/login?error=oidc").body()).contains("所属組織の認証基盤");
		assertThat(providers.linkedUser(provider.id(), victim.email())).isEmpty();
		assertThat(entries("identity.sign-in.failed", victim.email()))
			.contains("\"reason\":\"email-belongs-to-another-organisation\"");
	}

	@Test
	void unverifiedEmailIsRefused() {
		var organisation = fixtures.organisation(OrganisationType.OPERATOR, "RAILWAY");
		var user = fixtures.user(organisation, Role.VIEWER);
		idp.addUser(user.email(), IDP_PASSWORD, "Unverified", false);
		var provider = provider(organisation, false, null);

		assertThat(signInThroughIdp(browser(), provider, user.email()).location()).endsWith("/login?error=oidc");
		assertThat(entries("identity.sign-in.failed", user.email())).contains("\"reason\":\"no-verified-email\"");
	}

	@Test
	void disabledProviderIsRefusedBeforeAndDuringTheSignIn() {
		var organisation = fixtures.organisation(OrganisationType.OPERATOR, "FINANCE");
		var user = fixtures.user(organisation, Role.VIEWER);
		idp.addUser(user.email(), IDP_PASSWORD, "Finance person", true);
		var provider = provider(organisation, false, null);
		var browser = browser();
		assertThat(browser.get("/login").body()).contains("Sign in with " + provider.displayName());

		// Disabled while the person is at the provider: the callback is refused.
		var atProvider = browser.get("/oauth2/authorization/" + provider.registrationId());
		assertThat(atProvider.location()).startsWith(idp.issuer());
		var idpBrowser = new WebClient(idp.issuer());
		var callbackUrl = authenticateAtIdp(idpBrowser, atProvider.location(), user.email());
		providers.setEnabled(provider.id(), false);
		assertThat(browser.get(callbackUrl).location()).endsWith("/login?error=oidc");
		assertThat(browser.get("/").location()).endsWith("/login");

		// Disabled before: no button, and the start address sends the person back to the sign-in page.
		assertThat(browser.get("/login").body()).doesNotContain("Sign in with " + provider.displayName());
		var start = browser.get("/oauth2/authorization/" + provider.registrationId());
		assertThat(start.status()).isEqualTo(302);
		assertThat(start.location()).endsWith("/login?error=oidc");
		assertThat(browser.get("/oauth2/authorization/no-such-provider").location()).endsWith("/login?error=oidc");

		// Enabled again, it works.
		providers.setEnabled(provider.id(), true);
		assertThat(signInThroughIdp(browser, provider, user.email()).location()).doesNotContain("error");
		assertThat(browser.get("/").status()).isEqualTo(200);
	}

	@Test
	void administratorsManageTheirOrganisationsProviderWithAWriteOnlySecret() {
		var centre = fixtures.organisation(OrganisationType.NATIONAL_CENTRE);
		var platformAdmin = fixtures.user(centre, Role.PLATFORM_ADMIN, Role.ORG_ADMIN);
		idp.addUser(platformAdmin.email(), IDP_PASSWORD, "Platform Admin", true);
		var centreProvider = provider(centre, false, null);
		var admin = browser();
		assertThat(signInThroughIdp(admin, centreProvider, platformAdmin.email()).location()).doesNotContain("error");

		var operator = fixtures.organisation(OrganisationType.OPERATOR, "ICT");
		var page = "/admin/organisations/" + operator.id() + "/identity-provider";
		assertThat(admin.get(page).body()).contains("Set up a provider");

		var secret = "s3cret-" + UUID.randomUUID();
		var form = new HashMap<>(Map.of("displayName", "ICT Operator SSO", "issuerUri", "http://idp.example.com",
				"clientId", "kakehashi-ict", "clientSecret", secret, "scopes", "openid profile email",
				"emailDomain", "ict.example.jp", "jitProvisioning", "true"));
		var insecure = admin.submit(page, page, form);
		assertThat(insecure.status()).isEqualTo(200);
		assertThat(insecure.body()).contains("without query or fragment").contains("aria-invalid=\"true\"");
		assertThat(providers.ofOrganisation(operator.id())).isEmpty();

		form.put("issuerUri", idp.issuer());
		var saved = admin.submit(page, page, form);
		assertThat(saved.status()).isEqualTo(302);
		var provider = providers.ofOrganisation(operator.id()).orElseThrow();
		assertThat(provider.clientSecret()).isEqualTo(secret);
		assertThat(provider.jitProvisioning()).isTrue();
		var shown = admin.get(page);
		assertThat(shown.body()).contains("ICT Operator SSO").contains("/login/oauth2/code/" + provider.registrationId())
			.doesNotContain(secret);

		// Editing without a secret keeps it; the audit log never holds it.
		form.put("clientSecret", "");
		form.put("displayName", "ICT SSO");
		assertThat(admin.submit(page, page, form).status()).isEqualTo(302);
		assertThat(providers.byId(provider.id()).orElseThrow().clientSecret()).isEqualTo(secret);
		assertThat(providers.byId(provider.id()).orElseThrow().displayName()).isEqualTo("ICT SSO");
		var changes = audit.search(new AuditQuery(null, null, "identity.oidc-provider.", null, null, 0, 200)).entries();
		assertThat(changes).anySatisfy(e -> assertThat(e.targetId()).isEqualTo(provider.id().toString()));
		assertThat(changes).noneSatisfy(e -> assertThat(e.details()).contains(secret));

		admin.submit(page, page + "/enabled", Map.of("enabled", "false"));
		assertThat(providers.byId(provider.id()).orElseThrow().enabled()).isFalse();
		assertThat(admin.get(page).body()).contains("Disabled");

		// An organisation administrator may manage only their own organisation's provider.
		var orgAdmin = fixtures.user(operator, Role.ORG_ADMIN);
		idp.addUser(orgAdmin.email(), IDP_PASSWORD, "Org Admin", true);
		providers.setEnabled(provider.id(), true);
		idp.addClient(provider.clientId(), secret, "http://localhost:" + port + "/login/oauth2/code/" + provider.registrationId());
		var orgAdminBrowser = browser();
		assertThat(signInThroughIdp(orgAdminBrowser, provider, orgAdmin.email()).location()).doesNotContain("error");
		assertThat(orgAdminBrowser.get(page).status()).isEqualTo(200);
		assertThat(orgAdminBrowser.get("/admin/organisations/" + centre.id() + "/identity-provider").status()).isEqualTo(403);
		assertThat(orgAdminBrowser.get("/admin/audit").status()).isEqualTo(403);
	}

	@Test
	void platformAdministratorsSearchAndVerifyTheAuditLog() {
		var centre = fixtures.organisation(OrganisationType.NATIONAL_CENTRE);
		var platformAdmin = fixtures.user(centre, Role.PLATFORM_ADMIN);
		idp.addUser(platformAdmin.email(), IDP_PASSWORD, "Auditor", true);
		var provider = provider(centre, false, null);
		var admin = browser();
		assertThat(signInThroughIdp(admin, provider, platformAdmin.email()).location()).doesNotContain("error");

		var page = admin.get("/admin/audit?action=identity.sign-in.succeeded&actor=" + platformAdmin.email());
		assertThat(page.status()).isEqualTo(200);
		assertThat(page.body()).contains("identity.sign-in.succeeded").contains(centre.name()).contains("1 entries");
		assertThat(admin.get("/admin/audit?action=no.such.action").body()).contains("No audit entries match these filters.");
		assertThat(admin.get("/admin/audit?from=2000-01-01&to=2000-01-31").body()).contains("No audit entries match");
		assertThat(admin.language("ja").get("/admin/audit?organisation=" + centre.id()).body()).contains("監査ログ")
			.contains(centre.name());

		var verified = admin.post("/admin/audit/verify", Map.of());
		assertThat(verified.location()).endsWith("/admin/audit");
		assertThat(admin.language("en").get("/admin/audit").body()).containsPattern("Intact: [0-9,]+ entries verified");
	}

	private OidcProvider provider(Organisation organisation, boolean jit, String domain) {
		var clientId = Fixtures.unique("client");
		var secret = UUID.randomUUID().toString();
		var provider = providers.create(organisation.id(), new OidcProviders.Settings(organisation.name() + " SSO",
				idp.issuer(), clientId, secret, "openid profile email", domain, jit));
		idp.addClient(clientId, secret, "http://localhost:" + port + "/login/oauth2/code/" + provider.registrationId());
		return provider;
	}

	/** The whole round trip: Kakehashi → provider's sign-in form → back to Kakehashi's callback. */
	private WebClient.Response signInThroughIdp(WebClient browser, OidcProvider provider, String email) {
		var start = browser.get("/oauth2/authorization/" + provider.registrationId());
		assertThat(start.status()).isEqualTo(302);
		assertThat(start.location()).startsWith(idp.issuer() + "/oauth2/authorize");
		var callback = authenticateAtIdp(new WebClient(idp.issuer()), start.location(), email);
		return browser.get(callback);
	}

	/** Signs in on the provider's own form and returns where it sends the browser back to. */
	private static String authenticateAtIdp(WebClient idpBrowser, String authorizeUrl, String email) {
		var toLogin = idpBrowser.get(authorizeUrl);
		assertThat(toLogin.status()).isEqualTo(302);
		var loginPage = idpBrowser.get(toLogin.location());
		var csrf = IDP_CSRF.matcher(loginPage.body());
		assertThat(csrf.find()).as("CSRF token on the provider's sign-in page").isTrue();
		var signedIn = idpBrowser.post("/login", Map.of("username", email, "password", IDP_PASSWORD, "_csrf", csrf.group(1)));
		assertThat(signedIn.status()).isEqualTo(302);
		var authorized = idpBrowser.get(signedIn.location());
		assertThat(authorized.status()).isEqualTo(302);
		assertThat(authorized.location()).contains("/login/oauth2/code/").contains("code=");
		return authorized.location();
	}

	private String subjectOf(UUID userId) {
		return users.byId(userId).orElseThrow().email();
	}

	private String entries(String action, String actor) {
		return audit.search(new AuditQuery(actor, null, action, null, null, 0, 50)).entries().toString();
	}
}
