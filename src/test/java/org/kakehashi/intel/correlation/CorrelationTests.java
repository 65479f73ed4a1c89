package org.kakehashi.intel.correlation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kakehashi.identity.ApiScope;
import org.kakehashi.identity.OrganisationType;
import org.kakehashi.identity.Role;
import org.kakehashi.identity.internal.ApiTokens;
import org.kakehashi.identity.internal.Organisation;
import org.kakehashi.identity.internal.UserAccount;
import org.kakehashi.intel.store.CollectionAdministration;
import org.kakehashi.intel.store.Grant;
import org.kakehashi.intel.store.IntelCollection;
import org.kakehashi.reporting.Observable;
import org.kakehashi.reporting.ObservableType;
import org.kakehashi.reporting.ReportKind;
import org.kakehashi.reporting.internal.Report;
import org.kakehashi.support.ApiClient;
import org.kakehashi.support.Fixtures;
import org.kakehashi.support.IntegrationTest;
import org.kakehashi.support.ReportFixtures;
import org.kakehashi.support.WebClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Correlation over real HTTP and the real database: objects posted through TAXII and reports submitted through the
 * reporting module are found by value, by network containment and by parent/sub-domain, only where the caller may
 * see them; false positives, expiry and sightings are flagged and counted per reader.
 */
class CorrelationTests extends IntegrationTest {

	static final String TAXII = "application/taxii+json;version=2.1";
	static final HttpClient HTTP = HttpClient.newHttpClient();

	@Autowired Fixtures fixtures;
	@Autowired ReportFixtures reports;
	@Autowired ApiTokens tokens;
	@Autowired CollectionAdministration administration;
	@Autowired JdbcClient jdbc;
	@Autowired JsonMapper json;

	final Random random = new Random();
	Organisation hub;
	UserAccount hubAnalyst;
	UserAccount reporterA;
	UserAccount reporterB;
	UserAccount ministryAnalyst;
	UserAccount operatorAnalyst;
	IntelCollection shared;
	IntelCollection hubOnly;
	String hubToken;

	@BeforeEach
	void world() {
		hub = fixtures.organisation(OrganisationType.INFORMATION_HUB);
		hubAnalyst = fixtures.user(hub, Role.ANALYST);
		var admin = fixtures.user(fixtures.organisation(OrganisationType.NATIONAL_CENTRE), Role.PLATFORM_ADMIN);
		var operatorA = fixtures.organisation(OrganisationType.OPERATOR, "ELECTRICITY");
		var operatorB = fixtures.organisation(OrganisationType.OPERATOR, "ELECTRICITY");
		reporterA = fixtures.user(operatorA, Role.REPORTER);
		operatorAnalyst = fixtures.user(operatorA, Role.ANALYST);
		reporterB = fixtures.user(operatorB, Role.REPORTER);
		ministryAnalyst = fixtures.user(fixtures.organisation(OrganisationType.SECTOR_MINISTRY, "ELECTRICITY"), Role.ANALYST);
		shared = administration.create(admin.principal(), "Shared " + UUID.randomUUID(), null, null,
				new CollectionAdministration.Access(true, false, List.of(new Grant(hub.id(), null, null, true, true))));
		hubOnly = administration.create(admin.principal(), "Hub only " + UUID.randomUUID(), null, null,
				new CollectionAdministration.Access(false, false, List.of(new Grant(hub.id(), null, null, true, true))));
		hubToken = token(hubAnalyst, ApiScope.INTEL_READ, ApiScope.INTEL_WRITE, ApiScope.REPORTS_READ);
	}

	// ---- matching

