package org.kakehashi.intel.importing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
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
import org.kakehashi.identity.internal.UserAccount;
import org.kakehashi.intel.stix.SpecStixValidator;
import org.kakehashi.intel.stix.pattern.StixPattern;
import org.kakehashi.intel.store.CollectionAdministration;
import org.kakehashi.intel.store.Grant;
import org.kakehashi.intel.store.IntelCollection;
import org.kakehashi.reporting.Observable;
import org.kakehashi.reporting.ObservableType;
import org.kakehashi.reporting.ReportKind;
import org.kakehashi.support.Fixtures;
import org.kakehashi.support.IntegrationTest;
import org.kakehashi.support.ReportFixtures;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A small MISP event written here, imported over HTTP; and a report's observables exported as a bundle. */
class MispImportTests extends IntegrationTest {

	static final JsonMapper JSON = JsonMapper.builder().build();
	static final String EVENT = """
			{"Event": {
			  "uuid": "5758ebf5-c898-48e6-9fe9-5665c0a83866", "info": "Phishing wave against water utilities",
			  "timestamp": "1735689600", "publish_timestamp": "1735693200", "distribution": "3",
			  "Orgc": {"name": "Sector CSIRT", "uuid": "57586e9a-4a64-4f79-9009-4dc1c0a83866"},
			  "Tag": [{"name": "tlp:amber"}, {"name": "phishing"}],
			  "Attribute": [
			    {"uuid": "575c8598-f1f0-4c16-a94a-0612c0a83801", "type": "ip-dst", "category": "Network activity",
			     "value": "198.51.100.7", "to_ids": true, "timestamp": "1735689000", "distribution": "5"},
			    {"uuid": "575c8598-f1f0-4c16-a94a-0612c0a83802", "type": "domain", "category": "Network activity",
			     "value": "login-water.example", "to_ids": false, "timestamp": "1735689000"},
			    {"uuid": "575c8598-f1f0-4c16-a94a-0612c0a83803", "type": "url", "value": "http://x.example/a'b", "to_ids": true,
			     "Tag": [{"name": "tlp:red"}]},
			    {"uuid": "575c8598-f1f0-4c16-a94a-0612c0a83804", "type": "text", "value": "free text", "to_ids": false},
			    {"uuid": "575c8598-f1f0-4c16-a94a-0612c0a83805", "type": "ip-src", "value": "203.0.113.9", "to_ids": true,
			     "distribution": "0"},
			    {"uuid": "575c8598-f1f0-4c16-a94a-0612c0a83806", "type": "link", "value": "https://blog.example/post"}
			  ],
			  "Object": [
			    {"uuid": "5a3cd5b6-9568-4342-b2ab-4c62950d2101", "name": "file", "timestamp": "1735689000", "Attribute": [
			      {"object_relation": "filename", "type": "filename", "value": "invoice.doc", "to_ids": true},
			      {"object_relation": "sha256", "type": "sha256", "to_ids": true,
			       "value": "b3c4ae251f8094fa15b510051835c657eaef2a6cea46075d3aec964b14a99f68"}]}
			  ]
			}}""";

	@Autowired Fixtures fixtures;
	@Autowired ApiTokens tokens;
	@Autowired CollectionAdministration administration;
	@Autowired ImportJob job;
	@Autowired JdbcClient jdbc;
	@Autowired SpecStixValidator validator;
	@Autowired ReportFixtures reports;

	UserAccount analyst;
	String token;

	@BeforeEach
	void setUp() {
		var org = fixtures.organisation(OrganisationType.INFORMATION_HUB);
		analyst = fixtures.user(org, Role.ANALYST);
		token = tokens.create(analyst.principal(), "misp", EnumSet.of(ApiScope.INTEL_READ, ApiScope.INTEL_WRITE,
				ApiScope.REPORTS_READ), 1).clearToken();
	}

	IntelCollection collection(boolean readableByAll) {
		var admin = fixtures.user(fixtures.organisation(OrganisationType.NATIONAL_CENTRE), Role.PLATFORM_ADMIN);
		return administration.create(admin.principal(), "MISP " + UUID.randomUUID(), null, null,
				new CollectionAdministration.Access(readableByAll, false,
						List.of(new Grant(analyst.organisationId(), null, null, true, true))));
	}

