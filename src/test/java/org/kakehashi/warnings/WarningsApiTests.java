package org.kakehashi.warnings;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
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
import org.kakehashi.support.ApiClient;
import org.kakehashi.support.Fixtures;
import org.kakehashi.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Early warnings over the REST API against the real database: agreements decide who receives a warning, a
 * second person reviews it, countermeasures are required, recipients see only their own copy and respond, the
 * sender tracks coverage, and nobody outside learns that the warning exists.
 */
class WarningsApiTests extends IntegrationTest {

	@Autowired
	Fixtures fixtures;

	@Autowired
	ApiTokens tokens;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	JsonMapper json;

	Organisation sender;
	ApiClient author;
	ApiClient reviewer;
	Organisation electricity;
	Organisation finance;
	Organisation added;
	Organisation silent;
	ApiClient electricityUser;
	ApiClient electricityAdmin;
	ApiClient financeUser;
	ApiClient addedUser;
	ApiClient outsider;
	String contact;

	@BeforeEach
	void world() {
		sender = fixtures.organisation(OrganisationType.COORDINATOR);
		author = client(fixtures.user(sender, Role.COORDINATOR));
		reviewer = client(fixtures.user(sender, Role.ANALYST));
		electricity = fixtures.organisation(OrganisationType.OPERATOR, "ELECTRICITY");
		finance = fixtures.organisation(OrganisationType.OPERATOR, "FINANCE");
		added = fixtures.organisation(OrganisationType.LOCAL_GOVERNMENT);
		silent = fixtures.organisation(OrganisationType.OPERATOR, "ELECTRICITY");
		electricityUser = client(fixtures.user(electricity, Role.REPORTER));
		electricityAdmin = client(fixtures.user(electricity, Role.ORG_ADMIN));
		financeUser = client(fixtures.user(finance, Role.VIEWER));
		addedUser = client(fixtures.user(added, Role.VIEWER));
		outsider = client(fixtures.user(fixtures.organisation(OrganisationType.OPERATOR, "ELECTRICITY"), Role.ORG_ADMIN,
				Role.ANALYST, Role.COORDINATOR));
		contact = Fixtures.unique("soc") + "@electricity.example";
		agreement(electricity, "[\"ELECTRICITY\"]", "[]", "[\"EMAIL\"]", "[\"" + contact + "\"]");
		agreement(silent, "[\"ELECTRICITY\"]", "[]", "[]", "[]");
		// Finance only wants warnings about its banking product.
		agreement(finance, "[]", "[\"BankSuite\"]", "[]", "[]");
	}