	@Test
	void anAddressInsideAnIndicatorsNetworkIsFoundAndFlaggedAsContainment() {
		var net = "10." + random.nextInt(256) + "." + random.nextInt(256);
		var v6 = "2001:db8:" + Integer.toHexString(random.nextInt(0xffff));
		var indicator = indicator("[ipv4-addr:value = '" + net + ".0/24'] OR [ipv6-addr:value ISSUBSET '" + v6 + "::/48']", null);
		post(shared, indicator);
		var operator = api(token(reporterA, ApiScope.INTEL_READ));

		var within = lookup(operator, "ipv4", net + ".7");
		assertThat(within.get("value").asString()).isEqualTo(net + ".7");
		var hit = only(within, id(indicator));
		assertThat(hit.get("match").asString()).isEqualTo("within");
		assertThat(hit.get("value").asString()).isEqualTo(net + ".0/24");
		assertThat(hit.get("source").asString()).isEqualTo("stix");
		assertThat(hit.get("object").get("href").asString()).isEqualTo("/intel/objects/" + shared.id() + "/" + id(indicator));

		assertThat(only(lookup(operator, "ipv4", net + ".0/24"), id(indicator)).get("match").asString()).isEqualTo("exact");
		assertThat(only(lookup(operator, "ipv4", net.substring(0, net.lastIndexOf('.')) + ".0.0/16"), id(indicator))
			.get("match").asString()).isEqualTo("contains");
		assertThat(hits(lookup(operator, "ipv4", net + ".7"), id(indicator))).hasSize(1);
		assertThat(hits(lookup(operator, "ipv4", nextNet(net) + ".7"), id(indicator))).isEmpty();
		assertThat(only(lookup(operator, "ipv6", v6.toUpperCase() + "::5"), id(indicator)).get("match").asString())
			.isEqualTo("within");
	}

	@Test
	void containmentInTheDatabaseAgreesWithAReferenceOnRandomNetworks() {
		var networks = new ArrayList<String>();
		for (int i = 0; i < 40; i++) {
			int prefix = 8 + random.nextInt(25);
			networks.add(dotted(random.nextInt() & mask(prefix)) + "/" + prefix);
		}
		var indicator = indicator("[ipv4-addr:value IN (" + networks.stream().map(n -> "'" + n + "'")
			.collect(Collectors.joining(", ")) + ")]", null);
		post(shared, indicator);
		var client = api(token(reporterA, ApiScope.INTEL_READ));
		for (int i = 0; i < 60; i++) {
			// Half the probes are drawn from inside one of the networks, half anywhere.
			var inside = networks.get(random.nextInt(networks.size()));
			int base = (int) ipv4(inside.substring(0, inside.indexOf('/')));
			int address = i % 2 == 0 ? base | (random.nextInt() & ~mask(Integer.parseInt(inside.substring(inside.indexOf('/') + 1))))
					: random.nextInt();
			var expected = networks.stream().filter(n -> contains(n, address)).map(n -> n.replace("/32", "")).distinct().sorted().toList();
			var found = hits(lookup(client, "ipv4", dotted(address), 500), id(indicator)).stream()
				.map(h -> h.get("value").asString()).sorted().toList();
			assertThat(found).as(dotted(address)).isEqualTo(expected);
		}
	}

	@Test
	void aSubdomainFindsItsParentsIndicatorAndTheParentItsSubdomains() {
		var base = "x" + UUID.randomUUID().toString().substring(0, 8) + ".test";
		var indicator = indicator("[domain-name:value = 'evil." + base + "']", null);
		var subdomainObject = sco("domain-name", "cdn.login.evil." + base);
		post(shared, indicator, subdomainObject);
		var client = api(token(reporterA, ApiScope.INTEL_READ));

		var login = lookup(client, "domain", "Login.Evil." + base.toUpperCase() + ".");
		assertThat(login.get("value").asString()).isEqualTo("login.evil." + base);
		assertThat(only(login, id(indicator)).get("match").asString()).isEqualTo("parent-domain");
		assertThat(only(login, id(subdomainObject)).get("match").asString()).isEqualTo("subdomain");
		assertThat(only(lookup(client, "domain", "evil." + base), id(indicator)).get("match").asString()).isEqualTo("exact");
		assertThat(only(lookup(client, "domain", base), id(indicator)).get("match").asString()).isEqualTo("subdomain");
		// Same letters, different label: no match.
		assertThat(hits(lookup(client, "domain", "notevil." + base), id(indicator))).isEmpty();
		assertThat(hits(lookup(client, "domain", "evil." + base + "x"), id(indicator))).isEmpty();
	}

