package org.kakehashi.intel.taxii;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kakehashi.intel.taxii.TaxiiHttp.q;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kakehashi.identity.ApiScope;
import org.kakehashi.identity.OrganisationType;
import org.kakehashi.identity.Role;
import org.kakehashi.identity.internal.ApiTokens;
import org.kakehashi.identity.internal.Groups;
import org.kakehashi.identity.internal.Organisation;
import org.kakehashi.identity.internal.UserAccount;
import org.kakehashi.intel.store.CollectionAdministration;
import org.kakehashi.intel.store.Grant;
import org.kakehashi.intel.store.IntelCollection;
import org.kakehashi.support.Fixtures;
import org.kakehashi.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The TAXII 2.1 server over real HTTP: discovery, API root, collections, objects, manifest, versions, status,
 * delete; every filter and its malformed forms; media types; and who gets 401, 403 or 404.
 */
class TaxiiServerTests extends IntegrationTest {

	static final String ROOT = "/taxii2/intel/";

	@Autowired
	Fixtures fixtures;

	@Autowired
	ApiTokens tokens;

	@Autowired
	CollectionAdministration administration;

	@Autowired
	Groups groups;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	JsonMapper json;

	Organisation hub;
	UserAccount analyst;
	UserAccount reader;
	UserAccount admin;
	TaxiiHttp writer;
	TaxiiHttp readOnly;
	IntelCollection shared;
	String base;

	@BeforeEach
	void world() {
		hub = fixtures.organisation(OrganisationType.INFORMATION_HUB);
		analyst = fixtures.user(hub, Role.ANALYST);
		admin = fixtures.user(fixtures.organisation(OrganisationType.NATIONAL_CENTRE), Role.PLATFORM_ADMIN);
		var operator = fixtures.organisation(OrganisationType.OPERATOR, "ELECTRICITY");
		reader = fixtures.user(operator, Role.VIEWER);
		shared = collection("Indicators " + UUID.randomUUID(), null,
				new Grant(hub.id(), null, null, true, true), new Grant(operator.id(), null, null, true, false));
		base = ROOT + "collections/" + shared.id() + "/";
		writer = TaxiiHttp.bearer(port, token(analyst, ApiScope.INTEL_READ, ApiScope.INTEL_WRITE));
		readOnly = TaxiiHttp.bearer(port, token(reader, ApiScope.INTEL_READ));
	}

	// ---- discovery, API root, authentication

	@Test
	void discoveryAndApiRootDescribeTheServerInTheTaxiiMediaType() {
		var discovery = writer.get("/taxii2/");
		assertThat(discovery.status()).isEqualTo(200);
		assertThat(discovery.header("Content-Type")).isEqualTo("application/taxii+json;version=2.1");
		var body = read(discovery);
		assertThat(body.get("title").asString()).isNotBlank();
		assertThat(body.get("default").asString()).isEqualTo(ROOT);
		assertThat(body.get("api_roots").get(0).asString()).isEqualTo(ROOT);

		var root = read(writer.get(ROOT));
		assertThat(root.get("versions").get(0).asString()).isEqualTo("application/taxii+json;version=2.1");
		assertThat(root.get("max_content_length").asLong()).isEqualTo(256 * 1024);

		var unknownRoot = writer.get("/taxii2/elsewhere/");
		assertThat(unknownRoot.status()).isEqualTo(404);
		assertThat(read(unknownRoot).get("http_status").asString()).isEqualTo("404");
		assertThat(writer.get("/taxii2/intel/nothing/here/").status()).isEqualTo(404);
		assertThat(writer.get("/taxii2/intel").status()).isEqualTo(404);
		var wrongMethod = writer.send("PUT", base, null, Map.of());
		assertThat(wrongMethod.status()).isEqualTo(405);
		assertThat(wrongMethod.header("Content-Type")).isEqualTo("application/taxii+json;version=2.1");
	}

