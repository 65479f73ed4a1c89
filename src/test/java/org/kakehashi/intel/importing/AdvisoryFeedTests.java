package org.kakehashi.intel.importing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.kakehashi.audit.AuditLog;
import org.kakehashi.identity.ApiScope;
import org.kakehashi.identity.OrganisationType;
import org.kakehashi.identity.Role;
import org.kakehashi.identity.internal.ApiTokens;
import org.kakehashi.intel.stix.StixValidator;
import org.kakehashi.intel.store.CollectionAdministration;
import org.kakehashi.intel.store.Collections;
import org.kakehashi.intel.store.Grant;
import org.kakehashi.intel.store.StixObjects;
import org.kakehashi.support.ApiClient;
import org.kakehashi.support.Fixtures;
import org.kakehashi.support.VulnsFixtures;
import org.kakehashi.vulns.AdvisoryLookup.PublishedAdvisory;
import org.kakehashi.vulns.AdvisoryLookup.PublishedVulnerability;
import org.kakehashi.vulns.AdvisoryPublished;
import org.kakehashi.vulns.ClockedVulnsTest;
import org.kakehashi.vulns.internal.CaseVulnerabilities;
import org.kakehashi.vulns.internal.VulnerabilityDraft;
import org.kakehashi.vulns.publication.AdvisoryPublication;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.util.AopTestUtils;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Published advisories over TAXII: an advisory built and published through the vulns module's own services reaches
 * the one advisory collection, which an ordinary operator organisation reads over real TAXII 2.1 (Bearer and Basic)
 * and cannot write; nothing of the case is there before the agreed moment, even when the feed is asked early; a
 * revision is new versions of the same objects; redelivered and late events store nothing; a vulnerability a
 * revision drops is revoked and its id never used again; widened access is put back.
 */
class AdvisoryFeedTests extends ClockedVulnsTest {

	static final String TAXII = "application/taxii+json;version=2.1";
	static final String CLEAR = "marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487";

	@Autowired
	Fixtures fixtures;

	@Autowired
	VulnsFixtures world;

	@Autowired
	AdvisoryPublication publication;

	@Autowired
	CaseVulnerabilities caseVulnerabilities;

	@Autowired
	AdvisoryFeed feed;

	@Autowired
	CollectionAdministration administration;

	@Autowired
	SharedItemFeed sharedItems;

	@Autowired
	ApiTokens tokens;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	JsonMapper json;

	@Autowired
	FeedObjects feedObjects;

	@Autowired
	StixValidator validator;

	@Autowired
	Collections collections;

	@Autowired
	StixObjects objects;

	@Autowired
	AuditLog audit;

	@Autowired
	TransactionTemplate transactions;