	@Test
	void deletingAnObjectOrItsCollectionTakesItsObservablesAlong() {
		var domain = "gone" + UUID.randomUUID().toString().substring(0, 8) + ".test";
		var first = indicator("[domain-name:value = 'a." + domain + "']", null);
		var second = json.readTree(first).deepCopy();
		((ObjectNode) second).put("modified", "2026-02-01T00:00:00.000Z")
			.put("pattern", "[domain-name:value = 'b." + domain + "']");
		post(hubOnly, first, second.toString());
		var client = api(hubToken);
		assertThat(hits(lookup(client, "domain", "b." + domain), id(first))).hasSize(1);
		assertThat(hits(lookup(client, "domain", "a." + domain), id(first))).isEmpty();

		// Deleting the last version indexes the one before it again; deleting that one leaves nothing behind.
		assertThat(taxiiDelete(hubOnly, id(first) + "/?match%5Bversion%5D=2026-02-01T00:00:00.000Z")).isEqualTo(200);
		assertThat(hits(lookup(client, "domain", "b." + domain), id(first))).isEmpty();
		assertThat(hits(lookup(client, "domain", "a." + domain), id(first))).hasSize(1);
		assertThat(taxiiDelete(hubOnly, id(first) + "/")).isEqualTo(200);
		assertThat(hits(lookup(client, "domain", "a." + domain), id(first))).isEmpty();

		// A collection deleted in the database (its objects go by cascade) leaves no observable pointing at them.
		var admin = fixtures.user(fixtures.organisation(OrganisationType.NATIONAL_CENTRE), Role.PLATFORM_ADMIN);
		var doomed = administration.create(admin.principal(), "Doomed " + UUID.randomUUID(), null, null,
				new CollectionAdministration.Access(false, false, List.of(new Grant(hub.id(), null, null, true, true))));
		post(doomed, indicator("[domain-name:value = 'c." + domain + "']", null));
		assertThat(jdbc.sql("select count(*) from intel_observable where collection_id = :c").param("c", doomed.id())
			.query(Long.class).single()).isEqualTo(1);
		jdbc.sql("delete from intel_collection where id = :c").param("c", doomed.id()).update();
		assertThat(jdbc.sql("select count(*) from intel_observable where collection_id = :c").param("c", doomed.id())
			.query(Long.class).single()).isZero();
	}

	@Test
	void hashesMatchWhateverTheirCaseAndPatternsGiveEverySetMember() {
		var sha = randomHex(64).toUpperCase();
		var md5 = randomHex(32);
		var file = json.createObjectNode();
		file.put("type", "file").put("spec_version", "2.1").put("id", "file--" + UUID.randomUUID());
		file.putObject("hashes").put("SHA-256", sha);
		var ip1 = "172.16." + random.nextInt(256) + "." + random.nextInt(256);
		var ip2 = "172.17." + random.nextInt(256) + "." + random.nextInt(256);
		var url = "https://Files." + UUID.randomUUID().toString().substring(0, 8) + ".example/payload.bin";
		var mail = "ceo-" + UUID.randomUUID().toString().substring(0, 8) + "@Example.org";
		var indicator = indicator("[file:hashes.MD5 = '" + md5.toUpperCase() + "'] OR [ipv4-addr:value IN ('" + ip1 + "', '" + ip2
				+ "') AND url:value = '" + url + "'] OR [email-addr:value = '" + mail + "']", null);
		post(shared, file.toString(), indicator);
		var client = api(token(reporterA, ApiScope.INTEL_READ));

		assertThat(only(lookup(client, "sha256", sha.toLowerCase()), id(file.toString())).get("match").asString()).isEqualTo("exact");
		assertThat(hits(lookup(client, "SHA-256", sha), id(file.toString()))).hasSize(1);
		assertThat(hits(lookup(client, "md5", md5), id(indicator))).hasSize(1);
		assertThat(hits(lookup(client, "md5", md5.toUpperCase()), id(indicator))).hasSize(1);
		assertThat(hits(lookup(client, "ipv4", ip1), id(indicator))).hasSize(1);
		assertThat(hits(lookup(client, "ipv4", ip2), id(indicator))).hasSize(1);
		assertThat(hits(lookup(client, "url", url.replace("https://Files.", "HTTPS://files.")), id(indicator))).hasSize(1);
		assertThat(hits(lookup(client, "email", mail.toLowerCase()), id(indicator))).hasSize(1);
	}

	// ---- who sees what

