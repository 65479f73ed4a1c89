package org.kakehashi.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import jakarta.mail.internet.MimeMessage;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kakehashi.identity.internal.ApiTokens;
import org.kakehashi.identity.internal.Organisation;
import org.kakehashi.support.ApiClient;
import org.kakehashi.support.Fixtures;
import org.kakehashi.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Hostile and broken input on the API (and one browser form): a clear 4xx naming the field, problem+json,
 * and nothing stored. Names are stored verbatim, {@code <script>} included, and escaped wherever HTML shows them.
 */
class ApiBadInputTests extends IntegrationTest {

	private static final String SCRIPT = "<script>alert(1)</script>";

	@Autowired
	Fixtures fixtures;

	@Autowired
	ApiTokens tokens;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	JsonMapper json;

	ApiClient admin;
	ApiClient orgAdmin;
	String adminToken;
	String orgAdminToken;
	Organisation operator;

	@BeforeEach
	void callers() {
		var centre = fixtures.organisation(OrganisationType.NATIONAL_CENTRE);
		operator = fixtures.organisation(OrganisationType.OPERATOR, "ELECTRICITY");
		var platformAdmin = fixtures.user(centre, Role.PLATFORM_ADMIN).principal();
		adminToken = tokens.create(platformAdmin, "bad input", allowed(platformAdmin), 1).clearToken();
		admin = api(adminToken);
		var operatorAdmin = fixtures.user(operator, Role.ORG_ADMIN).principal();
		orgAdminToken = tokens.create(operatorAdmin, "bad input",
				EnumSet.of(ApiScope.IDENTITY_READ, ApiScope.IDENTITY_WRITE), 1).clearToken();
		orgAdmin = api(orgAdminToken);
	}

	@Test
	void oversizeBodyIsRefusedBeforeItIsRead() {
		var before = counts();
		var huge = "{\"name\":\"" + "x".repeat(1024 * 1024 + 10) + "\",\"type\":\"OPERATOR\"}";
		var response = admin.post("/api/v1/organisations", huge);
		assertThat(response.status()).isEqualTo(413);
		assertThat(response.contentType()).startsWith("application/problem+json");
		assertThat(counts()).isEqualTo(before);
	}

	@Test
	void malformedJsonIs400() {
		var before = counts();
		var response = admin.post("/api/v1/organisations", "{\"name\": \"Broken\", \"type\": ");
		assertProblem(response, 400, null);
		assertThat(counts()).isEqualTo(before);
	}

	@Test
	void unknownFieldIsRefusedAndNamed() {
		var before = counts();
		var response = admin.post("/api/v1/organisations",
				"{\"name\":\"" + Fixtures.unique("Unknown field") + "\",\"type\":\"OPERATOR\",\"colour\":\"red\"}");
		assertProblem(response, 400, "colour");
		assertThat(counts()).isEqualTo(before);
	}

	@Test
	void wrongEnumValueNamesType() {
		var before = counts();
		var response = admin.post("/api/v1/organisations", "{\"name\":\"" + Fixtures.unique("Enum") + "\",\"type\":\"PIRATE\"}");
		assertProblem(response, 400, "type");
		assertThat(counts()).isEqualTo(before);
		assertProblem(admin.get("/api/v1/organisations?type=PIRATE"), 400, null);
	}

	@Test
	void missingRequiredFieldsAreNamed() {
		var before = counts();
		assertProblem(admin.post("/api/v1/organisations", "{\"type\":\"OPERATOR\"}"), 400, "name");
		assertProblem(admin.post("/api/v1/organisations", "{\"name\":\"" + Fixtures.unique("No type") + "\"}"), 400, "type");
		assertProblem(admin.post("/api/v1/organisations", "{\"name\":\"   \",\"type\":\"OPERATOR\"}"), 400, "name");
		assertProblem(admin.post("/api/v1/organisations", "{\"name\":\"" + "長".repeat(201) + "\",\"type\":\"OPERATOR\"}"), 400, "name");
		assertThat(counts()).isEqualTo(before);
	}