	@Test
	void everyOrganisationReadsAPublishedAdvisoryOverTaxiiNeverBeforeItsMomentAndRevisionsAsNewVersions() {
		var coordinator = world.coordinator();
		var vendor = world.vendorWithAccount(coordinator, Fixtures.unique("Foo 制御機器"));
		var filed = world.fileProductCase(world.finder(), Fixtures.unique("FooSCADA 認証回避"));
		var id = filed.id();
		world.accept(coordinator, id);
		world.invite(coordinator, id, vendor.entry().id(), "FooSCADA");
		var cve = "CVE-2026-" + (10000 + (int) (Math.random() * 80000));
		world.describe(coordinator, id, cve);
		world.draftAdvisory(coordinator, id);
		world.agree(coordinator, id, clock.instant().plus(Duration.ofHours(2)).atZone(ZoneId.of("Asia/Tokyo"))
			.toLocalDateTime().withSecond(0).withNano(0));

		// So that the embargo is checked against a collection that exists and is read over TAXII.
		var collection = feed.collection();
		var operator = fixtures.organisation(OrganisationType.OPERATOR, "ELECTRICITY");
		var reader = fixtures.user(operator, Role.VIEWER);
		var token = tokens.create(reader.principal(), "taxii", EnumSet.of(ApiScope.INTEL_READ), 1).clearToken();
		var bearer = api(token);
		var base = "/taxii2/intel/collections/" + collection + "/objects/";
		var reportId = AdvisoryStix.reportId(id);
		var vulnerabilityId = AdvisoryStix.vulnerabilityId(id, 1);

		// Embargo: an early (or forged) event finds nothing to publish, and nothing of the case is anywhere.
		assertThat(feed.place(id)).isEmpty();
		deliver(new AdvisoryPublished(id, filed.number(), 1));
		assertThat(publication.publishDue()).doesNotContain(id);
		assertThat(jdbc.sql("""
				select count(*) from intel_object
				 where raw like '%' || :number || '%' or raw like '%' || :cve || '%' or stix_id in (:report, :vulnerability)
				""").param("number", filed.number()).param("cve", cve).param("report", reportId)
			.param("vulnerability", vulnerabilityId).query(Integer.class).single()).isZero();
		assertThat(jdbc.sql("select count(*) from intel_advisory_placement where case_id = :c").param("c", id)
			.query(Integer.class).single()).isZero();
		var before = everything(bearer, base);
		assertThat(before.toString()).doesNotContain(filed.number(), cve, reportId, vulnerabilityId);
		assertThat(bearer.send("GET", base + reportId + "/", null, Map.of("Accept", TAXII)).status()).isEqualTo(404);

		// The moment comes: the platform publishes, the event places the advisory.
		clock.advance(Duration.ofHours(2).plusMinutes(1));
		assertThat(publication.publishDue()).contains(id);
		await().atMost(Duration.ofSeconds(20)).until(() -> versions(bearer, base, reportId).size() == 1);

		// Discovery: an ordinary operator organisation reads, never writes.
		var listed = json.readTree(bearer.send("GET", "/taxii2/intel/collections/", null, Map.of("Accept", TAXII)).body());
		var entry = find(listed.get("collections"), collection.toString());
		assertThat(entry).as(listed.toString()).isNotNull();
		assertThat(entry.get("title").asString()).isEqualTo("公表済みの脆弱性情報 / Published vulnerability advisories");
		assertThat(entry.get("can_read").asBoolean()).isTrue();
		assertThat(entry.get("can_write").asBoolean()).isFalse();
		assertThat(bearer.send("POST", base, "{\"objects\":[]}", Map.of("Accept", TAXII, "Content-Type", TAXII)).status())
			.isEqualTo(403);

		// The same over HTTP Basic, as most TAXII clients connect.
		var basic = api(null);
		var credentials = Base64.getEncoder().encodeToString((reader.email() + ":" + token).getBytes(StandardCharsets.UTF_8));
		var first = ofCase(everything(basic, base, Map.of("Authorization", "Basic " + credentials)), id);
		assertThat(first.stream().map(o -> o.get("type").asString()).toList()).containsExactlyInAnyOrder(
				"identity", "vulnerability", "report", "language-content", "language-content");
		for (var object : first) {
			assertThat(validator.validate(object)).as(object.toString()).isEmpty();
			assertThat(object.get("object_marking_refs").toString()).as(object.toString()).contains(CLEAR);
		}
		var vulnerability = byId(first, vulnerabilityId);
		assertThat(vulnerability.get("name").asString()).isEqualTo(cve);
		assertThat(vulnerability.get("description").asString()).isEqualTo(
				"The FooSCADA administration screen allows authentication bypass.");
		var publisher = vulnerability.get("created_by_ref").asString();
		assertThat(byId(first, publisher).get("type").asString()).isEqualTo("identity");
		var references = vulnerability.get("external_references");
		assertThat(reference(references, "cve").get("external_id").asString()).isEqualTo(cve);
		assertThat(reference(references, "cwe").get("external_id").asString()).isEqualTo("CWE-287");
		var advisory = reference(references, "kakehashi");
		assertThat(advisory.get("external_id").asString()).isEqualTo(filed.number());
		assertThat(URI.create(advisory.get("url").asString()).getPath()).startsWith("/public/advisories/");
		var report = byId(first, reportId);
		assertThat(report.get("name").asString()).isEqualTo("Authentication bypass vulnerability in FooSCADA");
		assertThat(report.get("object_refs").toString()).isEqualTo("[\"" + vulnerabilityId + "\"]");
		assertThat(Instant.parse(report.get("published").asString())).isEqualTo(Instant.parse(report.get("created").asString()));
		assertThat(translationOf(first, vulnerabilityId).get("contents").get("ja").get("description").asString())
			.isEqualTo("FooSCADA の管理画面には認証回避の脆弱性が存在します。");
		assertThat(translationOf(first, reportId).get("contents").get("ja").get("name").asString())
			.isEqualTo("FooSCADA における認証回避の脆弱性");
		// The public page the reference names is the advisory.
		assertThat(api(null).get(URI.create(advisory.get("url").asString()).getPath()).body()).contains(cve);

		// Redelivery of the same event, and a call for good measure: nothing more.
		var stored = count(collection);
		deliver(new AdvisoryPublished(id, filed.number(), 1));
		assertThat(feed.place(id)).isEmpty();
		assertThat(count(collection)).isEqualTo(stored);

		// A revision adds a second vulnerability: new versions of the same objects, one new vulnerability.
		var secondCve = "CVE-2026-" + (90000 + (int) (Math.random() * 9999));
		caseVulnerabilities.add(VulnsFixtures.viewer(coordinator), id, new VulnerabilityDraft(secondCve, "CWE-79",
				"Improper Neutralization of Input During Web Page Generation ('Cross-site Scripting')",
				"FooSCADA におけるクロスサイトスクリプティング", "Cross-site scripting in FooSCADA",
				"FooSCADA の管理画面にはクロスサイトスクリプティングの脆弱性が存在します。",
				"The FooSCADA administration screen is open to cross-site scripting.", VulnsFixtures.CVSS31, ""));
		clock.advance(Duration.ofMinutes(5));
		assertThat(publication.republish(VulnsFixtures.viewer(coordinator), id, "XSS added").revision()).isEqualTo(2);
		await().atMost(Duration.ofSeconds(20)).until(() -> versions(bearer, base, reportId).size() == 2);
		assertThat(versions(bearer, base, vulnerabilityId)).hasSize(2);
		var second = ofCase(everything(bearer, base), id);
		var revisedReport = byId(second, reportId);
		assertThat(Instant.parse(revisedReport.get("modified").asString()))
			.isAfter(Instant.parse(report.get("modified").asString()));
		assertThat(revisedReport.get("created").asString()).isEqualTo(report.get("created").asString());
		assertThat(revisedReport.get("published").asString()).isEqualTo(report.get("published").asString());
		var added = AdvisoryStix.vulnerabilityId(id, 2);
		assertThat(revisedReport.get("object_refs").toString()).contains(vulnerabilityId, added);
		assertThat(byId(second, added).get("name").asString()).isEqualTo(secondCve);
		assertThat(versions(bearer, base, added)).hasSize(1);
		assertThat(byId(second, vulnerabilityId).get("modified").asString())
			.isEqualTo(revisedReport.get("modified").asString());
		assertThat(reference(revisedReport.get("external_references"), "kakehashi").get("description").asString())
			.contains("revision 2");
		for (var object : second) {
			assertThat(validator.validate(object)).as(object.toString()).isEmpty();
		}

		// Redelivered and late events: the collection is at the latest revision already.
		stored = count(collection);
		deliver(new AdvisoryPublished(id, filed.number(), 2));
		deliver(new AdvisoryPublished(id, filed.number(), 1));
		assertThat(count(collection)).isEqualTo(stored);
		assertThat(versions(bearer, base, reportId)).hasSize(2);
		assertThat(jdbc.sql("""
				select count(*) from audit_log where action = 'intel.advisory.placed' and details::jsonb ->> 'advisory' = :n
				""").param("n", filed.number()).query(Integer.class).single()).isEqualTo(2);
	}