	@Test
	void reportsCorrelateOnlyForThoseWhoMaySeeBoth() {
		var ip = "192.168." + random.nextInt(256) + "." + random.nextInt(256);
		var reportA = submit(reporterA, "A", new Observable(ObservableType.IPV4, ip));
		var reportB = submit(reporterB, "B", new Observable(ObservableType.IPV4, ip),
				new Observable(ObservableType.DOMAIN, "b-" + UUID.randomUUID().toString().substring(0, 8) + ".example.com"));

		// The sector ministry sees both reports, so each lists the other.
		var ministry = api(token(ministryAnalyst, ApiScope.REPORTS_READ, ApiScope.INTEL_READ));
		var seenFromA = ok(ministry.get("/api/v1/reports/" + reportA.id() + "/correlations"));
		var occurrences = seenFromA.get("observables").get(0).get("occurrences");
		assertThat(occurrences).hasSize(1);
		assertThat(occurrences.get(0).get("report").get("id").asString()).isEqualTo(reportB.id().toString());
		assertThat(occurrences.get(0).get("report").get("number").asString()).isEqualTo(reportB.number());
		assertThat(ok(ministry.get("/api/v1/reports/" + reportB.id() + "/correlations")).toString()).contains(reportA.id().toString());

		// Operator A never learns that B's report exists: not in its report's correlations, nor in a lookup, nor by count.
		var operatorA = api(token(reporterA, ApiScope.REPORTS_READ, ApiScope.INTEL_READ));
		var own = operatorA.get("/api/v1/reports/" + reportA.id() + "/correlations");
		assertThat(own.status()).isEqualTo(200);
		assertThat(own.body()).doesNotContain(reportB.id().toString()).doesNotContain(reportB.number());
		assertThat(json.readTree(own.body()).get("observables").get(0).get("occurrences")).isEmpty();
		var lookup = lookup(operatorA, "ipv4", ip);
		assertThat(lookup.get("occurrences")).hasSize(1);
		assertThat(lookup.get("occurrences").get(0).get("report").get("id").asString()).isEqualTo(reportA.id().toString());
		assertThat(lookup.get("truncated").asBoolean()).isFalse();
		// B's report itself is simply not found for A.
		assertThat(operatorA.get("/api/v1/reports/" + reportB.id() + "/correlations").status()).isEqualTo(404);
		assertThat(operatorA.get("/api/v1/reports/" + UUID.randomUUID() + "/correlations").status()).isEqualTo(404);

		// The report page shows the same: the ministry sees the link, operator A sees nothing of B.
		var ministryPage = signedIn(ministryAnalyst).get("/reports/" + reportA.id());
		assertThat(ministryPage.body()).contains("id=\"correlations\"").contains("/reports/" + reportB.id()).contains(reportB.number());
		var ownPage = signedIn(reporterA).get("/reports/" + reportA.id());
		assertThat(ownPage.status()).isEqualTo(200);
		assertThat(ownPage.body()).contains("id=\"correlations\"").doesNotContain(reportB.number())
			.doesNotContain(reportB.id().toString());
	}

	@Test
	void reportsAndIntelligenceCorrelateWithinTheCollectionsOneMayRead() {
		var ip = "100.64." + random.nextInt(256) + "." + random.nextInt(256);
		var open = indicator("[ipv4-addr:value = '" + ip + "']", null);
		var secret = indicator("[ipv4-addr:value = '" + ip + "']", null);
		post(shared, open);
		post(hubOnly, secret);
		var report = submit(reporterA, "STIX", new Observable(ObservableType.IPV4, ip));

		var operator = api(token(reporterA, ApiScope.REPORTS_READ, ApiScope.INTEL_READ));
		var body = ok(operator.get("/api/v1/reports/" + report.id() + "/correlations"));
		var occurrences = body.get("observables").get(0).get("occurrences");
		assertThat(occurrences).hasSize(1);
		assertThat(occurrences.get(0).get("object").get("stixId").asString()).isEqualTo(id(open));
		assertThat(body.toString()).doesNotContain(id(secret)).doesNotContain(hubOnly.id().toString());
		// Without intel:read the token sees reports only; without reports:read, intelligence only.
		assertThat(ok(api(token(reporterA, ApiScope.REPORTS_READ)).get("/api/v1/reports/" + report.id() + "/correlations"))
			.get("observables").get(0).get("occurrences")).isEmpty();
		var intelOnly = lookup(api(token(reporterA, ApiScope.INTEL_READ)), "ipv4", ip);
		assertThat(intelOnly.toString()).doesNotContain(report.id().toString());
		// The hub reads both collections, and the report is not theirs to see.
		var hubView = lookup(api(hubToken), "ipv4", ip);
		assertThat(hits(hubView, id(open))).hasSize(1);
		assertThat(hits(hubView, id(secret))).hasSize(1);
		assertThat(hubView.toString()).doesNotContain(report.id().toString());
		// On the report page, the indicator links to its object page.
		var page = signedIn(reporterA).get("/reports/" + report.id());
		assertThat(page.body()).contains("/intel/objects/" + shared.id() + "/" + id(open)).doesNotContain(id(secret));
	}

