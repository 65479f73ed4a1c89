package org.kakehashi.intel.importing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kakehashi.identity.ApiScope;
import org.kakehashi.identity.OrganisationType;
import org.kakehashi.identity.Role;
import org.kakehashi.identity.internal.ApiTokens;
import org.kakehashi.identity.internal.Organisation;
import org.kakehashi.identity.internal.UserAccount;
import org.kakehashi.intel.stix.SpecStixValidator;
import org.kakehashi.intel.store.CollectionAdministration;
import org.kakehashi.intel.store.Grant;
import org.kakehashi.reporting.ObservableType;
import org.kakehashi.reporting.Viewer;
import org.kakehashi.sharing.Tlp;
import org.kakehashi.sharing.internal.AudienceEntry;
import org.kakehashi.sharing.internal.AudienceKind;
import org.kakehashi.sharing.internal.ItemContent;
import org.kakehashi.sharing.internal.ItemObservable;
import org.kakehashi.sharing.internal.SharedItems;
import org.kakehashi.support.ApiClient;
import org.kakehashi.support.Fixtures;
import org.kakehashi.support.IntegrationTest;
import org.kakehashi.support.ReportFixtures;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * Published shared items reach TAXII only where every reader of a collection received them: an opted-in collection
 * read by exactly the audience gets the item, one with an outside reader does not, TLP:CLEAR goes everywhere opted
 * in, a withdrawal revokes the copies; and a recipient exports the item as a valid STIX bundle.
 */
class SharedItemFeedTests extends IntegrationTest {

	@Autowired
	Fixtures fixtures;

	@Autowired
	ReportFixtures reports;

	@Autowired
	SharedItems items;

	@Autowired
	SharedItemFeed feed;

	@Autowired
	CollectionAdministration administration;

	@Autowired
	ApiTokens tokens;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	JsonMapper json;

	@Autowired
	SpecStixValidator validator;

	Organisation a1;
	Organisation a2;
	Organisation outsider;
	Viewer hub;
	UserAccount adminUser;
	UUID audienceOnly;
	UUID withOutsider;
	UUID notOptedIn;

	@BeforeEach
	void world() {
		a1 = fixtures.organisation(OrganisationType.OPERATOR, "GAS");
		a2 = fixtures.organisation(OrganisationType.OPERATOR, "GAS");
		outsider = fixtures.organisation(OrganisationType.OPERATOR, "GAS");
		var centre = fixtures.organisation(OrganisationType.NATIONAL_CENTRE);
		hub = reports.viewer(fixtures.user(centre, Role.ANALYST));
		adminUser = fixtures.user(centre, Role.PLATFORM_ADMIN);
		var admin = adminUser.principal();
		audienceOnly = collection(admin, true, a1, a2);
		withOutsider = collection(admin, true, a1, outsider);
		notOptedIn = collection(admin, false, a1, a2);
	}