	@Test
	void aReviewedWarningReachesExactlyItsRecipientsWhoRespondWhileTheSenderTracksCoverage() {
		var created = author.post("/api/v1/warnings", warning("", ""));
		assertThat(created.status()).isEqualTo(201);
		var id = read(created.body()).get("id").asString();
		assertThat(read(created.body()).get("number").asString()).matches("EW-\\d{4}-\\d{4,}");

		// Countermeasures are part of every warning: review (and publication) refuses without them.
		var noCountermeasures = author.post("/api/v1/warnings/" + id + "/review-request", "{}");
		assertThat(noCountermeasures.status()).isEqualTo(400);
		assertThat(noCountermeasures.body()).contains("countermeasuresJa");

		var updated = author.send("PUT", "/api/v1/warnings/" + id, warning("影響を受ける機器をVer.3.3に更新し、管理画面をインターネットから遮断する。", "1"));
		assertThat(updated.status()).isEqualTo(200);
		assertThat(read(updated.body()).get("revision").asInt()).isEqualTo(2);
		assertThat(author.post("/api/v1/warnings/" + id + "/review-request", "{}").status()).isEqualTo(200);

		// Publication needs the review; the last editor cannot review their own text.
		assertThat(author.post("/api/v1/warnings/" + id + "/publication", "{}").status()).isEqualTo(409);
		var ownReview = author.post("/api/v1/warnings/" + id + "/review", "{\"approve\": true}");
		assertThat(ownReview.status()).isEqualTo(409);
		assertThat(ownReview.body()).contains("\"field\":\"reviewer\"");
		assertThat(reviewer.post("/api/v1/warnings/" + id + "/review", "{\"approve\": true}").status()).isEqualTo(200);

		// The sender sees whom it would reach before publishing: sector matches and the organisation added by hand.
		var planned = read(author.get("/api/v1/warnings/" + id + "/planned-recipients").body());
		assertThat(ids(planned, "organisationId")).containsExactlyInAnyOrder(electricity.id().toString(),
				silent.id().toString(), added.id().toString());

		var published = author.post("/api/v1/warnings/" + id + "/publication", "{}");
		assertThat(published.status()).isEqualTo(200);
		assertThat(read(published.body()).get("status").asString()).isEqualTo("PUBLISHED");
		// One e-mail to the agreed contact; the added organisation's users get theirs; queued in the outbox.
		assertThat(jdbc.sql("select count(*) from warning_delivery where warning_id = :id and channel = 'EMAIL' and target = :to")
			.param("id", UUID.fromString(id)).param("to", contact).query(Long.class).single()).isEqualTo(1);
		assertThat(jdbc.sql("select count(*) from warning_delivery where warning_id = :id and organisation_id = :org")
			.param("id", UUID.fromString(id)).param("org", added.id()).query(Long.class).single()).isEqualTo(1);

		// A recipient reads its own copy: no additions, no recipients, no tracking.
		var received = electricityUser.get("/api/v1/warnings/" + id);
		assertThat(received.status()).isEqualTo(200);
		var view = read(received.body());
		assertThat(view.get("view").asString()).isEqualTo("recipient");
		assertThat(view.get("tlp").asString()).isEqualTo("TLP:AMBER");
		assertThat(view.has("additions")).isFalse();
		assertThat(received.body()).doesNotContain(added.id().toString(), silent.id().toString(), contact);
		var inbox = read(electricityUser.get("/api/v1/warning-inbox").body());
		assertThat(inbox.get("total").asInt()).isEqualTo(1);
		assertThat(inbox.get("items").get(0).get("readByMe").asBoolean()).isTrue();

		// Outsiders, and subscribers whose scope does not match, learn nothing.
		for (var stranger : List.of(financeUser, outsider)) {
			assertThat(stranger.get("/api/v1/warnings/" + id).status()).isEqualTo(404);
			assertThat(stranger.post("/api/v1/warnings/" + id + "/acknowledgement", "{}").status()).isEqualTo(404);
			assertThat(read(stranger.get("/api/v1/warning-inbox").body()).get("total").asInt()).isZero();
		}
		assertThat(outsider.get("/api/v1/warnings/" + id + "/tracking").status()).isEqualTo(404);
		assertThat(outsider.get("/api/v1/warnings/" + id + "/recipients").status()).isEqualTo(404);
		// A recipient cannot reach the tracking either (not sender staff).
		assertThat(electricityAdmin.get("/api/v1/warnings/" + id + "/recipients").status()).isEqualTo(403);

		var ack = electricityUser.post("/api/v1/warnings/" + id + "/acknowledgement", "{\"comment\": \"確認しました\"}");
		assertThat(ack.status()).isEqualTo(200);
		assertThat(read(ack.body()).get("acknowledgedAt").isNull()).isFalse();
		var action = electricityAdmin.post("/api/v1/warnings/" + id + "/action",
				"{\"status\": \"MITIGATED\", \"note\": \"全台更新済み\"}");
		assertThat(action.status()).isEqualTo(200);
		assertThat(read(action.body()).get("actionStatus").asString()).isEqualTo("MITIGATED");
		assertThat(electricityUser.post("/api/v1/warnings/" + id + "/action", "{\"status\": \"DONE\"}").status())
			.isEqualTo(400);

		var tracking = read(author.get("/api/v1/warnings/" + id + "/tracking").body());
		assertThat(tracking.get("recipients").asInt()).isEqualTo(3);
		assertThat(tracking.get("opened").asInt()).isEqualTo(1);
		assertThat(tracking.get("acknowledged").asInt()).isEqualTo(1);
		assertThat(tracking.get("mitigated").asInt()).isEqualTo(1);
		var silentOnes = read(author.get("/api/v1/warnings/" + id + "/recipients?filter=SILENT").body());
		assertThat(ids(silentOnes, "organisationId")).containsExactlyInAnyOrder(silent.id().toString(),
				added.id().toString());

		// An update reaches every recipient with what changed.
		var revised = author.post("/api/v1/warnings/" + id + "/revisions",
				warning("更新版：Ver.3.4 に更新する。", null).replaceFirst("\\}\\s*$", ", \"changeNote\": \"修正版が出たため\"}"));
		assertThat(revised.status()).isEqualTo(200);
		assertThat(read(revised.body()).get("revision").asInt()).isEqualTo(3);
		var history = read(addedUser.get("/api/v1/warnings/" + id).body()).get("revisions");
		assertThat(history.get(0).get("changedFields").toString()).contains("countermeasures");
		assertThat(history.get(0).get("changeNote").asString()).isEqualTo("修正版が出たため");
		assertThat(jdbc.sql("select count(*) from warning_delivery where warning_id = :id and event = 'UPDATED'")
			.param("id", UUID.fromString(id)).query(Long.class).single()).isEqualTo(2);

		assertThat(author.post("/api/v1/warnings/" + id + "/withdrawal", "{\"reason\": \"\"}").status()).isEqualTo(400);
		assertThat(author.post("/api/v1/warnings/" + id + "/withdrawal", "{\"reason\": \"誤報\"}").status()).isEqualTo(200);
		assertThat(addedUser.post("/api/v1/warnings/" + id + "/acknowledgement", "{}").status()).isEqualTo(409);
		assertThat(read(addedUser.get("/api/v1/warnings/" + id).body()).get("status").asString()).isEqualTo("WITHDRAWN");
	}

