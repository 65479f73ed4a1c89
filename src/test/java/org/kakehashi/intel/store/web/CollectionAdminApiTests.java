package org.kakehashi.intel.store.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kakehashi.identity.ApiScope;
import org.kakehashi.identity.OrganisationType;
import org.kakehashi.identity.Role;
import org.kakehashi.identity.internal.ApiTokens;
import org.kakehashi.identity.internal.Groups;
import org.kakehashi.identity.internal.Organisation;
import org.kakehashi.support.ApiClient;
import org.kakehashi.support.Fixtures;
import org.kakehashi.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Collection administration over the REST API: platform administrators only, problem+json naming each field. */
class CollectionAdminApiTests extends IntegrationTest {

	@Autowired
	Fixtures fixtures;

	@Autowired
	ApiTokens tokens;

	@Autowired
	Groups groups;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	JsonMapper json;

	ApiClient admin;
	Organisation operator;

	@BeforeEach
	void world() {
		var user = fixtures.user(fixtures.organisation(OrganisationType.NATIONAL_CENTRE), Role.PLATFORM_ADMIN);
		admin = api(tokens.create(user.principal(), "admin", EnumSet.of(ApiScope.INTEL_READ, ApiScope.INTEL_WRITE), 1).clearToken());
		operator = fixtures.organisation(OrganisationType.OPERATOR, "ELECTRICITY");
	}

	@Test
	void platformAdministratorsCreateListAndRegrantCollections() {
		var group = groups.create("SIG " + UUID.randomUUID(), Groups.Kind.SIG, null, null, true);
		var alias = "ind-" + UUID.randomUUID().toString().substring(0, 8);
		var created = admin.post("/api/v1/intel/collections", """
				{"title":"<script>alert(1)</script> 指標","description":"line one\\nline two","alias":"%s","readableByCentre":true,
				 "grants":[{"organisationId":"%s","read":true,"write":true},{"groupId":"%s","read":true},{"role":"analyst","write":true}]}
				""".formatted(alias, operator.id(), group.id()));
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		var body = read(created.body());
		var id = body.get("id").asString();
		assertThat(UUID.fromString(id).version()).isEqualTo(4);
		assertThat(body.get("title").asString()).isEqualTo("<script>alert(1)</script> 指標");
		assertThat(body.get("readableByCentre").asBoolean()).isTrue();
		assertThat(body.get("grants").size()).isEqualTo(3);
		assertThat(body.get("grants").get(2).get("role").asString()).isEqualTo("ANALYST");
		assertThat(body.get("taxiiPath").asString()).isEqualTo("/taxii2/intel/collections/" + id + "/");

		assertThat(admin.get("/api/v1/intel/collections").body()).contains(id);
		assertThat(read(admin.get("/api/v1/intel/collections/" + id).body()).get("alias").asString()).isEqualTo(alias);

		var changed = admin.send("PUT", "/api/v1/intel/collections/" + id + "/access", """
				{"readableByAll":true,"grants":[{"role":"VIEWER","read":true}]}""");
		assertThat(changed.status()).as(changed.body()).isEqualTo(200);
		var after = read(changed.body());
		assertThat(after.get("readableByAll").asBoolean()).isTrue();
		assertThat(after.get("readableByCentre").asBoolean()).isFalse();
		assertThat(after.get("grants").size()).isEqualTo(1);
		// Other tests' readers must not see it.
		jdbc.sql("update intel_collection set readable_by_all = false where id = :id::uuid").param("id", id).update();

		assertThat(admin.post("/api/v1/intel/collections", "{\"title\":\"Again\",\"alias\":\"" + alias + "\"}").status()).isEqualTo(409);
		assertThat(admin.get("/api/v1/intel/collections/" + UUID.randomUUID()).status()).isEqualTo(404);
		assertThat(admin.send("PUT", "/api/v1/intel/collections/" + UUID.randomUUID() + "/access", "{}").status()).isEqualTo(404);
		assertThat(jdbc.sql("select count(*) from audit_log where action like 'intel.collection.%' and target_id = :id")
			.param("id", id).query(Long.class).single()).isEqualTo(2);
	}