	@Test
	void itemGoesOnlyWhereEveryReaderReceivedItAndAWithdrawalRevokesIt() {
		var id = publish(Tlp.AMBER, a1, a2);
		await().atMost(Duration.ofSeconds(20)).until(() -> reportsIn(audienceOnly) == 1);
		assertThat(reportsIn(withOutsider)).isZero();
		assertThat(reportsIn(notOptedIn)).isZero();
		var stored = jdbc.sql("select raw from intel_object where collection_id = :c and stix_type = 'indicator'")
			.param("c", audienceOnly).query(String.class).single();
		assertThat(stored).contains("marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421", "evil.example.org");
		// A redelivered event places nothing twice.
		assertThat(feed.place(id)).isEmpty();

		items.withdraw(hub, id, "誤報");
		await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql("""
				select count(*) from intel_object where collection_id = :c and stix_type = 'report' and raw like '%"revoked":true%'
				""").param("c", audienceOnly).query(Integer.class).single() == 1);
	}

	@Test
	void clearGoesIntoEveryOptedInCollectionAndRedIntoNone() {
		publish(Tlp.CLEAR, a1);
		await().atMost(Duration.ofSeconds(20)).until(() -> reportsIn(audienceOnly) == 1 && reportsIn(withOutsider) == 1);
		assertThat(reportsIn(notOptedIn)).isZero();
	}

	@Test
	void recipientExportsAValidBundleAndOutsidersGetNothing() {
		var id = publish(Tlp.GREEN, a1, a2);
		var recipient = api(a1);
		var response = recipient.get("/api/v1/shared-items/" + id + "/stix");
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		assertThat(response.contentType()).startsWith("application/stix+json");
		var bundle = json.readTree(response.body());
		var types = new java.util.ArrayList<String>();
		for (var object : bundle.get("objects")) {
			assertThat(validator.validate(object)).as(object.toString()).isEmpty();
			types.add(object.get("type").asString());
		}
		assertThat(types).containsExactlyInAnyOrder("identity", "domain-name", "indicator", "report");
		assertThat(response.body()).contains("marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb", "不審なドメイン");
		assertThat(api(outsider).get("/api/v1/shared-items/" + id + "/stix").status()).isEqualTo(404);
	}

	@Test
	void optingACollectionInOverTheApiRefusesBadInputAndChangesNothing() {
		var admin = api(tokens.create(adminUser.principal(), "admin", EnumSet.of(ApiScope.INTEL_WRITE), 1).clearToken());
		var missing = admin.send("PUT", "/api/v1/intel/collections/" + notOptedIn + "/shared-items", "{}");
		assertThat(missing.status()).isEqualTo(400);
		assertThat(missing.body()).contains("enabled");
		assertThat(admin.send("PUT", "/api/v1/intel/collections/" + notOptedIn + "/shared-items", "{\"enabled\":\"yes\"}")
			.status()).isEqualTo(400);
		assertThat(admin.send("PUT", "/api/v1/intel/collections/" + UUID.randomUUID() + "/shared-items",
				"{\"enabled\":true}").status()).isEqualTo(404);
		assertThat(feed.enabled(notOptedIn)).isFalse();
		assertThat(admin.send("PUT", "/api/v1/intel/collections/" + notOptedIn + "/shared-items", "{\"enabled\":true}")
			.status()).isEqualTo(204);
		assertThat(feed.enabled(notOptedIn)).isTrue();
	}

	private UUID publish(Tlp tlp, Organisation... recipients) {
		var audience = java.util.Arrays.stream(recipients)
			.map(o -> new AudienceEntry(AudienceKind.ORGANISATION, o.id().toString())).toList();
		var content = new ItemContent("不審なドメインへの通信 " + UUID.randomUUID(), "不審なドメインへの通信が複数の事業者で観測された。",
				"分析", "遮断", "ja", tlp, List.of(), null, null,
				List.of(new ItemObservable(ObservableType.DOMAIN, "evil.example.org", ItemObservable.Role.ATTACKER)),
				audience);
		var item = items.create(hub, content, List.of());
		return items.publish(hub, item.id(), null, null).id();
	}

	private UUID collection(org.kakehashi.identity.KakehashiUser admin, boolean optIn, Organisation... readers) {
		var grants = java.util.Arrays.stream(readers).map(o -> new Grant(o.id(), null, null, true, false)).toList();
		var id = administration.create(admin, "Shared " + UUID.randomUUID(), null, null,
				new CollectionAdministration.Access(false, false, grants)).id();
		if (optIn) {
			feed.enable(admin, id, true);
		}
		return id;
	}

	private int reportsIn(UUID collection) {
		return jdbc.sql("select count(distinct stix_id) from intel_object where collection_id = :c and stix_type = 'report'")
			.param("c", collection).query(Integer.class).single();
	}

	private ApiClient api(Organisation organisation) {
		UserAccount user = fixtures.user(organisation, Role.VIEWER);
		return api(tokens.create(user.principal(), "test", EnumSet.of(ApiScope.SHARING_READ), 1).clearToken());
	}
}