	@Test
	void badContentIsRefusedFieldByFieldAndNothingIsStored() {
		var before = count();
		var bad = author.post("/api/v1/warnings", """
				{"tlp": "TLP:RED", "titleJa": "", "cveIds": ["CVE-26-1"], "referenceUrls": ["javascript:alert(1)"],
				 "sectors": ["NOWHERE"], "indicators": [{"type": "IPV4", "value": "999.1.1.1"}],
				 "additions": ["%s"]}
				""".formatted(UUID.randomUUID()));
		assertThat(bad.status()).isEqualTo(400);
		assertThat(bad.contentType()).contains("problem+json");
		assertThat(bad.body()).contains("\"tlp\"", "\"titleJa\"", "\"cveIds[0]\"", "\"referenceUrls[0]\"",
				"\"sectors[0]\"", "\"indicators[0].value\"", "\"additions[0]\"");
		assertThat(author.post("/api/v1/warnings", "{\"urgency\": \"SOON\", \"titleJa\": \"x\"}").status()).isEqualTo(400);
		assertThat(count()).isEqualTo(before);
		// Only sender staff write warnings.
		assertThat(electricityAdmin.post("/api/v1/warnings", warning("", "")).status()).isEqualTo(403);
		assertThat(client(fixtures.user(electricity, Role.ANALYST)).post("/api/v1/warnings", warning("", "")).status())
			.isEqualTo(403);
	}

	@Test
	void aWarningNoAgreementMatchesAndNobodyWasAddedIsNotPublished() {
		var id = read(author.post("/api/v1/warnings", """
				{"titleJa": "化学分野向け", "countermeasuresJa": "対策", "sectors": ["CHEMICAL"], "tlp": "GREEN"}
				""").body()).get("id").asString();
		author.post("/api/v1/warnings/" + id + "/review-request", "{}");
		reviewer.post("/api/v1/warnings/" + id + "/review", "{\"approve\": true}");
		var refused = author.post("/api/v1/warnings/" + id + "/publication", "{}");
		assertThat(refused.status()).isEqualTo(422);
		assertThat(refused.body()).contains("\"field\":\"additions\"", "reach no one");
		// A keyword the finance agreement names brings it in, whatever the sector.
		var withKeyword = author.send("PUT", "/api/v1/warnings/" + id, """
				{"titleJa": "化学分野向け", "countermeasuresJa": "対策", "sectors": ["CHEMICAL"], "tlp": "GREEN",
				 "affectedProducts": "banksuite 5.1"}
				""");
		assertThat(withKeyword.status()).isEqualTo(200);
		var planned = read(author.get("/api/v1/warnings/" + id + "/planned-recipients").body());
		assertThat(ids(planned, "organisationId")).containsExactly(finance.id().toString());
	}