	@Test
	void aVulnerabilityARevisionDropsIsRevokedForGoodAndChangedAccessIsPutBack() {
		var collection = feed.collection();
		var admin = fixtures.user(fixtures.organisation(OrganisationType.NATIONAL_CENTRE), Role.PLATFORM_ADMIN);
		var outsider = fixtures.organisation(OrganisationType.OPERATOR, "ELECTRICITY");
		administration.setAccess(admin.principal(), collection, new CollectionAdministration.Access(false, true,
				List.of(new Grant(outsider.id(), null, null, true, true))));
		sharedItems.enable(admin.principal(), collection, true);

		// The advisory as the lookup would give it, revision by revision; the vulns module has no way to drop a
		// vulnerability today, so a stand-in lookup plays that part against the real store.
		var caseId = UUID.randomUUID();
		var current = new AtomicReference<PublishedAdvisory>();
		var stand = new AdvisoryFeed(c -> Optional.ofNullable(current.get()).filter(a -> a.caseId().equals(c)),
				collections, objects, feedObjects, jdbc, audit, Clock.systemUTC());
		var publishedAt = Instant.now().minusSeconds(3600);
		var one = vulnerability(1, "CVE-2026-77001");
		var two = vulnerability(2, null);
		current.set(advisory(caseId, 1, publishedAt, publishedAt, List.of(one, two)));
		Optional<UUID> placed = transactions.execute(s -> stand.place(caseId));
		assertThat(placed).contains(collection);

		var access = administration.current(collection);
		assertThat(access.readableByAll()).isTrue();
		assertThat(access.readableByCentre()).isFalse();
		assertThat(access.grants()).isEmpty();
		assertThat(sharedItems.enabled(collection)).isFalse();
		var reader = api(tokens.create(fixtures.user(outsider, Role.ANALYST).principal(), "taxii",
				EnumSet.of(ApiScope.INTEL_READ, ApiScope.INTEL_WRITE), 1).clearToken());
		var base = "/taxii2/intel/collections/" + collection + "/objects/";
		assertThat(reader.send("POST", base, "{\"objects\":[]}", Map.of("Accept", TAXII, "Content-Type", TAXII)).status())
			.isEqualTo(403);

		var dropped = AdvisoryStix.vulnerabilityId(caseId, 2);
		var named = latest(reader, base, dropped);
		assertThat(named.get("name").asString()).isEqualTo("Title 2");
		assertThat(translationOf(ofCase(everything(reader, base), caseId), dropped).get("contents").get("ja")
			.get("name").asString()).isEqualTo("題名 2");

		current.set(advisory(caseId, 2, publishedAt, publishedAt.plusSeconds(60), List.of(one)));
		transactions.execute(s -> stand.place(caseId));
		var revoked = latest(reader, base, dropped);
		assertThat(revoked.get("revoked").asBoolean()).isTrue();
		assertThat(validator.validate(revoked)).isEmpty();
		assertThat(versions(reader, base, dropped)).hasSize(2);
		var afterDrop = ofCase(everything(reader, base), caseId);
		assertThat(translationOf(afterDrop, dropped).get("revoked").asBoolean()).isTrue();
		assertThat(byId(afterDrop, AdvisoryStix.reportId(caseId)).get("object_refs").toString())
			.doesNotContain(dropped);
		assertThat(latest(reader, base, AdvisoryStix.vulnerabilityId(caseId, 1)).has("revoked")).isFalse();

		// The same vulnerability back in a later revision gets a new id: a revoked object cannot come back.
		current.set(advisory(caseId, 3, publishedAt, publishedAt.plusSeconds(120), List.of(one, two)));
		transactions.execute(s -> stand.place(caseId));
		var report = latest(reader, base, AdvisoryStix.reportId(caseId));
		assertThat(report.get("object_refs").size()).isEqualTo(2);
		assertThat(report.get("object_refs").toString()).doesNotContain(dropped);
		assertThat(latest(reader, base, dropped).get("revoked").asBoolean()).isTrue();
	}

