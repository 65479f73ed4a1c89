package org.kakehashi.sharing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kakehashi.identity.ApiScope;
import org.kakehashi.identity.OrganisationType;
import org.kakehashi.identity.Role;
import org.kakehashi.identity.internal.ApiTokens;
import org.kakehashi.identity.internal.Organisation;
import org.kakehashi.identity.internal.Organisations;
import org.kakehashi.identity.internal.UserAccount;
import org.kakehashi.reporting.Observable;
import org.kakehashi.reporting.ObservableType;
import org.kakehashi.reporting.ReportKind;
import org.kakehashi.support.ApiClient;
import org.kakehashi.support.Fixtures;
import org.kakehashi.support.IntegrationTest;
import org.kakehashi.support.ReportFixtures;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The sharing workflow over the REST API against the real database: a hub drafts an item from a report, the
 * source asks for changes and then approves, the re-identification guard holds publication back until the
 * audience is large enough, and only the audience reads the result — without anything that names the source.
 */
class SharingWorkflowTests extends IntegrationTest {

	@Autowired
	Fixtures fixtures;

	@Autowired
	ReportFixtures reports;

	@Autowired
	Organisations organisations;

	@Autowired
	ApiTokens tokens;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	JsonMapper json;

	String prefecture;
	Organisation source;
	UserAccount sourceReporter;
	ApiClient sourceApi;
	ApiClient sourceViewer;
	ApiClient hub;
	ApiClient otherHub;
	Organisation lookAlikeA;
	Organisation lookAlikeB;
	Organisation elsewhere;
	ApiClient recipientA;
	ApiClient recipientElsewhere;
	ApiClient outsider;
	UUID reportId;

	@BeforeEach
	void world() {
		// A prefecture of its own, so the guard counts only this test's organisations.
		prefecture = Fixtures.unique("県");
		source = organisation(prefecture);
		sourceReporter = fixtures.user(source, Role.REPORTER);
		sourceApi = client(sourceReporter);
		sourceViewer = client(fixtures.user(source, Role.VIEWER));
		lookAlikeA = organisation(prefecture);
		lookAlikeB = organisation(prefecture);
		elsewhere = organisation(Fixtures.unique("県"));
		recipientA = client(fixtures.user(lookAlikeA, Role.VIEWER));
		recipientElsewhere = client(fixtures.user(elsewhere, Role.VIEWER));
		outsider = client(fixtures.user(organisation(prefecture), Role.ORG_ADMIN, Role.REPORTER));
		hub = client(fixtures.user(fixtures.organisation(OrganisationType.NATIONAL_CENTRE), Role.ANALYST));
		otherHub = client(fixtures.user(fixtures.organisation(OrganisationType.INFORMATION_HUB), Role.ANALYST));
		reportId = reports.submitted(sourceReporter, ReportKind.INCIDENT, source.name() + " の制御系で不審通信",
				Instant.now().minus(1, ChronoUnit.HOURS), new Observable(ObservableType.IPV4, "203.0.113.7"),
				new Observable(ObservableType.DOMAIN, "evil.example.net")).id();
	}

