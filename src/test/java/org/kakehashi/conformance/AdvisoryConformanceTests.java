package org.kakehashi.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.kakehashi.vulns.advisory.AdvisoryTlp;
import org.kakehashi.vulns.advisory.CsafWriter;
import org.kakehashi.vulns.advisory.CveRecordWriter;
import org.kakehashi.vulns.advisory.SampleAdvisories;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The CSAF 2.0 and CVE JSON 5 writers against the official schemas in ../shared/testdata (csaf/json_schema with the
 * FIRST CVSS schemas it references, and the bundled CVE Record Format 5.1.1), with format assertions on. The
 * validator set-up is itself checked: it must accept the upstream examples and reject known-bad documents.
 */
class AdvisoryConformanceTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();
	private static final String CSAF_ID = "https://docs.oasis-open.org/csaf/csaf/v2.0/csaf_json_schema.json";
	private static final String CVE_ID = "https://cveproject.github.io/cve-schema/schema/CVE_Record_Format.json";

	private final CsafWriter csaf = new CsafWriter("0.1.0", Clock.fixed(Instant.parse("2026-05-12T03:00:05Z"), ZoneOffset.UTC));
	private final CveRecordWriter cve = new CveRecordWriter(SampleAdvisories.CNA);

	@Test
	void generatedCsafDocumentsAreSchemaValid() {
		var schema = csafSchema();
		for (var tlp : AdvisoryTlp.values()) {
			var document = JSON.readTree(csaf.write(SampleAdvisories.multiVendor(tlp)));
			assertThat(errors(schema, document)).as("CSAF document with " + tlp).isEmpty();
		}
		var first = JSON.readTree(csaf.write(SampleAdvisories.multiVendor()));
		var republished = csaf.republish(first, SampleAdvisories.multiVendor(), Instant.parse("2026-06-01T00:00:00Z"), "Updated");
		assertThat(errors(schema, JSON.readTree(csaf.write(republished)))).as("re-published document").isEmpty();
	}

	@Test
	void theCsafValidatorAcceptsTheUpstreamExamplesAndRejectsBrokenDocuments() {
		var schema = csafSchema();
		var examples = files(TestdataTests.testdata().resolve("csaf/examples/csaf"));
		assertThat(examples).hasSize(19);
		for (var example : examples) {
			assertThat(errors(schema, read(example))).as(example.getFileName().toString()).isEmpty();
		}
		var clear = (ObjectNode) JSON.readTree(csaf.write(SampleAdvisories.multiVendor()));
		((ObjectNode) clear.at("/document/distribution/tlp")).put("label", "CLEAR");
		assertThat(errors(schema, clear)).as("TLP 2.0 CLEAR is not a CSAF 2.0 label").isNotEmpty();
		var badCvss = (ObjectNode) JSON.readTree(csaf.write(SampleAdvisories.multiVendor()));
		((ObjectNode) badCvss.at("/vulnerabilities/0/scores/0/cvss_v3")).put("baseSeverity", "critical");
		assertThat(errors(schema, badCvss)).as("the referenced CVSS 3.1 schema is applied").isNotEmpty();
		var badDate = (ObjectNode) JSON.readTree(csaf.write(SampleAdvisories.multiVendor()));
		((ObjectNode) badDate.at("/document/tracking")).put("current_release_date", "2026-05-12 12:00");
		assertThat(errors(schema, badDate)).as("date-time formats are asserted").isNotEmpty();
		var noTracking = (ObjectNode) JSON.readTree(csaf.write(SampleAdvisories.multiVendor()));
		((ObjectNode) noTracking.get("document")).remove("tracking");
		assertThat(errors(schema, noTracking)).isNotEmpty();
	}

	/** Structure, not just validity: we write no field the upstream examples never use, and tracking as BSI does. */
	@Test
	void generatedCsafUsesTheFieldsOfTheUpstreamExamples() {
		var upstream = new TreeSet<String>();
		files(TestdataTests.testdata().resolve("csaf/examples/csaf")).forEach(file -> paths(read(file), "", upstream));
		var ours = new TreeSet<String>();
		paths(JSON.readTree(csaf.write(SampleAdvisories.multiVendor())), "", ours);
		ours.removeAll(upstream);
		assertThat(ours).as("fields no upstream example has").isEmpty();

		var bsi = read(TestdataTests.testdata().resolve("csaf/examples/csaf/bsi-2022-0001.json"));
		var document = JSON.readTree(csaf.write(SampleAdvisories.multiVendor()));
		assertThat(names(document.at("/document/tracking"))).isEqualTo(names(bsi.at("/document/tracking")));
		assertThat(names(document.at("/document/tracking/revision_history/0")))
				.isEqualTo(names(bsi.at("/document/tracking/revision_history/0")));
		assertThat(names(document.at("/document/publisher"))).isEqualTo(names(bsi.at("/document/publisher")));
		assertThat(names(document.at("/product_tree/branches/0/branches/0/branches/0")))
				.isEqualTo(names(bsi.at("/product_tree/branches/0/branches/0/branches/0")));
		assertThat(names(document.at("/vulnerabilities/0/cwe"))).isEqualTo(names(bsi.at("/vulnerabilities/0/cwe")));
		assertThat(names(document.at("/vulnerabilities/0/acknowledgments/0")))
				.isEqualTo(names(bsi.at("/vulnerabilities/0/acknowledgments/0")));
	}

	/** CSAF 2.0 §5.1 file names, checked against the TC's file-name test data. */
	@Test
	void fileNamesFollowTheTcTestData() {
		var data = TestdataTests.testdata().resolve("csaf/test/filenames/data");
		var valid = files(data.resolve("valid"));
		assertThat(valid).hasSize(3);
		for (var file : valid) {
			var id = read(file).at("/document/tracking/id").asString();
			assertThat(CsafWriter.fileName(id)).as(id).isEqualTo(file.getFileName().toString());
		}
		var invalid = files(data.resolve("invalid"));
		assertThat(invalid).hasSize(3);
		for (var file : invalid) {
			var id = read(file).at("/document/tracking/id").asString();
			assertThat(CsafWriter.fileName(id)).as(id).isNotEqualTo(file.getFileName().toString());
		}
	}

	@Test
	void generatedCveRecordsAreSchemaValid() {
		var schema = cveSchema();
		var advisory = SampleAdvisories.multiVendor();
		var records = cve.records(advisory);
		assertThat(records).isNotEmpty();
		for (var record : records) {
			var reread = JSON.readTree(cve.write(advisory, advisory.vulnerabilities().get(0)));
			assertThat(errors(schema, record)).as(record.at("/cveMetadata/cveId").asString()).isEmpty();
			assertThat(errors(schema, reread)).isEmpty();
		}
	}

	@Test
	void theCveValidatorAcceptsTheUpstreamExamplesAndRejectsTheFailingFixtures() {
		var schema = cveSchema();
		var cvelib = TestdataTests.testdata().resolve("cve/cvelib/tests/data");
		for (var valid : List.of("CVEv5_basic-example.json", "CVEv5_advanced-example.json")) {
			assertThat(errors(schema, read(cvelib.resolve(valid)))).as(valid).isEmpty();
		}
		var services = TestdataTests.testdata().resolve("cve/cve-services/test/schemas/5.0");
		assertThat(errors(schema, read(services.resolve("CVE-2017-4024_published.json")))).isEmpty();
		for (var invalid : List.of("CVE-2017-4024_fail.json", "CVE-2017-4024_fail_cveMetadata.json",
				"CVE-2017-4024_published_fail.json", "CVE-2017-4024_published_bad_datePublic.json",
				"CVE-2017-4024_rejected_fail.json", "CVE-2017-4024_reserved_fail.json", "CVE-2017-4024_version_fail.json")) {
			assertThat(errors(schema, read(services.resolve(invalid)))).as(invalid).isNotEmpty();
		}
		var noEnglish = (ObjectNode) cve.records(SampleAdvisories.multiVendor()).get(0).deepCopy();
		((tools.jackson.databind.node.ArrayNode) noEnglish.at("/containers/cna/descriptions")).remove(0);
		assertThat(errors(schema, noEnglish)).as("an English description is required").isNotEmpty();
	}

	/** The provider-metadata schema, with the CSAF schema its publisher refers to. */
	static Schema providerSchema() {
		var folder = TestdataTests.testdata().resolve("csaf");
		var schemas = new LinkedHashMap<String, String>();
		schemas.put(CSAF_ID, text(folder.resolve("json_schema/csaf_json_schema.json")));
		var provider = "https://docs.oasis-open.org/csaf/csaf/v2.0/provider_json_schema.json";
		schemas.put(provider, text(folder.resolve("json_schema/provider_json_schema.json")));
		return registry(SpecificationVersion.DRAFT_2020_12, schemas).getSchema(SchemaLocation.of(provider));
	}

	static Schema csafSchema() {
		var folder = TestdataTests.testdata().resolve("csaf");
		var schemas = new LinkedHashMap<String, String>();
		schemas.put(CSAF_ID, text(folder.resolve("json_schema/csaf_json_schema.json")));
		var first = folder.resolve("referenced_schema/first");
		schemas.put("https://www.first.org/cvss/cvss-v2.0.json", text(first.resolve("cvss-v2.0.json")));
		schemas.put("https://www.first.org/cvss/cvss-v3.0.json", text(first.resolve("cvss-v3.0.json")));
		schemas.put("https://www.first.org/cvss/cvss-v3.1.json", text(first.resolve("cvss-v3.1.json")));
		// The 3.1 schema's own $id carries a date query; its internal $refs resolve against that.
		schemas.put("https://www.first.org/cvss/cvss-v3.1.json?20211103", text(first.resolve("cvss-v3.1.json")));
		return registry(SpecificationVersion.DRAFT_2020_12, schemas).getSchema(SchemaLocation.of(CSAF_ID));
	}

	static Schema cveSchema() {
		var bundled = TestdataTests.testdata().resolve("cve/cvelib/schemas/CVE_JSON_bundled_5.1.1.json");
		return registry(SpecificationVersion.DRAFT_7, Map.of(CVE_ID, text(bundled))).getSchema(SchemaLocation.of(CVE_ID));
	}

	/** Only the given schemas: nothing is fetched over the network. */
	private static SchemaRegistry registry(SpecificationVersion dialect, Map<String, String> schemas) {
		var config = SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build();
		return SchemaRegistry.withDefaultDialect(dialect,
				builder -> builder.schemas(schemas).schemaRegistryConfig(config));
	}

	static List<String> errors(Schema schema, JsonNode document) {
		var messages = new ArrayList<String>();
		schema.validate(document).forEach(error -> messages.add(error.getInstanceLocation() + ": " + error.getMessage()));
		return messages;
	}

	private static void paths(JsonNode node, String path, TreeSet<String> into) {
		if (node.isObject()) {
			node.properties().forEach(entry -> {
				var child = path + "/" + entry.getKey();
				into.add(child);
				paths(entry.getValue(), child, into);
			});
		}
		else if (node.isArray()) {
			node.forEach(item -> paths(item, path + "[]", into));
		}
	}

	private static TreeSet<String> names(JsonNode node) {
		var names = new TreeSet<String>();
		node.properties().forEach(entry -> names.add(entry.getKey()));
		return names;
	}

	private static List<Path> files(Path folder) {
		try (Stream<Path> walk = Files.walk(folder)) {
			return walk.filter(Files::isRegularFile).filter(file -> file.toString().endsWith(".json")).sorted().toList();
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	private static JsonNode read(Path file) {
		return JSON.readTree(file.toFile());
	}

	private static String text(Path file) {
		try {
			return Files.readString(file);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}
}