	JsonNode importMisp(IntelCollection collection) {
		var response = api(token).upload("/api/v1/intel/imports?format=misp&collection=" + collection.id(), "event.json",
				EVENT.getBytes(StandardCharsets.UTF_8));
		assertThat(response.status()).as(response.body()).isEqualTo(202);
		var id = JSON.readTree(response.body()).get("id").asString();
		job.runPending();
		return JSON.readTree(api(token).get("/api/v1/intel/imports/" + id).body());
	}

	List<JsonNode> objects(IntelCollection collection) {
		var bundle = JSON.readTree(api(token).get("/api/v1/intel/collections/" + collection.id() + "/bundle").body());
		assertThat(validator.validateBundle(bundle)).isEmpty();
		var list = new ArrayList<JsonNode>();
		bundle.get("objects").forEach(list::add);
		return list;
	}

	@Test
	void anEventBecomesAReportWithIndicatorsObservablesAndTlpMarkings() {
		var collection = collection(false);
		var done = importMisp(collection);
		assertThat(done.get("status").asString()).isEqualTo("completed");
		var objects = objects(collection);
		var report = objects.stream().filter(o -> o.get("type").asString().equals("report")).findFirst().orElseThrow();
		assertThat(report.get("name").asString()).isEqualTo("Phishing wave against water utilities");
		assertThat(report.get("object_marking_refs").get(0).asString()).isEqualTo(Tlp2.AMBER.id());
		assertThat(report.get("labels").toString()).contains("phishing").doesNotContain("tlp");
		assertThat(report.get("external_references").toString()).contains("https://blog.example/post");
		var indicators = objects.stream().filter(o -> o.get("type").asString().equals("indicator")).toList();
		// ip-dst, url, the distribution-0 ip-src (the collection is only the uploader's organisation's), the file object
		assertThat(indicators).hasSize(4);
		indicators.forEach(i -> StixPattern.parse(i.get("pattern").asString()));
		assertThat(indicators.stream().map(i -> i.get("pattern").asString()))
			.contains("[ipv4-addr:value = '198.51.100.7']", "[url:value = 'http://x.example/a\\'b']",
					"[file:hashes.'SHA-256' = 'b3c4ae251f8094fa15b510051835c657eaef2a6cea46075d3aec964b14a99f68' AND file:name = 'invoice.doc']");
		var url = indicators.stream().filter(i -> i.get("pattern").asString().startsWith("[url")).findFirst().orElseThrow();
		assertThat(url.get("object_marking_refs").get(0).asString()).isEqualTo(Tlp2.RED.id());
		assertThat(objects.stream().filter(o -> o.get("type").asString().equals("marking-definition")).map(o -> o.get("id").asString()))
			.containsExactlyInAnyOrder(Tlp2.AMBER.id(), Tlp2.RED.id());
		assertThat(objects.stream().filter(o -> o.get("type").asString().equals("domain-name"))).hasSize(1);
		assertThat(objects.stream().filter(o -> o.get("type").asString().equals("observed-data"))).hasSize(1);
		for (var ref : report.get("object_refs")) {
			assertThat(objects.stream().map(o -> o.get("id").asString())).contains(ref.asString());
		}
		// The free-text attribute is reported, not imported.
		assertThat(done.get("rejected").asLong()).isEqualTo(1);
		assertThat(api(token).get("/api/v1/intel/imports/" + done.get("id").asString() + "/errors").body())
			.contains("575c8598-f1f0-4c16-a94a-0612c0a83804").contains("'text'");

		// The same event again: same ids, same versions, nothing new.
		var again = importMisp(collection);
		assertThat(again.get("objectsStored").asLong()).isZero();
		assertThat(again.get("duplicates").asLong()).isEqualTo(done.get("objectsStored").asLong());
	}

	@Test
	void organisationOnlyAttributesStayOutOfCollectionsOthersRead() {
		var shared = collection(true);
		var done = importMisp(shared);
		assertThat(done.get("status").asString()).isEqualTo("completed");
		assertThat(objects(shared).stream().map(o -> o.path("pattern").asString(""))).noneMatch(p -> p.contains("203.0.113.9"));
		assertThat(api(token).get("/api/v1/intel/imports/" + done.get("id").asString() + "/errors").body())
			.contains("575c8598-f1f0-4c16-a94a-0612c0a83805").contains("distribution 0");
	}