	@Test
	void approvedSanitisedItemReachesOnlyItsAudienceAndNeverNamesTheSource() {
		var created = hub.post("/api/v1/shared-items", """
				{"reportIds": ["%s"], "tlp": "TLP:AMBER"}
				""".formatted(reportId));
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		var item = read(created.body());
		var id = item.get("id").asString();
		assertThat(item.get("number").asString()).matches("SHR-\\d{4}-\\d{6}");
		assertThat(item.get("status").asString()).isEqualTo("DRAFT");
		// The draft starts from the report's own text: the hub sanitises it.
		assertThat(item.get("title").asString()).contains(source.name());
		assertThat(item.get("observables")).hasSize(2);
		assertThat(item.get("disclosedSectors").get(0).asString()).isEqualTo("ELECTRICITY");

		// Nobody but the hub sees a draft: not the source yet, not another hub.
		for (var api : List.of(sourceApi, otherHub, recipientA, outsider)) {
			assertThat(api.get("/api/v1/shared-items/" + id).status()).isEqualTo(404);
		}

		var sanitised = content("制御系ネットワークで不審な通信", "電力事業者の制御系で外部への不審な通信を検知。", "ELECTRICITY",
				audience(lookAlikeA, lookAlikeB, elsewhere), 1);
		var saved = hub.send("PUT", "/api/v1/shared-items/" + id, sanitised);
		assertThat(saved.status()).as(saved.body()).isEqualTo(200);
		assertThat(read(saved.body()).get("revision").asInt()).isEqualTo(2);

		// Publishing before the source approved is refused unless the hub gives a reason.
		var early = hub.post("/api/v1/shared-items/" + id + "/publication", "{}");
		assertThat(early.status()).isEqualTo(409);
		assertThat(read(early.body()).get("errors").get(0).get("field").asString()).isEqualTo("approvalOverrideReason");

		assertThat(hub.post("/api/v1/shared-items/" + id + "/approval-requests", "").status()).isEqualTo(200);
		var seenBySource = sourceApi.get("/api/v1/shared-items/" + id);
		assertThat(seenBySource.status()).isEqualTo(200);
		assertThat(read(seenBySource.body()).get("view").asString()).isEqualTo("source");
		assertThat(read(seenBySource.body()).get("revision").asInt()).isEqualTo(2);
		// A viewer of the source organisation does not speak for it.
		assertThat(sourceViewer.get("/api/v1/shared-items/" + id).status()).isEqualTo(404);

		var changes = sourceApi.post("/api/v1/shared-items/" + id + "/change-requests",
				"{\"revision\": 2, \"comment\": \"電力事業者という表現も外してください\"}");
		assertThat(changes.status()).as(changes.body()).isEqualTo(204);
		assertThat(sourceApi.post("/api/v1/shared-items/" + id + "/approval", "{\"revision\": 2}").status())
			.isEqualTo(409);

		hub.send("PUT", "/api/v1/shared-items/" + id, content("制御系ネットワークで不審な通信",
				"重要インフラ事業者の制御系で外部への不審な通信を検知。", "ELECTRICITY", audience(lookAlikeA, lookAlikeB, elsewhere), 2));
		assertThat(hub.post("/api/v1/shared-items/" + id + "/approval-requests", "").status()).isEqualTo(200);
		// Approving a revision the source was not shown is refused.
		assertThat(sourceApi.post("/api/v1/shared-items/" + id + "/approval", "{\"revision\": 2}").status())
			.isEqualTo(409);
		assertThat(sourceApi.post("/api/v1/shared-items/" + id + "/approval", "{\"revision\": 3}").status())
			.isEqualTo(204);

		var guard = read(hub.get("/api/v1/shared-items/" + id + "/guard").body());
		// The source and two audience organisations share sector and prefecture; the third is elsewhere.
		assertThat(guard.get("lookAlikes").asInt()).isEqualTo(3);
		assertThat(guard.get("passes").asBoolean()).isTrue();

		var published = hub.post("/api/v1/shared-items/" + id + "/publication", "{}");
		assertThat(published.status()).as(published.body()).isEqualTo(200);
		assertThat(read(published.body()).get("status").asString()).isEqualTo("PUBLISHED");

		var received = recipientA.get("/api/v1/shared-items/" + id);
		assertThat(received.status()).isEqualTo(200);
		var view = read(received.body());
		assertThat(view.get("view").asString()).isEqualTo("recipient");
		assertThat(view.get("tlp").asString()).isEqualTo("TLP:AMBER");
		// Attacker infrastructure stays; the source's own observable does not travel.
		assertThat(view.get("observables")).hasSize(1);
		assertThat(view.get("observables").get(0).get("value").asString()).isEqualTo("evil.example.net");
		assertThat(received.body()).doesNotContain(source.name(), source.id().toString(), reportId.toString(),
				"203.0.113.7", lookAlikeB.id().toString());
		assertThat(recipientElsewhere.get("/api/v1/shared-items/" + id).status()).isEqualTo(200);
		assertThat(outsider.get("/api/v1/shared-items/" + id).status()).isEqualTo(404);

		// Every read of a TLP:AMBER item is audited (two recipients read it), without its text.
		var reads = jdbc.sql("select details from audit_log where action = 'sharing.item-read' and target_id = :id")
			.param("id", id).query(String.class).list();
		assertThat(reads).hasSize(2).allSatisfy(details -> assertThat(details).doesNotContain("不審"));
	}