	@Test
	void withoutValidCredentialsEveryEndpointAnswers401WithAChallenge() {
		for (var path : List.of("/taxii2/", ROOT, ROOT + "collections/", base, base + "objects/", base + "manifest/")) {
			var anonymous = TaxiiHttp.anonymous(port).get(path);
			assertThat(anonymous.status()).as(path).isEqualTo(401);
			assertThat(anonymous.headers().allValues("WWW-Authenticate")).anyMatch(v -> v.startsWith("Basic realm="))
				.anyMatch(v -> v.startsWith("Bearer"));
			assertThat(anonymous.header("Content-Type")).isEqualTo("application/taxii+json;version=2.1");
			assertThat(read(anonymous).get("http_status").asString()).isEqualTo("401");
		}
		var token = token(analyst, ApiScope.INTEL_READ);
		assertThat(TaxiiHttp.bearer(port, "kkh_abcdefgh_" + "x".repeat(43)).get("/taxii2/").status()).isEqualTo(401);
		assertThat(TaxiiHttp.basic(port, analyst.email(), "wrong").get("/taxii2/").status()).isEqualTo(401);
		// The right token under someone else's name is refused.
		assertThat(TaxiiHttp.basic(port, reader.email(), token).get("/taxii2/").status()).isEqualTo(401);
		assertThat(TaxiiHttp.anonymous(port).get("/taxii2/", Map.of("Authorization", "Basic ***")).status()).isEqualTo(401);
		// A password is not an API token.
		assertThat(TaxiiHttp.basic(port, analyst.email(), Fixtures.PASSWORD).get("/taxii2/").status()).isEqualTo(401);

		var basic = TaxiiHttp.basic(port, analyst.email().toUpperCase(), token).get(ROOT + "collections/");
		assertThat(basic.status()).isEqualTo(200);
		// No session is ever created on this chain.
		assertThat(basic.headers().allValues("Set-Cookie")).isEmpty();

		var noIntelScope = TaxiiHttp.bearer(port, token(analyst, ApiScope.REPORTS_READ)).get("/taxii2/");
		assertThat(noIntelScope.status()).isEqualTo(403);
		assertThat(noIntelScope.header("Content-Type")).isEqualTo("application/taxii+json;version=2.1");
	}

	@Test
	void unacceptableAcceptIs406AndAPostThatIsNotTaxiiIs415() {
		for (var accept : List.of("application/json", "text/html", "application/taxii+json;version=2.0", "application/xml")) {
			var refused = writer.get(ROOT, Map.of("Accept", accept));
			assertThat(refused.status()).as(accept).isEqualTo(406);
			assertThat(refused.header("Content-Type")).isEqualTo("application/taxii+json;version=2.1");
		}
		for (var accept : List.of("application/taxii+json", "application/taxii+json;version=2.1", "*/*",
				"application/json;q=0.9, application/taxii+json;version=2.1")) {
			assertThat(writer.get(ROOT, Map.of("Accept", accept)).status()).as(accept).isEqualTo(200);
		}
		assertThat(writer.get(base + "manifest/", Map.of("Accept", "application/stix+json;version=2.1")).status()).isEqualTo(200);

		var envelope = envelope(indicator(UUID.randomUUID(), "2024-01-01T00:00:00.000Z"));
		for (var type : List.of("application/json", "application/taxii+json;version=2.0", "text/plain",
				"application/taxii+json;charset=utf-16")) {
			var refused = writer.send("POST", base + "objects/", envelope.getBytes(StandardCharsets.UTF_8), Map.of("Content-Type", type));
			assertThat(refused.status()).as(type).isEqualTo(415);
		}
		assertThat(writer.send("POST", base + "objects/", envelope.getBytes(StandardCharsets.UTF_8),
				Map.of("Content-Type", "application/taxii+json")).status()).isEqualTo(202);
	}

	// ---- collections and who sees them

