package org.kakehashi.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.kakehashi.identity.ApiScope;
import org.kakehashi.identity.OrganisationType;
import org.kakehashi.identity.Role;
import org.kakehashi.identity.internal.ApiTokens;
import org.kakehashi.intel.importing.ImportJob;
import org.kakehashi.intel.stix.SpecStixValidator;
import org.kakehashi.intel.stix.pattern.StixPattern;
import org.kakehashi.intel.store.CollectionAdministration;
import org.kakehashi.intel.store.Grant;
import org.kakehashi.support.Fixtures;
import org.kakehashi.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Real MISP events (PyMISP's and misp-stix's test inputs, read from ../shared/testdata) imported over HTTP: each
 * completes, every event becomes a report or grouping whose references are all stored, every indicator's pattern
 * parses, the exported collection validates as a STIX 2.1 bundle, and importing the same file again stores nothing.
 */
class MispImportConformanceTests extends IntegrationTest {

	static final JsonMapper JSON = JsonMapper.builder().build();
	static final List<String> EVENTS = List.of(
			"misp/pymisp/tests/57c4445b-c548-4654-af0b-4be3950d210f.json",
			"misp/pymisp/tests/misp_event.json",
			"misp/pymisp/tests/mispevent_testfiles/existing_event.json",
			"misp/pymisp/tests/mispevent_testfiles/shadow.json",
			"misp/pymisp/tests/reportlab_testfiles/sighting_1.json",
			"misp/misp-stix/tests/test_events_collection_1.json",
			"misp/misp-stix/tests/test_events_collection_2.json",
			"misp/misp-stix/tests/test_attributes_collection_1.json",
			"misp/misp-stix/tests/test_attributes_collection_2.json",
			"misp/misp-stix/tests/test_objects_collection_1.json",
			"misp/misp-stix/tests/test_objects_collection_2.json");

	@Autowired Fixtures fixtures;
	@Autowired ApiTokens tokens;
	@Autowired CollectionAdministration administration;
	@Autowired ImportJob job;
	@Autowired SpecStixValidator validator;

	@Test
	void mispEventsFromTestdataImport() throws Exception {
		var org = fixtures.organisation(OrganisationType.INFORMATION_HUB);
		var analyst = fixtures.user(org, Role.ANALYST);
		var token = tokens.create(analyst.principal(), "misp", EnumSet.of(ApiScope.INTEL_READ, ApiScope.INTEL_WRITE), 1).clearToken();
		var admin = fixtures.user(fixtures.organisation(OrganisationType.NATIONAL_CENTRE), Role.PLATFORM_ADMIN);
		for (var path : EVENTS) {
			// Readable by the uploader's organisation only, so events marked "your organisation only" may go in too.
			var collection = administration.create(admin.principal(), "MISP " + UUID.randomUUID(), null, null,
					new CollectionAdministration.Access(false, false, List.of(new Grant(org.id(), null, null, true, true))));
			var content = Files.readAllBytes(TestdataTests.testdata().resolve(path));
			var first = run(token, collection.id(), content, path);
			assertThat(first.get("status").asString()).as(path + ": " + first).isEqualTo("completed");
			assertThat(first.get("objectsStored").asLong()).as(path).isPositive();

			var bundle = JSON.readTree(api(token).get("/api/v1/intel/collections/" + collection.id() + "/bundle").body());
			assertThat(validator.validateBundle(bundle)).as(path).isEmpty();
			var ids = new java.util.HashSet<String>();
			bundle.get("objects").forEach(o -> ids.add(o.get("id").asString()));
			int containers = 0;
			for (var object : bundle.get("objects")) {
				var type = object.get("type").asString();
				if (type.equals("report") || type.equals("grouping")) {
					containers++;
					object.get("object_refs").forEach(ref -> assertThat(ids).as(path).contains(ref.asString()));
				}
				if (type.equals("indicator")) {
					StixPattern.parse(object.get("pattern").asString());
				}
			}
			if (!path.contains("_attributes_") && !path.contains("_objects_")) {
				assertThat(containers).as(path + ": one report or grouping per event").isPositive();
			}
			var errors = JSON.readTree(api(token).get("/api/v1/intel/imports/" + first.get("id").asString() + "/errors").body());
			errors.forEach(e -> assertThat(e.get("message").asString()).as(path).isNotBlank());

			var again = run(token, collection.id(), content, path);
			assertThat(again.get("objectsStored").asLong()).as(path + " imported twice").isZero();
			assertThat(again.get("duplicates").asLong()).as(path).isEqualTo(first.get("objectsStored").asLong());
			System.out.printf("MISP import %s: stored %d, not imported %d%n", path, first.get("objectsStored").asLong(),
					first.get("rejected").asLong());
		}
	}

	private JsonNode run(String token, UUID collection, byte[] content, String path) {
		var response = api(token).upload("/api/v1/intel/imports?format=misp&collection=" + collection, "event.json", content);
		assertThat(response.status()).as(path + ": " + response.body()).isEqualTo(202);
		var id = JSON.readTree(response.body()).get("id").asString();
		job.runPending();
		return JSON.readTree(api(token).get("/api/v1/intel/imports/" + id).body());
	}
}