	@Test
	void aReportsObservablesExportAsAValidBundle() {
		var reporter = fixtures.user(fixtures.organisation(OrganisationType.OPERATOR, "ELECTRICITY"), Role.REPORTER);
		var report = reports.submitted(reporter, ReportKind.INCIDENT, "Export " + UUID.randomUUID(), Instant.now().minusSeconds(600),
				new Observable(ObservableType.IPV4, "192.0.2.10"), new Observable(ObservableType.DOMAIN, "evil.example"),
				new Observable(ObservableType.SHA256, "b3c4ae251f8094fa15b510051835c657eaef2a6cea46075d3aec964b14a99f68"),
				new Observable(ObservableType.URL, "http://evil.example/x?a='1'"));
		var reporterToken = tokens.create(reporter.principal(), "r", EnumSet.of(ApiScope.REPORTS_READ), 1).clearToken();
		var response = api(reporterToken).get("/api/v1/intel/reports/" + report.id() + "/bundle");
		assertThat(response.status()).isEqualTo(200);
		var bundle = JSON.readTree(response.body());
		assertThat(validator.validateBundle(bundle)).isEmpty();
		var types = new ArrayList<String>();
		bundle.get("objects").forEach(o -> types.add(o.get("type").asString()));
		assertThat(types).containsOnly("ipv4-addr", "domain-name", "file", "url", "indicator", "grouping");
		assertThat(types.stream().filter("indicator"::equals)).hasSize(4);
		// Someone who may not see the report gets 404, as for a report that does not exist.
		assertThat(api(token).get("/api/v1/intel/reports/" + report.id() + "/bundle").status()).isEqualTo(404);
		assertThat(api(reporterToken).get("/api/v1/intel/reports/" + UUID.randomUUID() + "/bundle").status()).isEqualTo(404);
		var intelOnly = tokens.create(analyst.principal(), "i", EnumSet.of(ApiScope.INTEL_READ), 1).clearToken();
		assertThat(api(intelOnly).get("/api/v1/intel/reports/" + report.id() + "/bundle").status()).isEqualTo(403);
	}

	@Test
	void aSearchResultsObservablesExportAsOneValidBundleOfWhatTheCallerMaySee() {
		var organisation = fixtures.organisation(OrganisationType.OPERATOR, "WATER");
		var reporter = fixtures.user(organisation, Role.REPORTER);
		var marker = "Search export " + UUID.randomUUID().toString().substring(0, 8);
		var first = reports.submitted(reporter, ReportKind.INCIDENT, marker + " A", Instant.now().minusSeconds(600),
				new Observable(ObservableType.IPV4, "192.0.2.44"));
		var second = reports.submitted(reporter, ReportKind.FAILURE, marker + " B", Instant.now().minusSeconds(600),
				new Observable(ObservableType.DOMAIN, "second.example"), new Observable(ObservableType.MD5,
						"d41d8cd98f00b204e9800998ecf8427e"));
		var other = fixtures.user(fixtures.organisation(OrganisationType.OPERATOR, "WATER"), Role.REPORTER);
		reports.submitted(other, ReportKind.INCIDENT, marker + " C", Instant.now().minusSeconds(600),
				new Observable(ObservableType.IPV4, "198.51.100.77"));
		var token = tokens.create(reporter.principal(), "r", EnumSet.of(ApiScope.REPORTS_READ), 1).clearToken();
		var response = api(token).get("/api/v1/reports/bundle?q=" + java.net.URLEncoder.encode(marker,
				java.nio.charset.StandardCharsets.UTF_8));
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		assertThat(response.contentType()).startsWith("application/stix+json");
		var bundle = JSON.readTree(response.body());
		assertThat(validator.validateBundle(bundle)).isEmpty();
		var groupings = new ArrayList<String>();
		bundle.get("objects").forEach(o -> {
			if (o.get("type").asString().equals("grouping")) {
				groupings.add(o.get("name").asString());
			}
		});
		assertThat(groupings).containsExactlyInAnyOrder("Observables of " + first.number(),
				"Observables of " + second.number());
		// The other operator's report matches the text but is not the caller's to see.
		assertThat(response.body()).contains("192.0.2.44", "second.example").doesNotContain("198.51.100.77");
	}
}