	@Test
	void collectionsListOnlyWhatTheCallerMayUseWithTheirOwnPermissions() {
		// Nothing visible: an empty collections resource.
		var loner = fixtures.user(fixtures.organisation(OrganisationType.VENDOR), Role.VIEWER);
		var none = TaxiiHttp.bearer(port, token(loner, ApiScope.INTEL_READ)).get(ROOT + "collections/");
		assertThat(none.status()).isEqualTo(200);
		assertThat(none.body()).isEqualTo("{}");

		var centre = fixtures.organisation(OrganisationType.NATIONAL_CENTRE);
		var centreAnalyst = fixtures.user(centre, Role.ANALYST);
		var open = collection("Open " + UUID.randomUUID(), null);
		jdbc.sql("update intel_collection set readable_by_all = true where id = :id").param("id", open.id()).update();
		var forCentre = collection("Centre " + UUID.randomUUID(), "centre-" + UUID.randomUUID().toString().substring(0, 8));
		jdbc.sql("update intel_collection set readable_by_centre = true where id = :id").param("id", forCentre.id()).update();
		var ceptoar = groups.create("CEPTOAR " + UUID.randomUUID(), Groups.Kind.CEPTOAR, "ELECTRICITY", null, false);
		var member = fixtures.organisation(OrganisationType.OPERATOR, "ELECTRICITY");
		groups.addMember(ceptoar.id(), member.id(), null);
		var byGroup = collection("Group " + UUID.randomUUID(), null, new Grant(null, ceptoar.id(), null, true, false));
		var byRole = collection("Coordinators " + UUID.randomUUID(), null, new Grant(null, null, Role.COORDINATOR, false, true));
		var hidden = collection("Hidden " + UUID.randomUUID(), null);

		var centreView = listed(TaxiiHttp.bearer(port, token(centreAnalyst, ApiScope.INTEL_READ, ApiScope.INTEL_WRITE)));
		assertThat(centreView.keySet()).contains(open.id().toString(), forCentre.id().toString())
			.doesNotContain(shared.id().toString(), byGroup.id().toString(), byRole.id().toString(), hidden.id().toString());
		assertThat(centreView.get(forCentre.id().toString()).get("alias").asString()).isEqualTo(forCentre.alias());
		assertThat(centreView.get(forCentre.id().toString()).get("can_write").asBoolean()).isFalse();

		var memberView = listed(TaxiiHttp.bearer(port, token(fixtures.user(member, Role.VIEWER), ApiScope.INTEL_READ)));
		assertThat(memberView.keySet()).contains(open.id().toString(), byGroup.id().toString())
			.doesNotContain(forCentre.id().toString(), hidden.id().toString());

		var coordinator = fixtures.user(fixtures.organisation(OrganisationType.COORDINATOR), Role.COORDINATOR);
		var coordinatorView = listed(TaxiiHttp.bearer(port, token(coordinator, ApiScope.INTEL_READ, ApiScope.INTEL_WRITE)));
		var writeOnly = coordinatorView.get(byRole.id().toString());
		assertThat(writeOnly.get("can_read").asBoolean()).isFalse();
		assertThat(writeOnly.get("can_write").asBoolean()).isTrue();
		assertThat(writeOnly.get("media_types").get(0).asString()).isEqualTo("application/stix+json;version=2.1");

		// The writer's grant is narrowed by a token without intel:write.
		var hubReadToken = listed(TaxiiHttp.bearer(port, token(analyst, ApiScope.INTEL_READ)));
		assertThat(hubReadToken.get(shared.id().toString()).get("can_write").asBoolean()).isFalse();
		assertThat(listed(writer).get(shared.id().toString()).get("can_write").asBoolean()).isTrue();

		// One collection, by id and by alias; someone without access cannot tell it from a missing one.
		var centreClient = TaxiiHttp.bearer(port, token(centreAnalyst, ApiScope.INTEL_READ));
		assertThat(read(centreClient.get(ROOT + "collections/" + forCentre.alias() + "/")).get("id").asString())
			.isEqualTo(forCentre.id().toString());
		assertThat(centreClient.get(ROOT + "collections/" + forCentre.id() + "/").status()).isEqualTo(200);
		assertThat(readOnly.get(ROOT + "collections/" + hidden.id() + "/").status()).isEqualTo(404);
		assertThat(readOnly.get(ROOT + "collections/" + UUID.randomUUID() + "/").status()).isEqualTo(404);
		assertThat(readOnly.get(ROOT + "collections/not-a-collection/").status()).isEqualTo(404);

		// Other tests' callers must not see this open collection.
		jdbc.sql("update intel_collection set readable_by_all = false where id = :id").param("id", open.id()).update();

		// Write-only: reading is 403 (the collection is visible), writing works.
		var coordinatorClient = TaxiiHttp.bearer(port, token(coordinator, ApiScope.INTEL_READ, ApiScope.INTEL_WRITE));
		var roleBase = ROOT + "collections/" + byRole.id() + "/";
		assertThat(coordinatorClient.get(roleBase + "objects/").status()).isEqualTo(403);
		assertThat(coordinatorClient.get(roleBase + "manifest/").status()).isEqualTo(403);
		assertThat(coordinatorClient.post(roleBase + "objects/", envelope(indicator(UUID.randomUUID(), "2024-01-01T00:00:00.000Z")))
			.status()).isEqualTo(202);
	}

	@Test
	void readersMayNotWriteOrDeleteAndStrangersGet404() {
		var envelope = envelope(indicator(UUID.randomUUID(), "2024-01-01T00:00:00.000Z"));
		var refused = readOnly.post(base + "objects/", envelope);
		assertThat(refused.status()).isEqualTo(403);
		assertThat(read(refused).get("title").asString()).isEqualTo("Forbidden");

		var id = "indicator--" + UUID.randomUUID();
		assertThat(writer.post(base + "objects/", envelope(indicator(id, "2024-01-01T00:00:00.000Z"))).status()).isEqualTo(202);
		assertThat(readOnly.delete(base + "objects/" + id + "/").status()).isEqualTo(403);

		var stranger = TaxiiHttp.bearer(port, token(fixtures.user(fixtures.organisation(OrganisationType.OPERATOR), Role.ANALYST),
				ApiScope.INTEL_READ, ApiScope.INTEL_WRITE));
		for (var path : List.of(base, base + "objects/", base + "manifest/", base + "objects/" + id + "/",
				base + "objects/" + id + "/versions/")) {
			assertThat(stranger.get(path).status()).as(path).isEqualTo(404);
		}
		assertThat(stranger.post(base + "objects/", envelope).status()).isEqualTo(404);
		assertThat(stranger.delete(base + "objects/" + id + "/").status()).isEqualTo(404);
		// The read-only token of a writer: 403 on write, like a reader.
		assertThat(TaxiiHttp.bearer(port, token(analyst, ApiScope.INTEL_READ)).post(base + "objects/", envelope).status())
			.isEqualTo(403);
	}