	// ---- false positives, expiry, sightings

	@Test
	void falsePositivesAreFlaggedAndFoldedAndExpiredIndicatorsAreNotActive() {
		var ip = "100.65." + random.nextInt(256) + "." + random.nextInt(256);
		var wrong = indicator("[ipv4-addr:value = '" + ip + "']", null);
		var expired = indicator("[ipv4-addr:value = '" + ip + "']", "2026-01-02T00:00:00Z");
		var current = indicator("[ipv4-addr:value = '" + ip + "']", "2099-01-01T00:00:00Z");
		post(shared, wrong, expired, current);
		var hubApi = api(hubToken);
		var marked = hubApi.post("/api/v1/intel/indicators/" + id(wrong) + "/false-positive", "{\"reason\":\"CDN address shared by many sites\"}");
		assertThat(marked.status()).as(marked.body()).isEqualTo(200);
		assertThat(jdbc.sql("select count(*) from audit_log where action = 'intel.indicator.false-positive' and target_id = :id")
			.param("id", id(wrong)).query(Integer.class).single()).isEqualTo(1);

		var body = lookup(api(token(reporterA, ApiScope.INTEL_READ)), "ipv4", ip);
		var fp = only(body, id(wrong)).get("object");
		assertThat(fp.get("falsePositive").asBoolean()).isTrue();
		assertThat(fp.get("falsePositiveReason").asString()).isEqualTo("CDN address shared by many sites");
		assertThat(fp.get("active").asBoolean()).isFalse();
		var old = only(body, id(expired)).get("object");
		assertThat(old.get("expired").asBoolean()).isTrue();
		assertThat(old.get("active").asBoolean()).isFalse();
		var live = only(body, id(current)).get("object");
		assertThat(live.get("expired").asBoolean()).isFalse();
		assertThat(live.get("active").asBoolean()).isTrue();

		// The report panel folds the false positive away and marks the expired one.
		var report = submit(reporterA, "FP", new Observable(ObservableType.IPV4, ip));
		var page = signedIn(reporterA).get("/reports/" + report.id()).body();
		var beforeFold = page.substring(0, page.indexOf("<details"));
		assertThat(beforeFold).contains(id(current)).contains(id(expired)).doesNotContain(id(wrong));
		assertThat(page.substring(page.indexOf("<details"))).contains(id(wrong));
		assertThat(page).contains("Expired on");

		// Curating needs write access where the indicator is; bad input names the field.
		var operatorAnalystApi = api(token(operatorAnalyst, ApiScope.INTEL_READ, ApiScope.INTEL_WRITE));
		assertThat(operatorAnalystApi.post("/api/v1/intel/indicators/" + id(current) + "/false-positive", "{\"reason\":\"no\"}")
			.status()).isEqualTo(403);
		var hidden = indicator("[ipv4-addr:value = '" + ip + "']", null);
		post(hubOnly, hidden);
		assertThat(operatorAnalystApi.post("/api/v1/intel/indicators/" + id(hidden) + "/false-positive", "{\"reason\":\"no\"}")
			.status()).isEqualTo(404);
		assertThat(api(token(reporterA, ApiScope.INTEL_READ)).post("/api/v1/intel/indicators/" + id(current) + "/false-positive",
				"{\"reason\":\"no\"}").status()).isEqualTo(403);
		assertField(hubApi.post("/api/v1/intel/indicators/" + id(current) + "/false-positive", "{\"reason\":\"   \"}"), 400, "reason");
		assertField(hubApi.post("/api/v1/intel/indicators/" + id(current) + "/false-positive", "{\"reason\":\"" + "x".repeat(2001) + "\"}"), 400, "reason");
		assertField(hubApi.post("/api/v1/intel/indicators/" + id(current) + "/false-positive", "{}"), 400, "reason");
		assertField(hubApi.post("/api/v1/intel/indicators/" + id(current) + "/false-positive", "{\"reason\":\"x\",\"evil\":1}"), 400, "evil");
		assertField(hubApi.post("/api/v1/intel/indicators/malware--" + UUID.randomUUID() + "/false-positive", "{\"reason\":\"x\"}"), 400, "stixId");
		assertField(hubApi.post("/api/v1/intel/indicators/indicator--" + UUID.randomUUID() + "/false-positive", "{\"reason\":\"x\"}"), 404, "stixId");

		// Withdrawn, it is active again.
		assertThat(hubApi.send("DELETE", "/api/v1/intel/indicators/" + id(wrong) + "/false-positive", null).status()).isEqualTo(200);
		assertThat(only(lookup(api(token(reporterA, ApiScope.INTEL_READ)), "ipv4", ip), id(wrong)).get("object").get("active")
			.asBoolean()).isTrue();
	}