	@Test
	void guardBlocksAnAudienceThatCouldSingleOutTheSourceUntilGeneralisedOrOverridden() {
		var id = read(hub.post("/api/v1/shared-items", """
				{"reportIds": ["%s"], "tlp": "TLP:GREEN"}
				""".formatted(reportId)).body()).get("id").asString();
		hub.send("PUT", "/api/v1/shared-items/" + id, content("不審通信", "本文", "ELECTRICITY", audience(lookAlikeA), 1));

		var blocked = hub.post("/api/v1/shared-items/" + id + "/publication",
				"{\"approvalOverrideReason\": \"緊急のため提供元の確認を待たずに公開\"}");
		assertThat(blocked.status()).isEqualTo(409);
		assertThat(read(blocked.body()).get("errors").get(0).get("field").asString()).isEqualTo("guardOverrideReason");
		assertThat(recipientA.get("/api/v1/shared-items/" + id).status()).isEqualTo(404);

		// Only the source and one recipient share sector and prefecture: the hub overrides with a reason.
		var overridden = hub.post("/api/v1/shared-items/" + id + "/publication", """
				{"approvalOverrideReason": "緊急のため", "guardOverrideReason": "受信者は一社のみで提供元と合意済み"}
				""");
		assertThat(overridden.status()).as(overridden.body()).isEqualTo(200);
		var audit = jdbc.sql("select details from audit_log where action = 'sharing.published' and target_id = :id")
			.param("id", id).query(String.class).single();
		assertThat(audit).contains("guardOverride", "approvalOverride");
		assertThat(recipientA.get("/api/v1/shared-items/" + id).status()).isEqualTo(200);
	}

	@Test
	void hostileInputNamesTheFieldAndStoresNothing() {
		var before = jdbc.sql("select count(*) from shared_item").query(Integer.class).single();
		var bad = hub.post("/api/v1/shared-items", """
				{"title": "", "tlp": "TLP:RED", "audience": [{"kind": "SECTOR", "ref": "ELECTRICITY"}],
				 "observables": [{"type": "IPV4", "value": "999.1.1.1", "role": "ATTACKER"}]}
				""");
		assertThat(bad.status()).isEqualTo(400);
		assertThat(bad.body()).contains("title", "audience[0]", "observables[0].value");
		assertThat(hub.post("/api/v1/shared-items", "{\"title\": \"x\", \"tlp\": \"TLP:PURPLE\"}").body()).contains("tlp");
		assertThat(hub.post("/api/v1/shared-items", "{\"title\": \"x\", \"reportIds\": [\"%s\"]}"
				.formatted(UUID.randomUUID())).status()).isEqualTo(422);
		// An operator cannot write shared items at all.
		assertThat(sourceApi.post("/api/v1/shared-items", "{\"title\": \"x\"}").status()).isEqualTo(403);
		assertThat(jdbc.sql("select count(*) from shared_item").query(Integer.class).single()).isEqualTo(before);
	}

	private Organisation organisation(String prefecture) {
		return organisations.create(new Organisations.Draft(Fixtures.unique("電力会社"), null, OrganisationType.OPERATOR,
				Organisation.SizeClass.LARGE, prefecture, false, List.of("ELECTRICITY")));
	}

	private static String audience(Organisation... orgs) {
		return java.util.Arrays.stream(orgs)
			.map(o -> "{\"kind\": \"ORGANISATION\", \"ref\": \"" + o.id() + "\"}")
			.collect(Collectors.joining(",", "[", "]"));
	}

	private String content(String title, String body, String sector, String audience, int basedOn) {
		return """
				{"title": "%s", "body": "%s", "analysis": "ハブの分析", "countermeasures": "通信先の遮断", "tlp": "TLP:AMBER",
				 "disclosedSectors": ["%s"], "disclosedPrefecture": "%s",
				 "observables": [{"type": "IPV4", "value": "203.0.113.7", "role": "SOURCE"},
				                 {"type": "DOMAIN", "value": "evil.example.net", "role": "ATTACKER"}],
				 "audience": %s, "basedOnRevision": %d}
				""".formatted(title, body, sector, prefecture, audience, basedOn);
	}

	private JsonNode read(String body) {
		return json.readTree(body);
	}

	private ApiClient client(UserAccount user) {
		var token = tokens.create(user.principal(), "test", EnumSet.of(ApiScope.SHARING_READ, ApiScope.SHARING_WRITE),
				1).clearToken();
		return api(token);
	}

}