	@Test
	void controlCharactersAndUnknownSectorsAreRefused() {
		var before = counts();
		assertProblem(admin.post("/api/v1/organisations", "{\"name\":\"Bell\\u0007 Corp\",\"type\":\"OPERATOR\"}"), 400, "name");
		assertProblem(admin.post("/api/v1/organisations", "{\"name\":\"Bidi\\u202e Corp\",\"type\":\"OPERATOR\"}"), 400, "name");
		assertProblem(admin.post("/api/v1/organisations",
				"{\"name\":\"" + Fixtures.unique("Sector") + "\",\"type\":\"OPERATOR\",\"sectors\":[\"ELECTRICITY\",\"ATLANTIS\"]}"),
				400, "sectors[1]");
		assertProblem(admin.post("/api/v1/organisations",
				"{\"name\":\"" + Fixtures.unique("Place") + "\",\"type\":\"OPERATOR\",\"prefecture\":\"Atlantis'; drop table organisation;--\"}"),
				400, "prefecture");
		assertThat(counts()).isEqualTo(before);
	}

	@Test
	void duplicateNameIsAConflictNamingName() {
		var before = counts();
		var response = admin.post("/api/v1/organisations", "{\"name\":\"" + operator.name().toUpperCase() + "\",\"type\":\"OPERATOR\"}");
		assertProblem(response, 409, "name");
		assertThat(counts()).isEqualTo(before);
	}

	@Test
	void scriptInANameIsStoredAsTextAndEscapedInHtml() {
		var name = SCRIPT + " " + Fixtures.unique("電力");
		var created = admin.post("/api/v1/organisations", "{\"name\":" + json.writeValueAsString(name) + ",\"type\":\"OPERATOR\"}");
		assertThat(created.status()).isEqualTo(201);
		assertThat(created.contentType()).startsWith("application/json");
		var id = read(created.body()).get("id").asString();
		assertThat(read(admin.get("/api/v1/organisations/" + id).body()).get("name").asString()).isEqualTo(name);
		assertThat(jdbc.sql("select name from organisation where id = :id::uuid").param("id", id).query(String.class).single())
			.isEqualTo(name);

		// A member of that organisation sees its name on the home page, escaped by Thymeleaf.
		var organisation = new Organisation(java.util.UUID.fromString(id), name, null, OrganisationType.OPERATOR, null, null,
				false, List.of(), java.time.Instant.now());
		var member = fixtures.user(organisation, Role.VIEWER);
		var browser = browser();
		Fixtures.signIn(browser, member.email());
		var home = browser.get("/");
		assertThat(home.status()).isEqualTo(200);
		assertThat(home.body()).doesNotContain(SCRIPT).contains("&lt;script&gt;alert(1)&lt;/script&gt;");
	}

	@Test
	void sqlFragmentsInSearchParametersAreJustText() {
		var before = counts();
		var hostile = "%27%20or%201%3D1%3B%20drop%20table%20organisation%3B%20--";
		var organisations = admin.get("/api/v1/organisations?q=" + hostile);
		assertThat(organisations.status()).isEqualTo(200);
		assertThat(read(organisations.body()).get("total").asLong()).isZero();
		assertThat(admin.get("/api/v1/users?q=" + hostile).status()).isEqualTo(200);
		assertThat(read(admin.get("/api/v1/audit?actor=" + hostile + "&action=%25").body()).get("total").asLong()).isZero();
		assertThat(read(orgAdmin.get("/api/v1/organisations?q=%25").body()).get("total").asLong()).isZero();
		assertThat(counts()).isEqualTo(before);
	}