	// ---- adding objects and the status resource

	@Test
	void postedObjectsComeBackByteForByteInsideEnvelopesAndTheStatusCountsThem() {
		var a = "indicator--" + UUID.randomUUID();
		var b = "malware--" + UUID.randomUUID();
		// Odd whitespace, key order, escapes and non-ASCII text: all must survive unchanged.
		var objectA = "{ \"spec_version\" :\"2.1\",\n\t\"type\":\"indicator\", \"id\":\"" + a + "\",\"created\":\"2024-01-01T00:00:00.000Z\","
				+ "\"modified\" : \"2024-01-01T00:00:00.000Z\",\"name\":\"b\\u00e4d \\\"quoted\\\" \u65e5\u672c \\ud83d\\ude00\","
				+ "\"pattern\":\"[url:value = 'http://x.example/']\",\"pattern_type\":\"stix\",\"valid_from\":\"2024-01-01T00:00:00Z\","
				+ "\"x_number\":1.50e+3 }";
		var objectB = "{\"type\":\"malware\",\"spec_version\":\"2.1\",\"id\":\"" + b
				+ "\",\"created\":\"2024-02-01T00:00:00.123Z\",\"modified\":\"2024-02-01T00:00:00.123Z\",\"name\":\"x\",\"is_family\":false}";
		var posted = writer.post(base + "objects/", "{\n  \"objects\" : [  " + objectA + " ,\r\n" + objectB + "\n ] ,\"x_custom\":{\"a\":[1]} }");
		assertThat(posted.status()).as(posted.body()).isEqualTo(202);
		assertThat(posted.header("Content-Type")).isEqualTo("application/taxii+json;version=2.1");
		var status = read(posted);
		assertThat(status.get("status").asString()).isEqualTo("complete");
		assertThat(status.get("total_count").asInt()).isEqualTo(2);
		assertThat(status.get("success_count").asInt()).isEqualTo(2);
		assertThat(status.get("failure_count").asInt()).isZero();
		assertThat(status.get("pending_count").asInt()).isZero();
		assertThat(status.get("successes").get(0).get("id").asString()).isEqualTo(a);
		assertThat(status.get("successes").get(1).get("version").asString()).isEqualTo("2024-02-01T00:00:00.123Z");
		assertThat(status.get("request_timestamp").asString()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}Z");

		var again = read(writer.get(ROOT + "status/" + status.get("id").asString() + "/"));
		assertThat(again.get("success_count").asInt()).isEqualTo(2);
		// Only the author reads a status back.
		assertThat(readOnly.get(ROOT + "status/" + status.get("id").asString() + "/").status()).isEqualTo(404);
		assertThat(writer.get(ROOT + "status/" + UUID.randomUUID() + "/").status()).isEqualTo(404);
		assertThat(writer.get(ROOT + "status/not-a-uuid/").status()).isEqualTo(404);

		var envelope = readOnly.get(base + "objects/");
		assertThat(envelope.status()).isEqualTo(200);
		assertThat(envelope.body()).isEqualTo("{\"more\":false,\"objects\":[" + objectA + "," + objectB + "]}");
		var one = readOnly.get(base + "objects/" + a + "/");
		assertThat(one.body()).isEqualTo("{\"more\":false,\"objects\":[" + objectA + "]}");
		assertThat(one.header("X-TAXII-Date-Added-First")).isEqualTo(one.header("X-TAXII-Date-Added-Last"))
			.matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}Z");
		assertThat(envelope.header("X-TAXII-Date-Added-First")).isLessThan(envelope.header("X-TAXII-Date-Added-Last"));

		// Posting the same objects again stores nothing new and is not an error.
		var repeat = read(writer.post(base + "objects/", "{\"objects\":[" + objectB + "," + objectB + "]}"));
		assertThat(repeat.get("success_count").asInt()).isEqualTo(2);
		assertThat(repeat.get("failure_count").asInt()).isZero();
		assertThat(jdbc.sql("select count(*) from intel_object where collection_id = :c").param("c", shared.id())
			.query(Long.class).single()).isEqualTo(2);

