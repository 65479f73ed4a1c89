package org.kakehashi.intel.importing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
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
import org.kakehashi.sharing.Tlp;
import org.kakehashi.support.ApiClient;
import org.kakehashi.support.Fixtures;
import org.kakehashi.support.IntegrationTest;
import org.kakehashi.warnings.internal.Agreements;
import org.kakehashi.warnings.internal.Urgency;
import org.kakehashi.warnings.internal.WarningContent;
import org.kakehashi.warnings.internal.WarningViewer;
import org.kakehashi.warnings.internal.Warnings;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Early warnings over TAXII: an agreement with the TAXII channel gets a collection that only its subscriber reads;
 * a published warning arrives there as valid, TLP-marked STIX (report, course of action, vulnerabilities,
 * indicators); an update is a new version of the same objects, a withdrawal a revoked one; redelivery stores nothing
 * twice; other organisations (recipients by other channels included) never see the collection.
 */
class WarningFeedTests extends IntegrationTest {

	static final String TAXII = "application/taxii+json;version=2.1";
	static final String AMBER = "marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421";
	static final String CLEAR = "marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487";

	@Autowired
	Fixtures fixtures;

	@Autowired
	Warnings warnings;

	@Autowired
	Agreements agreements;

	@Autowired
	WarningFeed feed;

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

	WarningViewer author;
	WarningViewer reviewer;
	Organisation subscriber;
	Organisation inboxOnly;
	Organisation outsider;
	UUID taxiiAgreement;
	UUID inboxAgreement;

	@BeforeEach
	void world() {
		var centre = fixtures.organisation(OrganisationType.NATIONAL_CENTRE);
		author = WarningViewer.of(fixtures.user(centre, Role.ANALYST).principal());
		reviewer = WarningViewer.of(fixtures.user(centre, Role.ANALYST).principal());
		subscriber = fixtures.organisation(OrganisationType.OPERATOR, "ELECTRICITY");
		inboxOnly = fixtures.organisation(OrganisationType.OPERATOR, "ELECTRICITY");
		outsider = fixtures.organisation(OrganisationType.OPERATOR, "ELECTRICITY");
		taxiiAgreement = agreement(subscriber, "TAXII");
		inboxAgreement = agreement(inboxOnly, "INBOX");
	}