	@Test
	void badInvitationsStoreNothing() {
		var before = counts();
		var other = fixtures.organisation(OrganisationType.OPERATOR);
		before = counts();
		assertProblem(orgAdmin.post("/api/v1/invitations", invitation(operator.id().toString(), "not-an-address", "VIEWER")), 400, "email");
		assertProblem(orgAdmin.post("/api/v1/invitations",
				"{\"organisationId\":\"" + operator.id() + "\",\"email\":\"a@example.jp\",\"displayName\":\"A\",\"roles\":[]}"), 400, "roles");
		assertProblem(orgAdmin.post("/api/v1/invitations", invitation(operator.id().toString(), "b@example.jp", "EMPEROR")), 400, "roles");
		assertProblem(orgAdmin.post("/api/v1/invitations", invitation("not-a-uuid", "c@example.jp", "VIEWER")), 400, "organisationId");
		// An organisation administrator may invite only into their own organisation, and never a platform admin.
		assertProblem(orgAdmin.post("/api/v1/invitations", invitation(other.id().toString(), "d@example.jp", "VIEWER")), 403, "organisationId");
		assertProblem(orgAdmin.post("/api/v1/invitations", invitation(operator.id().toString(), "e@example.jp", "PLATFORM_ADMIN")), 403, "roles");
		assertThat(counts()).isEqualTo(before);
	}

	@Test
	void idempotencyKeyReturnsTheFirstAnswer() {
		var body = "{\"name\":\"" + Fixtures.unique("Idempotent") + "\",\"type\":\"OPERATOR\"}";
		var key = Fixtures.unique("key");
		var first = post(admin, "/api/v1/organisations", body, key);
		var before = counts();
		var again = post(admin, "/api/v1/organisations", body, key);
		assertThat(first.status()).isEqualTo(201);
		assertThat(again.status()).isEqualTo(201);
		assertThat(read(again.body()).get("id")).isEqualTo(read(first.body()).get("id"));
		assertThat(counts()).isEqualTo(before);

		var different = post(admin, "/api/v1/organisations", "{\"name\":\"" + Fixtures.unique("Other") + "\",\"type\":\"OPERATOR\"}", key);
		assertProblem(different, 422, "Idempotency-Key");

		var inviteKey = Fixtures.unique("invite");
		var invite = invitation(operator.id().toString(), Fixtures.unique("twice") + "@example.jp", "VIEWER");
		var sent = MAIL.getReceivedMessages().length;
		var firstInvite = post(orgAdmin, "/api/v1/invitations", invite, inviteKey);
		var secondInvite = post(orgAdmin, "/api/v1/invitations", invite, inviteKey);
		assertThat(firstInvite.status()).isEqualTo(201);
		assertThat(read(secondInvite.body()).get("id")).isEqualTo(read(firstInvite.body()).get("id"));
		assertThat(MAIL.getReceivedMessages()).hasSize(sent + 1);

		// A request that failed leaves its key free for the corrected retry.
		var failingKey = Fixtures.unique("failing");
		assertProblem(post(admin, "/api/v1/organisations", "{\"name\":\"" + operator.name() + "\",\"type\":\"OPERATOR\"}", failingKey), 409, "name");
		assertThat(post(admin, "/api/v1/organisations", "{\"name\":\"" + Fixtures.unique("Fixed") + "\",\"type\":\"OPERATOR\"}", failingKey).status())
			.isEqualTo(201);
	}

	@Test
	void browserFormWithScriptShowsTheErrorEscapedAndStoresNothing() throws Exception {
		var email = Fixtures.unique("form") + "@example.jp";
		assertThat(orgAdmin.post("/api/v1/invitations", invitation(operator.id().toString(), email, "VIEWER")).status()).isEqualTo(201);
		var token = invitationToken(email);
		var users = jdbc.sql("select count(*) from app_user").query(Long.class).single();

		var browser = browser();
		var page = browser.submit("/invitation?token=" + token, "/invitation", Map.of("token", token, "displayName", SCRIPT,
				"password", "short", "passwordConfirmation", "short"));
		assertThat(page.status()).isEqualTo(200);
		assertThat(page.body()).contains("aria-invalid=\"true\"").doesNotContain(SCRIPT)
			.contains("&lt;script&gt;alert(1)&lt;/script&gt;");
		assertThat(jdbc.sql("select count(*) from app_user").query(Long.class).single()).isEqualTo(users);
	}