	@Test
	void sightingsAreCountedPerReaderAndShownOnTheObjectPage() {
		var ip = "100.66." + random.nextInt(256) + "." + random.nextInt(256);
		var indicator = indicator("[ipv4-addr:value = '" + ip + "']", null);
		post(shared, indicator);
		post(shared, sighting(id(indicator), 5));
		post(hubOnly, sighting(id(indicator), 100));

		var hubApi = api(hubToken);
		var created = hubApi.post("/api/v1/intel/sightings", "{\"indicator\":\"" + id(indicator) + "\",\"count\":3,"
				+ "\"firstSeen\":\"2026-11-01T00:00:00Z\",\"lastSeen\":\"2026-11-02T00:00:00Z\"}");
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		var sighting = json.readTree(created.body());
		assertThat(sighting.get("collectionId").asString()).isEqualTo(shared.id().toString());
		var stored = jdbc.sql("select content::text from intel_object where stix_id = :id").param("id", sighting.get("id").asString())
			.query(String.class).single();
		var content = json.readTree(stored);
		assertThat(content.get("where_sighted_refs").get(0).asString()).startsWith("identity--");
		assertThat(content.get("count").asInt()).isEqualTo(3);

		// The operator reads the shared collection only: 5 + 3. The hub reads both: 108.
		var operatorView = only(lookup(api(token(reporterA, ApiScope.INTEL_READ)), "ipv4", ip), id(indicator)).get("object");
		assertThat(operatorView.get("sightings").get("count").asLong()).isEqualTo(8);
		assertThat(only(lookup(hubApi, "ipv4", ip), id(indicator)).get("object").get("sightings").get("count").asLong()).isEqualTo(108);
		var page = signedIn(reporterA).get("/intel/objects/" + shared.id() + "/" + id(indicator));
		assertThat(page.status()).isEqualTo(200);
		assertThat(page.body()).contains("8 sightings").contains("&quot;pattern_type&quot; : &quot;stix&quot;");
		var ja = signedIn(reporterA, "ja").get("/intel/objects/" + shared.id() + "/" + id(indicator));
		assertThat(ja.body()).contains("観測 8 回");

		// Bad input names the field; nothing is stored.
		long before = jdbc.sql("select count(*) from intel_object where stix_type = 'sighting'").query(Long.class).single();
		assertField(hubApi.post("/api/v1/intel/sightings", "{\"indicator\":\"" + id(indicator) + "\",\"count\":0}"), 400, "count");
		assertField(hubApi.post("/api/v1/intel/sightings", "{\"count\":1}"), 400, "indicator");
		assertField(hubApi.post("/api/v1/intel/sightings", "{\"indicator\":\"<script>alert(1)</script>\"}"), 400, "indicator");
		assertField(hubApi.post("/api/v1/intel/sightings", "{\"indicator\":\"indicator--" + UUID.randomUUID() + "\"}"), 404, "indicator");
		assertField(hubApi.post("/api/v1/intel/sightings", "{\"indicator\":\"" + id(indicator) + "\",\"firstSeen\":\"yesterday\"}"), 400, "firstSeen");
		assertField(hubApi.post("/api/v1/intel/sightings", "{\"indicator\":\"" + id(indicator) + "\",\"count\":\"many\"}"), 400, "count");
		assertField(hubApi.post("/api/v1/intel/sightings", "{\"indicator\":\"" + id(indicator) + "\",\"collection\":\""
				+ UUID.randomUUID() + "\"}"), 404, "collection");
		assertThat(jdbc.sql("select count(*) from intel_object where stix_type = 'sighting'").query(Long.class).single()).isEqualTo(before);
		// Only analysts and coordinators with intel:write record sightings.
		assertThat(api(token(reporterA, ApiScope.INTEL_READ)).post("/api/v1/intel/sightings",
				"{\"indicator\":\"" + id(indicator) + "\"}").status()).isEqualTo(403);
		// An operator analyst sees the indicator but may write nowhere.
		assertField(api(token(operatorAnalyst, ApiScope.INTEL_READ, ApiScope.INTEL_WRITE)).post("/api/v1/intel/sightings",
				"{\"indicator\":\"" + id(indicator) + "\"}"), 422, "collection");
	}