	@Test
	void badInputIsRefusedNamingTheFieldAndStoresNothing() {
		long before = jdbc.sql("select count(*) from intel_collection").query(Long.class).single();
		expectField("{}", "title");
		expectField("{\"title\":\"   \"}", "title");
		expectField("{\"title\":\"" + "x".repeat(201) + "\"}", "title");
		expectField("{\"title\":\"bell\\u0007\"}", "title");
		expectField("{\"title\":\"ok\",\"description\":\"" + "x".repeat(2001) + "\"}", "description");
		expectField("{\"title\":\"ok\",\"alias\":\"Upper Case\"}", "alias");
		expectField("{\"title\":\"ok\",\"alias\":\"" + UUID.randomUUID() + "\"}", "alias");
		expectField("{\"title\":\"ok\",\"grants\":[{\"read\":true}]}", "grants[0]");
		expectField("{\"title\":\"ok\",\"grants\":[{\"organisationId\":\"" + operator.id() + "\",\"role\":\"VIEWER\",\"read\":true}]}", "grants[0]");
		expectField("{\"title\":\"ok\",\"grants\":[{\"organisationId\":\"" + UUID.randomUUID() + "\",\"read\":true}]}", "grants[0].organisationId");
		expectField("{\"title\":\"ok\",\"grants\":[{\"groupId\":\"" + UUID.randomUUID() + "\",\"read\":true}]}", "grants[0].groupId");
		expectField("{\"title\":\"ok\",\"grants\":[{\"role\":\"EMPEROR\",\"read\":true}]}", "grants[0].role");
		expectField("{\"title\":\"ok\",\"grants\":[{\"role\":\"VIEWER\"}]}", "grants[0].read");
		expectField("{\"title\":\"ok\",\"grants\":[{\"organisationId\":\"not-a-uuid\"}]}", "grants.[0].organisationId");
		expectField("{\"title\":\"ok\",\"colour\":\"red\"}", "colour");
		assertThat(admin.post("/api/v1/intel/collections", "{\"title\":").status()).isEqualTo(400);
		assertThat(jdbc.sql("select count(*) from intel_collection").query(Long.class).single()).isEqualTo(before);
	}

	@Test
	void onlyPlatformAdministratorsWithTheScopeMayAdminister() {
		var analyst = fixtures.user(fixtures.organisation(OrganisationType.NATIONAL_CENTRE), Role.ANALYST);
		var notAdmin = api(tokens.create(analyst.principal(), "x", EnumSet.of(ApiScope.INTEL_READ, ApiScope.INTEL_WRITE), 1).clearToken());
		assertThat(notAdmin.get("/api/v1/intel/collections").status()).isEqualTo(403);
		assertThat(notAdmin.post("/api/v1/intel/collections", "{\"title\":\"x\"}").status()).isEqualTo(403);
		var adminUser = fixtures.user(fixtures.organisation(OrganisationType.NATIONAL_CENTRE), Role.PLATFORM_ADMIN);
		var readScope = api(tokens.create(adminUser.principal(), "x", EnumSet.of(ApiScope.INTEL_READ), 1).clearToken());
		assertThat(readScope.get("/api/v1/intel/collections").status()).isEqualTo(200);
		assertThat(readScope.post("/api/v1/intel/collections", "{\"title\":\"x\"}").status()).isEqualTo(403);
		assertThat(api(null).get("/api/v1/intel/collections").status()).isEqualTo(401);
	}

	private void expectField(String body, String field) {
		var response = admin.post("/api/v1/intel/collections", body);
		assertThat(response.status()).as(body + " -> " + response.body()).isEqualTo(400);
		assertThat(response.contentType()).startsWith("application/problem+json");
		var errors = read(response.body()).get("errors");
		assertThat(errors.valueStream().map(e -> e.get("field").asString()).toList()).as(body).contains(field);
	}

	private JsonNode read(String body) {
		return json.readTree(body);
	}
}