		// The JSONB copy is the same object.
		assertThat(jdbc.sql("select content ->> 'name' from intel_object where stix_id = :id").param("id", a).query(String.class)
			.single()).isEqualTo("bäd \"quoted\" 日本 😀");
	}

	@Test
	void invalidObjectsAreReportedOneByOneWhileTheRestIsStored() {
		var good = indicator(UUID.randomUUID(), "2024-01-01T00:00:00.000Z");
		var stored = "indicator--" + UUID.randomUUID();
		writer.post(base + "objects/", envelope(indicator(stored, "2024-01-01T00:00:00.000Z")));
		var objects = List.of(good,
				"{\"type\":\"indicator\",\"id\":\"indicator--not-a-uuid\",\"spec_version\":\"2.1\",\"created\":\"2024-01-01T00:00:00Z\",\"modified\":\"2024-01-01T00:00:00Z\"}",
				"{\"type\":\"malware\",\"id\":\"indicator--" + UUID.randomUUID() + "\",\"spec_version\":\"2.1\",\"created\":\"2024-01-01T00:00:00Z\",\"modified\":\"2024-01-01T00:00:00Z\"}",
				"{\"type\":\"malware\",\"id\":\"malware--" + UUID.randomUUID() + "\",\"created\":\"2024-01-01T00:00:00Z\",\"modified\":\"2024-01-01T00:00:00Z\"}",
				"{\"type\":\"malware\",\"id\":\"malware--" + UUID.randomUUID() + "\",\"spec_version\":\"2.1\",\"created\":\"2024-01-02T00:00:00Z\",\"modified\":\"2024-01-01T00:00:00Z\"}",
				"{\"type\":\"malware\",\"id\":\"malware--" + UUID.randomUUID() + "\",\"spec_version\":\"2.1\",\"created\":\"yesterday\",\"modified\":\"2024-02-30T00:00:00Z\"}",
				// Valid but for a NUL character, which PostgreSQL cannot store: refused by name, not by a database error.
				"{\"type\":\"malware\",\"id\":\"malware--" + UUID.randomUUID() + "\",\"spec_version\":\"2.1\",\"created\":\"2024-01-01T00:00:00.000Z\",\"modified\":\"2024-01-01T00:00:00.000Z\",\"is_family\":false,\"name\":\"nul \\u0000 here\"}",
				"{\"id\":\"x\"}",
				// Same id and version as a stored object, different content: versions are immutable.
				indicator(stored, "2024-01-01T00:00:00.000Z").replace("\"name\":\"test\"", "\"name\":\"changed\""),
				"{\"type\":\"ipv4-addr\",\"id\":\"ipv4-addr--" + UUID.randomUUID() + "\",\"value\":\"198.51.100.3\"}");
		var status = read(writer.post(base + "objects/", envelope(objects.toArray(String[]::new))));
		assertThat(status.get("total_count").asInt()).isEqualTo(10);
		assertThat(status.get("success_count").asInt()).isEqualTo(2);
		assertThat(status.get("failure_count").asInt()).isEqualTo(8);
		var messages = new ArrayList<String>();
		status.get("failures").forEach(f -> messages.add(f.get("id").asString() + " " + f.get("version").asString() + " " + f.get("message").asString()));
		// Each failure names the property at fault (the wording is the validator's).
		assertThat(messages).anyMatch(m -> m.startsWith("indicator--not-a-uuid ") && m.contains("id:"))
			.anyMatch(m -> m.contains("spec_version:"))
			.anyMatch(m -> m.contains("modified:") && m.contains("created"))
			.anyMatch(m -> m.contains("created: must be") && m.contains("modified: must be"))
			.anyMatch(m -> m.contains("U+0000"))
			.anyMatch(m -> m.startsWith("x ") && m.contains("type:"))
			.anyMatch(m -> m.startsWith(stored) && m.contains("already in the collection"));
		// The SCO has no created/modified: it gets the server's fixed version.
		var sco = status.get("successes").get(1);
		assertThat(sco.get("version").asString()).isEqualTo(StructuralCheck.UNVERSIONED);
	}

	@Test
	void malformedOversizeAndNonUtf8BodiesAreRefusedWholeAndStoreNothing() {
		long before = count();
		assertThat(writer.post(base + "objects/", "{\"objects\":[{\"type\":").status()).isEqualTo(400);
		assertThat(writer.post(base + "objects/", "[]").status()).isEqualTo(422);
		assertThat(writer.post(base + "objects/", "{\"objects\":{}}").status()).isEqualTo(422);
		assertThat(writer.post(base + "objects/", "{\"objects\":[1]}").status()).isEqualTo(422);
		var duplicateKey = writer.post(base + "objects/", envelope(indicator(UUID.randomUUID(), "2024-01-01T00:00:00Z")
			.replace("{\"type\":\"indicator\"", "{\"type\":\"indicator\",\"type\":\"malware\"")));
		assertThat(duplicateKey.status()).isEqualTo(400);
		assertThat(read(duplicateKey).get("description").asString()).contains("type");
		assertThat(writer.post(base + "objects/", envelope(indicator(UUID.randomUUID(), "2024-01-01T00:00:00Z")) + " trailing").status())
			.isEqualTo(400);
		var latin1 = envelope(indicator(UUID.randomUUID(), "2024-01-01T00:00:00Z").replace("\"name\":\"test\"", "\"name\":\"caf\u00e9\""))
			.getBytes(StandardCharsets.ISO_8859_1);
		assertThat(writer.send("POST", base + "objects/", latin1, Map.of("Content-Type", TaxiiHttp.TAXII)).status()).isEqualTo(400);
		var big = new StringBuilder("{\"objects\":[");
		while (big.length() < 300 * 1024) {
			big.append(indicator(UUID.randomUUID(), "2024-01-01T00:00:00Z")).append(',');
		}
		big.setLength(big.length() - 1);
		var tooLarge = writer.post(base + "objects/", big + "]}");
		assertThat(tooLarge.status()).isEqualTo(413);
		assertThat(count()).isEqualTo(before);
		// An empty envelope is a request with nothing in it.
		assertThat(read(writer.post(base + "objects/", "{}")).get("total_count").asInt()).isZero();
	}

	// ---- filters, paging and versions

	@Test
	void matchFiltersSelectByIdTypeVersionAndSpecVersion() {
		var id = "indicator--" + UUID.randomUUID();
		var v1 = indicator(id, "2024-01-01T00:00:00.000Z");
		var v2 = indicator(id, "2024-02-01T00:00:00.000Z");
		var v3 = indicator(id, "2024-03-01T00:00:00.000Z");
		var malware = "{\"type\":\"malware\",\"spec_version\":\"2.1\",\"id\":\"malware--" + UUID.randomUUID()
				+ "\",\"created\":\"2024-01-01T00:00:00.000Z\",\"modified\":\"2024-01-01T00:00:00.000Z\",\"name\":\"m\",\"is_family\":true}";
		// Versions arrive out of order: first/last follow the versions, not the arrival.
		writer.post(base + "objects/", envelope(v2, malware));
		writer.post(base + "objects/", envelope(v3));
		writer.post(base + "objects/", envelope(v1));

		assertThat(objects("")).containsExactly(malware, v3);
		assertThat(objects("?" + q("match[version]=first"))).containsExactly(malware, v1);
		assertThat(objects("?" + q("match[version]=all"))).containsExactly(v2, malware, v3, v1);
		assertThat(objects("?" + q("match[version]=first,last"))).containsExactly(malware, v3, v1);
		assertThat(objects("?" + q("match[version]=2024-02-01T00:00:00Z"))).containsExactly(v2);
		assertThat(objects("?" + q("match[version]=2024-02-01T00:00:00.000Z,last&match[type]=indicator"))).containsExactly(v2, v3);
		assertThat(objects("?" + q("match[type]=malware,campaign"))).containsExactly(malware);
		assertThat(objects("?" + q("match[id]=" + id + "&match[version]=all"))).containsExactly(v2, v3, v1);
		assertThat(objects("?" + q("match[spec_version]=2.1"))).containsExactly(malware, v3);
		assertThat(objects("?" + q("match[spec_version]=2.0"))).isEmpty();
		assertThat(objects("?" + q("match[type]=indicator&match[x_unknown]=whatever"))).containsExactly(v3);
		assertThat(readOnly.get(base + "objects/?" + q("match[type]=campaign")).body()).isEqualTo("{}");

		// One object, its versions, and the manifest.
		assertThat(objectsOf(readOnly.get(base + "objects/" + id + "/?" + q("match[version]=all")))).containsExactly(v2, v3, v1);
		assertThat(objectsOf(readOnly.get(base + "objects/" + id + "/"))).containsExactly(v3);
		var versions = readOnly.get(base + "objects/" + id + "/versions/");
		assertThat(versions.header("X-TAXII-Date-Added-First")).isNotNull();
		assertThat(read(versions).get("versions").valueStream().map(JsonNode::asString).toList())
			.containsExactly("2024-02-01T00:00:00.000Z", "2024-03-01T00:00:00.000Z", "2024-01-01T00:00:00.000Z");
		assertThat(readOnly.get(base + "objects/indicator--" + UUID.randomUUID() + "/").status()).isEqualTo(404);
		assertThat(readOnly.get(base + "objects/indicator--" + UUID.randomUUID() + "/versions/").status()).isEqualTo(404);

		var manifest = readOnly.get(base + "manifest/?" + q("match[type]=indicator&match[version]=all"));
		assertThat(manifest.header("X-TAXII-Date-Added-Last")).isNotNull();
		var records = read(manifest).get("objects");
		assertThat(records.size()).isEqualTo(3);
		assertThat(records.get(0).get("id").asString()).isEqualTo(id);
		assertThat(records.get(0).get("version").asString()).isEqualTo("2024-02-01T00:00:00.000Z");
		assertThat(records.get(0).get("media_type").asString()).isEqualTo("application/stix+json;version=2.1");
		assertThat(records.get(0).get("date_added").asString()).isEqualTo(manifest.header("X-TAXII-Date-Added-First"));
		assertThat(read(manifest).get("more").asBoolean()).isFalse();
	}

	@Test
	void limitNextAndAddedAfterPageThroughEverythingOnce() {
		var posted = new ArrayList<String>();
		for (int i = 0; i < 7; i++) {
			posted.add(indicator(UUID.randomUUID(), "2024-01-01T00:00:00.000Z"));
		}
		writer.post(base + "objects/", envelope(posted.toArray(String[]::new)));

		var seen = new ArrayList<String>();
		var first = readOnly.get(base + "objects/?limit=3");
		var page = read(first);
		assertThat(page.get("more").asBoolean()).isTrue();
		seen.addAll(objectsOf(first));
		while (page.has("next")) {
			var response = readOnly.get(base + "objects/?limit=3&next=" + page.get("next").asString());
			seen.addAll(objectsOf(response));
			page = read(response);
		}
		assertThat(seen).containsExactlyElementsOf(posted);
		assertThat(page.get("more").asBoolean()).isFalse();

		// added_after from X-TAXII-Date-Added-Last is the other way to page (the manifest has no next of its own).
		var manifestSeen = new ArrayList<String>();
		String after = null;
		for (int guard = 0; guard < 10; guard++) {
			var response = readOnly.get(base + "manifest/?limit=2" + (after == null ? "" : "&added_after=" + after));
			var body = read(response);
			if (!body.has("objects")) {
				break;
			}
			body.get("objects").forEach(record -> manifestSeen.add(record.get("id").asString()));
			after = response.header("X-TAXII-Date-Added-Last");
		}
		assertThat(manifestSeen).hasSize(7).doesNotHaveDuplicates();

		// A limit over the server's maximum is cut to it, not refused.
		assertThat(readOnly.get(base + "objects/?limit=999999999").status()).isEqualTo(200);
	}

	@Test
	void malformedOrRepeatedFilterParametersAre400NamingTheParameter() {
		for (var query : List.of("limit=0", "limit=-1", "limit=abc", "limit=1.5", "limit=", "added_after=yesterday",
				"added_after=2024-01-01", "added_after=2024-01-01T00:00:00Z&added_after=2024-01-02T00:00:00Z",
				"limit=1&limit=2", "match[version]=all,first", "match[version]=last,last", "match[version]=newest",
				"match[spec_version]=two", "match[type]=a,,b", "match[type]=indicator&match[type]=malware", "next=garbage",
				"next=" + "a".repeat(400))) {
			var refused = readOnly.get(base + "objects/?" + q(query));
			assertThat(refused.status()).as(query).isEqualTo(400);
			assertThat(refused.header("Content-Type")).isEqualTo("application/taxii+json;version=2.1");
			assertThat(read(refused).get("details").get("parameter").asString()).as(query).isNotBlank();
		}
		// Hostile values are refused or match nothing; they never reach SQL as text.
		var injection = readOnly.get(base + "objects/?" + q("match[id]=%27%20or%201%3D1%20--&match[type]=%27%3Bdrop%20table%20intel_object%3B--"));
		assertThat(injection.status()).isEqualTo(200);
		assertThat(injection.body()).isEqualTo("{}");
	}

	@Test
	void nextCannotBeForgedOrCarriedToAnotherCollectionOrQuery() {
		for (int i = 0; i < 3; i++) {
			writer.post(base + "objects/", envelope(indicator(UUID.randomUUID(), "2024-01-01T00:00:00.000Z")));
		}
		var next = read(readOnly.get(base + "objects/?limit=1")).get("next").asString();
		assertThat(readOnly.get(base + "objects/?limit=1&next=" + next).status()).isEqualTo(200);

		var other = collection("Other " + UUID.randomUUID(), null, new Grant(null, null, Role.VIEWER, true, false));
		var otherBase = ROOT + "collections/" + other.id() + "/";
		var carried = readOnly.get(otherBase + "objects/?limit=1&next=" + next);
		assertThat(carried.status()).isEqualTo(400);
		assertThat(read(carried).get("details").get("parameter").asString()).isEqualTo("next");
		assertThat(readOnly.get(base + "manifest/?limit=1&next=" + next).status()).isEqualTo(400);
		assertThat(readOnly.get(base + "objects/?" + q("limit=1&match[type]=malware&next=" + next)).status()).isEqualTo(400);

		// Changing the position without the key: refused.
		var parts = next.split("\\.");
		var tampered = Long.toString(Long.parseLong(parts[0], 36) - 1, 36) + "." + parts[1] + "." + parts[2];
		assertThat(readOnly.get(base + "objects/?limit=1&next=" + tampered).status()).isEqualTo(400);
		var reseq = parts[0] + "." + Long.toString(Long.parseLong(parts[1], 36) + 1, 36) + "." + parts[2];
		assertThat(readOnly.get(base + "objects/?limit=1&next=" + reseq).status()).isEqualTo(400);
	}

	// ---- delete

	@Test
	void deletingAVersionOrTheWholeObjectRemovesItFromObjectsManifestAndVersions() {
		var id = "indicator--" + UUID.randomUUID();
		var v1 = indicator(id, "2024-01-01T00:00:00.000Z");
		var v2 = indicator(id, "2024-02-01T00:00:00.000Z");
		writer.post(base + "objects/", envelope(v1, v2));

		var deleted = writer.delete(base + "objects/" + id + "/?" + q("match[version]=2024-02-01T00:00:00.000Z"));
		assertThat(deleted.status()).isEqualTo(200);
		assertThat(deleted.header("Content-Type")).isEqualTo("application/taxii+json;version=2.1");
		// The remaining version becomes the last one.
		assertThat(objectsOf(readOnly.get(base + "objects/" + id + "/"))).containsExactly(v1);
		assertThat(writer.delete(base + "objects/" + id + "/?" + q("match[version]=2024-02-01T00:00:00.000Z")).status()).isEqualTo(404);
		assertThat(writer.delete(base + "objects/" + id + "/?" + q("match[version]=whenever")).status()).isEqualTo(400);

		assertThat(writer.delete(base + "objects/" + id + "/").status()).isEqualTo(200);
		assertThat(readOnly.get(base + "objects/" + id + "/").status()).isEqualTo(404);
		assertThat(readOnly.get(base + "objects/" + id + "/versions/").status()).isEqualTo(404);
		assertThat(readOnly.get(base + "manifest/").body()).doesNotContain(id);
		assertThat(readOnly.get(base + "objects/?" + q("match[version]=all")).body()).doesNotContain(id);
		assertThat(writer.delete(base + "objects/" + id + "/").status()).isEqualTo(404);

		// Posted again after deletion, it is back (with a new date_added).
		assertThat(read(writer.post(base + "objects/", envelope(v1))).get("success_count").asInt()).isEqualTo(1);
		assertThat(objectsOf(readOnly.get(base + "objects/" + id + "/"))).containsExactly(v1);
	}

	// ---- helpers

	private long count() {
		return jdbc.sql("select count(*) from intel_object where collection_id = :c").param("c", shared.id()).query(Long.class).single();
	}

	private List<String> objects(String query) {
		var response = readOnly.get(base + "objects/" + query);
		assertThat(response.status()).as(query + " " + response.body()).isEqualTo(200);
		return objectsOf(response);
	}

	/** The objects of an envelope, each as the exact text the server sent. */
	static List<String> objectsOf(TaxiiHttp.Response response) {
		return EnvelopeReader.read(response.bytes()).stream().map(EnvelopeReader.Element::raw).toList();
	}

	private Map<String, JsonNode> listed(TaxiiHttp client) {
		var response = client.get(ROOT + "collections/");
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		var result = new java.util.LinkedHashMap<String, JsonNode>();
		var list = read(response).get("collections");
		if (list != null) {
			list.forEach(c -> result.put(c.get("id").asString(), c));
		}
		return result;
	}

	JsonNode read(TaxiiHttp.Response response) {
		return json.readTree(response.bytes());
	}

	IntelCollection collection(String title, String alias, Grant... grants) {
		return administration.create(admin.principal(), title, null, alias,
				new CollectionAdministration.Access(false, false, List.of(grants)));
	}

	String token(UserAccount user, ApiScope... scopes) {
		return tokens.create(user.principal(), "taxii", EnumSet.copyOf(Set.of(scopes)), 1).clearToken();
	}

	static String indicator(UUID uuid, String modified) {
		return indicator("indicator--" + uuid, modified);
	}

	static String indicator(String id, String modified) {
		return "{\"type\":\"indicator\",\"spec_version\":\"2.1\",\"id\":\"" + id + "\",\"created\":\"2024-01-01T00:00:00.000Z\","
				+ "\"modified\":\"" + modified + "\",\"name\":\"test\",\"pattern\":\"[ipv4-addr:value = '203.0.113.9']\","
				+ "\"pattern_type\":\"stix\",\"valid_from\":\"2024-01-01T00:00:00Z\"}";
	}

	static String envelope(String... objects) {
		return "{\"objects\":[" + String.join(",", objects) + "]}";
	}
}