	@Test
	void objectPagesAreForReadersOfTheCollectionOnly() {
		var secret = indicator("[ipv4-addr:value = '100.67.0." + random.nextInt(256) + "']", null);
		post(hubOnly, secret);
		assertThat(signedIn(reporterA).get("/intel/objects/" + hubOnly.id() + "/" + id(secret)).status()).isEqualTo(404);
		assertThat(signedIn(reporterA).get("/intel/objects/not-a-uuid/" + id(secret)).status()).isEqualTo(404);
		var page = signedIn(hubAnalyst).get("/intel/objects/" + hubOnly.id() + "/" + id(secret));
		assertThat(page.status()).isEqualTo(200);
		assertThat(page.body()).contains(id(secret)).contains("<pre class=\"stix-json\"");
	}

	// ---- hostile and malformed input

	@Test
	void badLookupsNameTheFieldAndCredentialsAreChecked() {
		var client = api(token(reporterA, ApiScope.INTEL_READ));
		assertField(client.get("/api/v1/intel/observables?value=1.2.3.4"), 400, "type");
		assertField(client.get("/api/v1/intel/observables?type=ssdeep&value=1.2.3.4"), 400, "type");
		assertField(client.get("/api/v1/intel/observables?type=ipv4"), 400, "value");
		for (var hostile : List.of("<script>alert(1)</script>", "' OR 1=1 --", "1.2.3.4; drop table report", "256.1.1.1",
				"1.2.3.4/33", "01.2.3.4", "x".repeat(5000))) {
			assertField(client.get("/api/v1/intel/observables?type=ipv4&value=" + URLEncoder.encode(hostile, StandardCharsets.UTF_8)),
					400, "value");
		}
		assertField(client.get("/api/v1/intel/observables?type=domain&value=" + URLEncoder.encode("evil.com'--", StandardCharsets.UTF_8)), 400, "value");
		assertField(client.get("/api/v1/intel/observables?type=sha256&value=abc"), 400, "value");
		assertField(client.get("/api/v1/intel/observables?type=ipv4&value=1.2.3.4&limit=0"), 400, "limit");
		assertField(client.get("/api/v1/intel/observables?type=ipv4&value=1.2.3.4&limit=abc"), 400, "limit");
		assertField(api(token(reporterA, ApiScope.REPORTS_READ)).get("/api/v1/reports/not-an-id/correlations"), 400, "id");
		assertThat(api(null).get("/api/v1/intel/observables?type=ipv4&value=1.2.3.4").status()).isEqualTo(401);
		assertThat(api(token(reporterA, ApiScope.REPORTS_READ)).get("/api/v1/intel/observables?type=ipv4&value=1.2.3.4").status())
			.isEqualTo(403);
		assertThat(api(token(reporterA, ApiScope.INTEL_READ)).get("/api/v1/reports/" + UUID.randomUUID() + "/correlations").status())
			.isEqualTo(403);
	}

	// ---- helpers