	/**
	 * Hands the event to the listener as the event publication registry would, but on this thread: through the
	 * proxy the listener runs asynchronously, and the assertions after it would race it.
	 */
	private void deliver(AdvisoryPublished event) {
		AdvisoryFeed target = AopTestUtils.getTargetObject(feed);
		transactions.executeWithoutResult(s -> target.on(event));
	}

	private static PublishedVulnerability vulnerability(int ordinal, String cve) {
		return new PublishedVulnerability(ordinal, cve, "CWE-20", "Improper Input Validation", "題名 " + ordinal,
				"Title " + ordinal, "説明 " + ordinal, "Description " + ordinal, VulnsFixtures.CVSS31, null);
	}

	private static PublishedAdvisory advisory(UUID caseId, int revision, Instant first, Instant at,
			List<PublishedVulnerability> vulnerabilities) {
		return new PublishedAdvisory(caseId, "VU#2026-" + caseId.toString().substring(0, 4), URI.create(
				"http://localhost/public/advisories/x"), revision, first, at, "題名", "Title", "概要", "Summary",
				"Kakehashi test publisher", vulnerabilities, List.of("Example Corp Widget"));
	}

	/** Every object in the collection, following {@code next} across pages. */
	private List<JsonNode> everything(ApiClient client, String base) {
		return everything(client, base, Map.of());
	}