	@Test
	void tokenPageEscapesTokenNames() {
		var viewer = fixtures.user(operator, Role.VIEWER);
		var browser = browser();
		Fixtures.signIn(browser, viewer.email());
		var created = browser.submit("/account/tokens", "/account/tokens",
				Map.of("name", SCRIPT, "scopes", "identity:read", "expiryDays", "7"));
		assertThat(created.status()).isEqualTo(200);
		assertThat(created.body()).doesNotContain(SCRIPT).contains("&lt;script&gt;").contains("kkh_");
		var refused = browser.submit("/account/tokens", "/account/tokens",
				Map.of("name", "too long", "scopes", "audit:read", "expiryDays", "999"));
		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.body()).contains("aria-invalid=\"true\"");
		assertThat(tokens.forUser(viewer.id())).hasSize(1);
	}

	private String invitationToken(String email) throws Exception {
		var pattern = Pattern.compile("/invitation\\?token=([A-Za-z0-9_-]+)");
		for (MimeMessage message : MAIL.getReceivedMessages()) {
			if (message.getAllRecipients()[0].toString().equals(email)) {
				var matcher = pattern.matcher(String.valueOf(message.getContent()));
				if (matcher.find()) {
					return matcher.group(1);
				}
			}
		}
		throw new AssertionError("No invitation mail to " + email);
	}

	/** A POST with an Idempotency-Key header (the shared ApiClient sends none). */
	private ApiClient.Response post(ApiClient client, String path, String body, String key) {
		var token = client == admin ? adminToken : orgAdminToken;
		var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.header("Content-Type", "application/json")
			.header("Authorization", "Bearer " + token)
			.header("Idempotency-Key", key)
			.build();
		try {
			var response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
			return new ApiClient.Response(response.statusCode(), response.body(),
					response.headers().firstValue("Content-Type").orElse(""));
		} catch (java.io.IOException e) {
			throw new IllegalStateException(e);
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
	}

	private String invitation(String organisationId, String email, String role) {
		return "{\"organisationId\":\"" + organisationId + "\",\"email\":\"" + email
				+ "\",\"displayName\":\"Invitee\",\"roles\":[\"" + role + "\"]}";
	}

	private void assertProblem(ApiClient.Response response, int status, @Nullable String field) {
		assertThat(response.status()).as(response.body()).isEqualTo(status);
		assertThat(response.contentType()).startsWith("application/problem+json");
		var problem = read(response.body());
		assertThat(problem.get("status").asInt()).isEqualTo(status);
		if (field != null) {
			var fields = new java.util.ArrayList<String>();
			for (var error : problem.get("errors")) {
				fields.add(error.get("field").asString());
			}
			// Element errors are named by their path: roles.[0] belongs to roles.
			assertThat(fields).as(response.body())
				.anyMatch(f -> f.equals(field) || f.startsWith(field + ".") || f.startsWith(field + "["));
		}
	}

	private JsonNode read(String body) {
		return json.readTree(body);
	}

	/** Rows in every table a failed request could have half-written. */
	private List<Long> counts() {
		return List.of("organisation", "organisation_sector", "invitation", "app_user", "idempotency_key").stream()
			.map(table -> jdbc.sql("select count(*) from " + table).query(Long.class).single())
			.toList();
	}

	/** Every scope the user's roles allow (a platform administrator may not hold reports:write, for one). */
	private static EnumSet<ApiScope> allowed(KakehashiUser user) {
		var scopes = EnumSet.noneOf(ApiScope.class);
		java.util.Arrays.stream(ApiScope.values()).filter(scope -> scope.allowedFor(user.roles())).forEach(scopes::add);
		return scopes;
	}
}