	private Report submit(UserAccount reporter, String title, Observable... observables) {
		var report = reports.submitted(reporter, ReportKind.INCIDENT, title + " " + UUID.randomUUID(), Instant.now().minusSeconds(3600),
				observables);
		await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.sql("select count(*) from intel_observable where report_id = :id")
			.param("id", report.id()).query(Integer.class).single() == observables.length);
		return report;
	}

	private String token(UserAccount user, ApiScope... scopes) {
		var set = EnumSet.noneOf(ApiScope.class);
		set.addAll(List.of(scopes));
		return tokens.create(user.principal(), "test", set, 1).clearToken();
	}

	private WebClient signedIn(UserAccount user) {
		return signedIn(user, "en");
	}

	private WebClient signedIn(UserAccount user, String language) {
		var client = browser().language(language);
		fixtures.signInWithSecondFactor(client, user);
		return client;
	}

	private void post(IntelCollection collection, String... objects) {
		var body = "{\"objects\":[" + String.join(",", objects) + "]}";
		var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/taxii2/intel/collections/" + collection.id() + "/objects/"))
			.header("Accept", TAXII)
			.header("Content-Type", TAXII)
			.header("Authorization", "Bearer " + hubToken)
			.POST(HttpRequest.BodyPublishers.ofString(body));
		try {
			var response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
			assertThat(json.readTree(response.body()).get("failure_count").asInt()).as(response.body()).isZero();
		} catch (IOException e) {
			throw new IllegalStateException(e);
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
	}

	private int taxiiDelete(IntelCollection collection, String objectPath) {
		var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/taxii2/intel/collections/" + collection.id()
				+ "/objects/" + objectPath))
			.header("Accept", TAXII)
			.header("Authorization", "Bearer " + hubToken)
			.DELETE();
		try {
			return HTTP.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
		} catch (IOException e) {
			throw new IllegalStateException(e);
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
	}

	private String indicator(String pattern, String validUntil) {
		var node = json.createObjectNode();
		node.put("type", "indicator").put("spec_version", "2.1").put("id", "indicator--" + UUID.randomUUID())
			.put("created", "2026-01-01T00:00:00.000Z").put("modified", "2026-01-01T00:00:00.000Z").put("name", "test")
			.put("pattern", pattern).put("pattern_type", "stix").put("valid_from", "2026-01-01T00:00:00Z");
		if (validUntil != null) {
			node.put("valid_until", validUntil);
		}
		return node.toString();
	}

	private String sco(String type, String value) {
		var node = json.createObjectNode();
		node.put("type", type).put("spec_version", "2.1").put("id", type + "--" + UUID.randomUUID()).put("value", value);
		return node.toString();
	}

	private String sighting(String indicatorId, int count) {
		var node = json.createObjectNode();
		node.put("type", "sighting").put("spec_version", "2.1").put("id", "sighting--" + UUID.randomUUID())
			.put("created", "2026-11-20T00:00:00.000Z").put("modified", "2026-11-20T00:00:00.000Z")
			.put("sighting_of_ref", indicatorId).put("count", count);
		return node.toString();
	}

	private String id(String object) {
		return json.readTree(object).get("id").asString();
	}

	private JsonNode lookup(ApiClient client, String type, String value) {
		return lookup(client, type, value, 100);
	}

	private JsonNode lookup(ApiClient client, String type, String value, int limit) {
		return ok(client.get("/api/v1/intel/observables?type=" + type + "&value=" + URLEncoder.encode(value, StandardCharsets.UTF_8)
				+ "&limit=" + limit));
	}

	private JsonNode ok(ApiClient.Response response) {
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		return json.readTree(response.body());
	}

	private static List<JsonNode> hits(JsonNode body, String stixId) {
		var found = new ArrayList<JsonNode>();
		for (var occurrence : body.get("occurrences")) {
			if (occurrence.has("object") && occurrence.get("object").get("stixId").asString().equals(stixId)) {
				found.add(occurrence);
			}
		}
		return found;
	}

	private static JsonNode only(JsonNode body, String stixId) {
		var found = hits(body, stixId);
		assertThat(found).as(body.toString()).hasSize(1);
		return found.get(0);
	}

	private void assertField(ApiClient.Response response, int status, String field) {
		assertThat(response.status()).as(response.body()).isEqualTo(status);
		assertThat(response.contentType()).startsWith("application/problem+json");
		assertThat(json.readTree(response.body()).get("errors").toString()).as(response.body()).contains("\"field\":\"" + field + "\"");
	}

	private String randomHex(int length) {
		var text = new StringBuilder();
		for (int i = 0; i < length; i++) {
			text.append(Character.forDigit(random.nextInt(16), 16));
		}
		return text.toString();
	}

	private static String nextNet(String net) {
		var parts = net.split("\\.");
		return parts[0] + "." + parts[1] + "." + ((Integer.parseInt(parts[2]) + 1) % 256);
	}

	private static int mask(int prefix) {
		return prefix == 0 ? 0 : -1 << (32 - prefix);
	}

	private static long ipv4(String dotted) {
		long value = 0;
		for (var part : dotted.split("\\.")) {
			value = (value << 8) | Integer.parseInt(part);
		}
		return value;
	}

	private static String dotted(int value) {
		return ((value >>> 24) & 0xff) + "." + ((value >>> 16) & 0xff) + "." + ((value >>> 8) & 0xff) + "." + (value & 0xff);
	}

	/** The reference: the address's first prefix bits equal the network's. */
	private static boolean contains(String network, int address) {
		int prefix = Integer.parseInt(network.substring(network.indexOf('/') + 1));
		int base = (int) ipv4(network.substring(0, network.indexOf('/')));
		return (address & mask(prefix)) == (base & mask(prefix));
	}
}