	private List<JsonNode> everything(ApiClient client, String base, Map<String, String> auth) {
		var result = new ArrayList<JsonNode>();
		String next = null;
		do {
			var headers = new java.util.HashMap<>(auth);
			headers.put("Accept", TAXII);
			var response = client.send("GET", base + (next == null ? "" : "?next=" + URLEncoder.encode(next,
					StandardCharsets.UTF_8)), null, headers);
			assertThat(response.status()).as(response.body()).isEqualTo(200);
			assertThat(response.contentType()).startsWith("application/taxii+json");
			var envelope = json.readTree(response.body());
			envelope.path("objects").forEach(result::add);
			next = envelope.path("more").asBoolean(false) ? envelope.get("next").asString() : null;
		} while (next != null);
		return result;
	}

	/**
	 * The objects of one advisory: those that refer to it (revoked ones included), their translations and the
	 * publisher.
	 */
	private static List<JsonNode> ofCase(List<JsonNode> all, UUID caseId) {
		var trackingId = reference(byId(all, AdvisoryStix.reportId(caseId)).get("external_references"), "kakehashi")
			.get("external_id").asString();
		var ids = new java.util.HashSet<String>();
		for (var object : all) {
			var references = object.path("external_references");
			if (references.isArray() && references.toString().contains("\"external_id\":\"" + trackingId + "\"")) {
				ids.add(object.get("id").asString());
				ids.add(object.get("created_by_ref").asString());
			}
		}
		return all.stream().filter(o -> ids.contains(o.get("id").asString())
				|| ids.contains(o.path("object_ref").asString(""))).toList();
	}

	private JsonNode latest(ApiClient client, String base, String id) {
		var response = client.send("GET", base + id + "/", null, Map.of("Accept", TAXII));
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		var objects = json.readTree(response.body()).get("objects");
		assertThat(objects.size()).isEqualTo(1);
		return objects.get(0);
	}

	private List<String> versions(ApiClient client, String base, String id) {
		var response = client.send("GET", base + id + "/versions/", null, Map.of("Accept", TAXII));
		if (response.status() != 200) {
			return List.of();
		}
		var out = new ArrayList<String>();
		json.readTree(response.body()).path("versions").forEach(v -> out.add(v.asString()));
		return out;
	}

	private int count(UUID collection) {
		return jdbc.sql("select count(*) from intel_object where collection_id = :c").param("c", collection)
			.query(Integer.class).single();
	}

	private static JsonNode byId(List<JsonNode> objects, String id) {
		return objects.stream().filter(o -> o.get("id").asString().equals(id)).findFirst()
			.orElseThrow(() -> new AssertionError("no " + id + " in " + objects));
	}

	private static JsonNode translationOf(List<JsonNode> objects, String id) {
		return objects.stream().filter(o -> o.get("type").asString().equals("language-content")
				&& o.get("object_ref").asString().equals(id)).findFirst()
			.orElseThrow(() -> new AssertionError("no translation of " + id + " in " + objects));
	}

	private static JsonNode reference(JsonNode references, String source) {
		for (var reference : references) {
			if (reference.get("source_name").asString().equals(source)) {
				return reference;
			}
		}
		throw new AssertionError("no " + source + " reference in " + references);
	}

	private static JsonNode find(JsonNode collections, String id) {
		for (var c : collections) {
			if (c.get("id").asString().equals(id)) {
				return c;
			}
		}
		return null;
	}
}