	@Test
	void subscriberReadsTheWarningOverTaxiiThroughItsVersionsUntilItIsRevoked() {
		var id = publish(content("CVE-2026-10001", "CVE-2026-10002", "countermeasure one"));
		var collection = awaitCollection();
		var reader = taxii(subscriber);

		// Discovery: the subscriber sees the collection, may read and may not write.
		var listed = json.readTree(reader.send("GET", "/taxii2/intel/collections/", null, Map.of("Accept", TAXII)).body());
		var entry = find(listed.get("collections"), collection.toString());
		assertThat(entry).as(listed.toString()).isNotNull();
		assertThat(entry.get("can_read").asBoolean()).isTrue();
		assertThat(entry.get("can_write").asBoolean()).isFalse();
		assertThat(entry.get("title").asString()).contains("Early warnings — ", "早期警戒情報");

		var base = "/taxii2/intel/collections/" + collection + "/objects/";
		var envelope = objects(reader, base);
		var types = new ArrayList<String>();
		JsonNode report = null;
		for (var object : envelope.get("objects")) {
			assertThat(validator.validate(object)).as(object.toString()).isEmpty();
			var type = object.get("type").asString();
			types.add(type);
			if (!type.equals("marking-definition")) {
				assertThat(object.get("object_marking_refs").toString()).as(object.toString())
					.contains(type.equals("identity") ? CLEAR : AMBER);
			}
			if (type.equals("report")) {
				report = object;
			}
		}
		assertThat(types).containsExactlyInAnyOrder("marking-definition", "marking-definition", "identity",
				"course-of-action", "vulnerability", "vulnerability", "indicator", "indicator", "report",
				"language-content", "language-content");
		assertThat(report).isNotNull();
		assertThat(report.get("name").asString()).startsWith("制御システムの脆弱性");
		assertThat(report.get("description").asString()).contains("概要", "【脅威】", "脅威の説明");
		assertThat(report.get("report_types").toString()).contains("threat-report");
		assertThat(report.get("object_refs").size()).isEqualTo(5);
		assertThat(envelope.toString()).contains("countermeasure one", "\"source_name\":\"cve\"", "CVE-2026-10001",
				"evil.example.org", "Vulnerability in control systems");

		// Nothing twice on redelivery; the subscriber cannot write.
		var stored = count(collection);
		assertThat(feed.place(id)).isEmpty();
		assertThat(count(collection)).isEqualTo(stored);
		assertThat(reader.send("POST", base, "{\"objects\":[]}", Map.of("Accept", TAXII, "Content-Type", TAXII))
			.status()).isEqualTo(403);

		// Others: an organisation that got the warning by inbox only, and one that got nothing.
		for (var other : List.of(inboxOnly, outsider)) {
			var client = taxii(other);
			var theirs = client.send("GET", "/taxii2/intel/collections/", null, Map.of("Accept", TAXII)).body();
			assertThat(theirs).doesNotContain(collection.toString());
			assertThat(client.send("GET", "/taxii2/intel/collections/" + collection + "/", null, Map.of("Accept", TAXII))
				.status()).isEqualTo(404);
			assertThat(client.send("GET", base, null, Map.of("Accept", TAXII)).status()).isEqualTo(404);
		}
		assertThat(feed.collectionOf(inboxAgreement)).isEmpty();

		// An update: new versions of the same objects; the CVE it dropped is revoked, the one it added appears.
		var reportId = report.get("id").asString();
		warnings.revise(author, id, content("CVE-2026-10001", "CVE-2026-10003", "countermeasure two"), "対策を更新",
				null);
		await().atMost(Duration.ofSeconds(20)).until(() -> versions(reader, base, reportId).size() == 2);
		var updated = objects(reader, base);
		assertThat(updated.toString()).contains("countermeasure two", "CVE-2026-10003").doesNotContain("countermeasure one");
		var dropped = byName(updated, "vulnerability", "CVE-2026-10002");
		assertThat(dropped.get("revoked").asBoolean()).isTrue();
		assertThat(byName(updated, "vulnerability", "CVE-2026-10001").has("revoked")).isFalse();
		for (var object : updated.get("objects")) {
			assertThat(validator.validate(object)).as(object.toString()).isEmpty();
		}
		assertThat(feed.place(id)).isEmpty();

		// A withdrawal: every object of the warning gets a revoked version.
		warnings.withdraw(author, id, "誤報");
		await().atMost(Duration.ofSeconds(20)).until(() -> versions(reader, base, reportId).size() == 3);
		var withdrawn = objects(reader, base);
		for (var object : withdrawn.get("objects")) {
			var type = object.get("type").asString();
			assertThat(validator.validate(object)).as(object.toString()).isEmpty();
			if (!type.equals("marking-definition") && !type.equals("identity")) {
				assertThat(object.path("revoked").asBoolean(false)).as(object.toString()).isTrue();
			}
		}
		assertThat(feed.place(id)).isEmpty();
		var stillThree = versions(reader, base, reportId);
		assertThat(stillThree).hasSize(3);
	}

