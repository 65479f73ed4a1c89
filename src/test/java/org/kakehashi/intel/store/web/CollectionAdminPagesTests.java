package org.kakehashi.intel.store.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.kakehashi.identity.OrganisationType;
import org.kakehashi.identity.Role;
import org.kakehashi.identity.internal.Groups;
import org.kakehashi.identity.internal.UserAccount;
import org.kakehashi.intel.store.Collections;
import org.kakehashi.intel.store.Grant;
import org.kakehashi.support.Fixtures;
import org.kakehashi.support.IntegrationTest;
import org.kakehashi.support.WebClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Collection administration in the browser: platform administrators create collections, edit them and grant or
 * revoke access, with errors beside their fields and the same audit entries as the API; nobody else gets in.
 */
class CollectionAdminPagesTests extends IntegrationTest {

	@Autowired Fixtures fixtures;
	@Autowired Collections collections;
	@Autowired Groups groups;
	@Autowired JdbcClient jdbc;

	@Test
	void platformAdministratorsCreateEditGrantAndRevoke() {
		var admin = fixtures.user(fixtures.organisation(OrganisationType.NATIONAL_CENTRE), Role.PLATFORM_ADMIN);
		var operator = fixtures.organisation(OrganisationType.OPERATOR, "ELECTRICITY");
		var group = groups.create(Fixtures.unique("SIG"), Groups.Kind.SIG, null, null, false);
		var browser = signedIn(admin, "en");

		var list = browser.get("/admin/intel/collections");
		assertThat(list.status()).isEqualTo(200);
		assertThat(list.body()).contains("id=\"new-collection\"").contains("href=\"/admin/intel/collections\"");
		assertThat(browser.get("/admin/intel/collections/new").status()).isEqualTo(200);

		var refused = browser.post("/admin/intel/collections", form("title", "  ", "description", "kept text", "alias", "Bad Alias"));
		assertThat(refused.status()).isEqualTo(200);
		assertThat(refused.body()).contains("id=\"title-error\"").contains("id=\"alias-error\"").contains("kept text")
			.contains("value=\"Bad Alias\"");
		var alias = "ui-" + UUID.randomUUID().toString().substring(0, 8);
		var created = browser.post("/admin/intel/collections", form("title", "<script>x</script> 指標", "description", "",
				"alias", alias, "readableByCentre", "true"));
		assertThat(created.status()).as(created.body()).isEqualTo(302);
		var path = created.location().replaceFirst("^https?://[^/]+", "");
		assertThat(path).matches("/admin/intel/collections/[0-9a-f-]{36}");
		var id = UUID.fromString(path.substring(path.lastIndexOf('/') + 1));
		var stored = collections.byId(id).orElseThrow();
		assertThat(stored.alias()).isEqualTo(alias);
		assertThat(stored.readableByCentre()).isTrue();
		assertThat(stored.readableByAll()).isFalse();
		var detail = browser.get(path);
		assertThat(detail.body()).contains("The collection has been created.").contains("&lt;script&gt;x&lt;/script&gt; 指標")
			.doesNotContain("<script>x</script>").contains("id=\"no-grants\"");
		var taken = browser.submit("/admin/intel/collections/new", "/admin/intel/collections", form("title", "Again", "alias", alias));
		assertThat(taken.body()).contains("id=\"alias-error\"").contains("Another collection has this alias.");

		browser.get(path);
		assertThat(browser.post(path, form("title", "x".repeat(201))).body()).contains("id=\"title-error\"");
		assertThat(browser.post(path, form("title", "Renamed", "description", "Now described")).status()).isEqualTo(302);
		assertThat(collections.byId(id).orElseThrow().description()).isEqualTo("Now described");

		browser.get(path);
		assertThat(browser.post(path + "/grants", form("grantee", "", "read", "true")).body()).contains("id=\"grantee-error\"");
		assertThat(browser.post(path + "/grants", form("grantee", "organisation:" + operator.id())).body())
			.contains("id=\"read-error\"");
		assertThat(browser.post(path + "/grants", form("grantee", "organisation:" + UUID.randomUUID(), "read", "true")).body())
			.contains("id=\"grantee-error\"").contains("No such organisation.");
		assertThat(browser.post(path + "/grants", form("grantee", "organisation:" + operator.id(), "read", "true")).status())
			.isEqualTo(302);
		assertThat(browser.post(path + "/grants", form("grantee", "group:" + group.id(), "read", "true", "write", "true"))
			.status()).isEqualTo(302);
		assertThat(browser.post(path + "/grants", form("grantee", "role:ANALYST", "write", "true")).status()).isEqualTo(302);
		// Granting again replaces what the grantee had.
		assertThat(browser.post(path + "/grants", form("grantee", "organisation:" + operator.id(), "read", "true", "write", "true"))
			.status()).isEqualTo(302);
		assertThat(collections.grants(id)).containsExactlyInAnyOrder(new Grant(operator.id(), null, null, true, true),
				new Grant(null, group.id(), null, true, true), new Grant(null, null, Role.ANALYST, false, true));
		var withGrants = browser.language("ja").get(path);
		assertThat(withGrants.body()).contains(operator.name()).contains(group.name()).contains("取り消す");

		assertThat(browser.post(path + "/grants/remove", form("grantee", "role:ANALYST")).status()).isEqualTo(302);
		assertThat(browser.post(path + "/openness", form("readableByAll", "true")).status()).isEqualTo(302);
		var after = collections.byId(id).orElseThrow();
		assertThat(after.readableByAll()).isTrue();
		assertThat(after.readableByCentre()).isFalse();
		assertThat(collections.grants(id)).hasSize(2);
		// Other tests' readers must not see it.
		jdbc.sql("update intel_collection set readable_by_all = false where id = :id").param("id", id).update();

		assertThat(browser.post("/admin/intel/collections/" + UUID.randomUUID() + "/grants/remove", form("grantee", "role:VIEWER"))
			.status()).isEqualTo(404);
		assertThat(browser.get("/admin/intel/collections/" + UUID.randomUUID()).status()).isEqualTo(404);
		var actions = jdbc.sql("select action from audit_log where target_id = :id order by seq")
			.param("id", id.toString()).query(String.class).list();
		assertThat(actions).containsExactly("intel.collection.created", "intel.collection.updated",
				"intel.collection.access-changed", "intel.collection.access-changed", "intel.collection.access-changed",
				"intel.collection.access-changed", "intel.collection.access-changed", "intel.collection.access-changed");
	}