	@Test
	void agreementsAreSeenOnlyByTheirPartiesAndTheSubscriberChangesOnlyItsSide() {
		var list = read(electricityAdmin.get("/api/v1/warning-agreements").body());
		assertThat(list.get("total").asInt()).isEqualTo(1);
		var agreementId = list.get("items").get(0).get("id").asString();
		assertThat(outsider.get("/api/v1/warning-agreements/" + agreementId).status()).isEqualTo(404);
		assertThat(read(outsider.get("/api/v1/warning-agreements").body()).get("total").asInt()).isZero();

		// The subscriber's administrator sets a webhook address; the scope stays as the sender agreed.
		var changed = electricityAdmin.send("PUT", "/api/v1/warning-agreements/" + agreementId, """
				{"sectors": [], "channels": ["EMAIL", "WEBHOOK", "TAXII"], "contactEmails": ["new-soc@electricity.example"],
				 "contactLanguage": "en", "webhookUrl": "https://hooks.electricity.example/kakehashi"}
				""");
		assertThat(changed.status()).isEqualTo(200);
		var after = read(changed.body());
		assertThat(after.get("sectors").toString()).isEqualTo("[\"ELECTRICITY\"]");
		assertThat(after.get("channels").toString()).isEqualTo("[\"EMAIL\",\"INBOX\"]");
		assertThat(after.get("contactEmails").toString()).contains("new-soc@electricity.example");
		assertThat(after.get("contactLanguage").asString()).isEqualTo("en");
		// A plain member only reads.
		assertThat(electricityUser.send("PUT", "/api/v1/warning-agreements/" + agreementId, "{}").status()).isEqualTo(403);

		// The sender adds the webhook channel: a signing key is issued, shown to both parties.
		var withHook = author.send("PUT", "/api/v1/warning-agreements/" + agreementId, """
				{"sectors": ["ELECTRICITY"], "channels": ["EMAIL", "WEBHOOK"], "contactEmails": ["new-soc@electricity.example"],
				 "webhookUrl": "https://hooks.electricity.example/kakehashi"}
				""");
		assertThat(withHook.status()).isEqualTo(200);
		var key = read(withHook.body()).get("webhookSecret").asString();
		assertThat(key).hasSizeGreaterThan(30);
		var rotated = read(electricityAdmin.post("/api/v1/warning-agreements/" + agreementId + "/key-rotation", "{}").body());
		assertThat(rotated.get("webhookSecret").asString()).isNotEqualTo(key);

		var noAddress = author.post("/api/v1/warning-agreements", """
				{"subscriberOrganisationId": "%s", "channels": ["WEBHOOK"], "contactEmails": ["not-an-address"],
				 "validFrom": "2026-05-01", "validTo": "2026-04-01"}
				""".formatted(finance.id()));
		assertThat(noAddress.status()).isEqualTo(400);
		assertThat(noAddress.body()).contains("\"webhookUrl\"", "\"contactEmails[0]\"", "\"validTo\"");

		assertThat(electricityAdmin.post("/api/v1/warning-agreements/" + agreementId + "/end", "{}").status())
			.isEqualTo(403);
		var ended = read(author.post("/api/v1/warning-agreements/" + agreementId + "/end", "{}").body());
		assertThat(ended.get("active").asBoolean()).isFalse();
		assertThat(read(electricityAdmin.get("/api/v1/warning-agreements").body()).get("total").asInt()).isZero();
		assertThat(read(electricityAdmin.get("/api/v1/warning-agreements?ended=true").body()).get("total").asInt())
			.isEqualTo(1);
	}

	private void agreement(Organisation subscriber, String sectors, String keywords, String channels, String emails) {
		var response = author.post("/api/v1/warning-agreements", """
				{"subscriberOrganisationId": "%s", "sectors": %s, "keywords": %s, "channels": %s, "contactEmails": %s,
				 "validFrom": "2020-04-01"}
				""".formatted(subscriber.id(), sectors, keywords, channels, emails));
		assertThat(response.status()).as(response.body()).isEqualTo(201);
	}

	private String warning(String countermeasures, String basedOn) {
		return """
				{"urgency": "HIGH", "tlp": "TLP:AMBER", "titleJa": "FooSCADA の脆弱性を悪用した攻撃",
				 "titleEn": "Attacks exploiting a FooSCADA vulnerability", "summaryJa": "攻撃が観測されています。",
				 "countermeasuresJa": "%s", "affectedProducts": "FooSCADA 3.2 以前", "cveIds": ["cve-2026-12345"],
				 "referenceUrls": ["https://www.example.org/advisory"], "sectors": ["ELECTRICITY"],
				 "indicators": [{"type": "ipv4", "value": "198.51.100.23"}], "additions": ["%s"]%s}
				""".formatted(countermeasures, added.id(), basedOn == null || basedOn.isEmpty() ? "" : ", \"basedOnRevision\": " + basedOn);
	}

	private long count() {
		return jdbc.sql("select count(*) from warning").query(Long.class).single();
	}

	private JsonNode read(String body) {
		return json.readTree(body);
	}

	private static List<String> ids(JsonNode array, String field) {
		var out = new ArrayList<String>();
		array.forEach(node -> out.add(node.get(field).asString()));
		return out;
	}

	private ApiClient client(UserAccount user) {
		return api(tokens.create(user.principal(), "test", EnumSet.of(ApiScope.WARNINGS_READ, ApiScope.WARNINGS_WRITE), 1)
			.clearToken());
	}
}