	@Test
	void everyWarningOfAnAgreementGoesIntoItsOneCollectionAndWidenedAccessIsPutBack() {
		publish(content("CVE-2026-20001", "CVE-2026-20002", "first"));
		var collection = awaitCollection();
		var admin = fixtures.user(fixtures.organisation(OrganisationType.NATIONAL_CENTRE), Role.PLATFORM_ADMIN);
		administration.open(admin.principal(), collection, true, true);
		var second = publish(content("CVE-2026-20003", "CVE-2026-20004", "second"));
		await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql("""
				select count(*) from intel_warning_placement where warning_id = :w
				""").param("w", second).query(Integer.class).single() == 1);
		assertThat(jdbc.sql("select count(*) from intel_warning_collection where agreement_id = :a")
			.param("a", taxiiAgreement).query(Integer.class).single()).isEqualTo(1);
		assertThat(jdbc.sql("select count(distinct stix_id) from intel_object where collection_id = :c and stix_type = 'report'")
			.param("c", collection).query(Integer.class).single()).isEqualTo(2);
		// The same sender is one identity, whatever the number of warnings.
		assertThat(jdbc.sql("select count(distinct stix_id) from intel_object where collection_id = :c and stix_type = 'identity'")
			.param("c", collection).query(Integer.class).single()).isEqualTo(1);
		var access = administration.current(collection);
		assertThat(access.readableByAll()).isFalse();
		assertThat(access.readableByCentre()).isFalse();
		assertThat(access.grants()).singleElement().satisfies(grant -> {
			assertThat(grant.organisationId()).isEqualTo(subscriber.id());
			assertThat(grant.canRead()).isTrue();
			assertThat(grant.canWrite()).isFalse();
		});
		assertThat(taxii(outsider).send("GET", "/taxii2/intel/collections/" + collection + "/", null,
				Map.of("Accept", TAXII)).status()).isEqualTo(404);
	}

	private UUID agreement(Organisation organisation, String channel) {
		return agreements.create(author, new Agreements.AgreementInput(organisation.id(), List.of(), List.of(), List.of(),
				List.of(channel), List.of(), null, null, LocalDate.now().minusDays(2), null, null)).id();
	}

	private WarningContent content(String cve1, String cve2, String countermeasures) {
		return new WarningContent(Urgency.HIGH, Tlp.AMBER, "制御システムの脆弱性 " + UUID.randomUUID(),
				"Vulnerability in control systems", "概要: 制御システムに脆弱性", "Summary: a vulnerability",
				"脅威の説明", "The threat", countermeasures, "Apply the fix", "Example PLC 1.0 to 1.4",
				List.of(cve1, cve2), List.of("https://example.org/advisory"), List.of(), List.of(), List.of(),
				List.of(new WarningContent.Indicator("DOMAIN", "evil.example.org", null),
						new WarningContent.Indicator("IPV4", "198.51.100.7", null)),
				List.of());
	}

	private UUID publish(WarningContent content) {
		var draft = warnings.create(author, content);
		if (warnings.reviewRequired()) {
			warnings.requestReview(author, draft.id());
			warnings.review(reviewer, draft.id(), true, null);
		}
		return warnings.publish(author, draft.id()).id();
	}

	private UUID awaitCollection() {
		await().atMost(Duration.ofSeconds(20)).until(() -> feed.collectionOf(taxiiAgreement).isPresent()
				&& count(feed.collectionOf(taxiiAgreement).orElseThrow()) > 0);
		return feed.collectionOf(taxiiAgreement).orElseThrow();
	}

	private int count(UUID collection) {
		return jdbc.sql("select count(*) from intel_object where collection_id = :c").param("c", collection)
			.query(Integer.class).single();
	}

	private ApiClient taxii(Organisation organisation) {
		UserAccount user = fixtures.user(organisation, Role.VIEWER);
		return api(tokens.create(user.principal(), "taxii", EnumSet.of(ApiScope.INTEL_READ), 1).clearToken());
	}

	private JsonNode objects(ApiClient reader, String base) {
		var response = reader.send("GET", base, null, Map.of("Accept", TAXII));
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		assertThat(response.contentType()).startsWith("application/taxii+json");
		return json.readTree(response.body());
	}

	private List<String> versions(ApiClient reader, String base, String id) {
		var response = reader.send("GET", base + id + "/versions/", null, Map.of("Accept", TAXII));
		if (response.status() != 200) {
			return List.of();
		}
		var out = new ArrayList<String>();
		json.readTree(response.body()).path("versions").forEach(v -> out.add(v.asString()));
		return out;
	}

	private static JsonNode find(JsonNode collections, String id) {
		if (collections == null) {
			return null;
		}
		for (var c : collections) {
			if (c.get("id").asString().equals(id)) {
				return c;
			}
		}
		return null;
	}

	private static JsonNode byName(JsonNode envelope, String type, String name) {
		for (var object : envelope.get("objects")) {
			if (object.get("type").asString().equals(type) && name.equals(object.path("name").asString())) {
				return object;
			}
		}
		throw new AssertionError("no " + type + " " + name + " in " + envelope);
	}
}