	@Test
	void nobodyButPlatformAdministratorsGetsIn() {
		var centre = fixtures.organisation(OrganisationType.NATIONAL_CENTRE);
		var id = collections.create(new Collections.Draft("Guarded " + UUID.randomUUID(), null, null, false, true),
				fixtures.user(centre, Role.PLATFORM_ADMIN).id()).id();
		for (var user : List.of(fixtures.user(centre, Role.ANALYST), fixtures.user(centre, Role.ORG_ADMIN),
				fixtures.user(fixtures.organisation(OrganisationType.OPERATOR, "GAS"), Role.VIEWER))) {
			var browser = signedIn(user, "en");
			assertThat(browser.get("/admin/intel/collections").status()).isEqualTo(403);
			assertThat(browser.get("/admin/intel/collections/" + id).status()).isEqualTo(403);
			browser.get("/intel");
			assertThat(browser.post("/admin/intel/collections", form("title", "Sneaky")).status()).isEqualTo(403);
			assertThat(browser.post("/admin/intel/collections/" + id + "/grants", form("grantee", "role:VIEWER", "read", "true"))
				.status()).isEqualTo(403);
			assertThat(browser.get("/intel").body()).doesNotContain("/admin/intel/collections");
		}
		assertThat(collections.grants(id)).isEmpty();
		assertThat(browser().get("/admin/intel/collections").status()).isEqualTo(302);
	}

	private WebClient signedIn(UserAccount user, String language) {
		var client = browser().language(language);
		fixtures.signInWithSecondFactor(client, user);
		return client;
	}

	private static Map<String, String> form(String... pairs) {
		var map = new LinkedHashMap<String, String>();
		for (int i = 0; i < pairs.length; i += 2) {
			map.put(pairs[i], pairs[i + 1]);
		}
		return map;
	}
}
