package org.kakehashi.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.kakehashi.intel.stix.SpecStixValidator;
import org.kakehashi.intel.stix.StixProblem;
import org.kakehashi.intel.stix.pattern.StixPattern;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The STIX 2.1 validator and pattern parser against third-party STIX: OASIS examples, MITRE ATT&CK for ICS,
 * stix2's FileSystemStore data, stix2-validator's own fixtures and MISP's STIX 2.1 exports, with the outcomes
 * SOURCES.md gives for each.
 */
class StixConformanceTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();
	private final SpecStixValidator validator = new SpecStixValidator();

	@Test
	void acceptsTheOasisSchemaExamplesAndThreatReports() {
		var stix = TestdataTests.testdata().resolve("stix2-json-schemas/examples");
		assertAllAccepted("stix2-json-schemas examples", files(stix, false));
	}

	@Test
	void acceptsTheCtiDocumentationWalkthroughs() {
		assertAllAccepted("cti-documentation", files(TestdataTests.testdata().resolve("stix2-examples/cti-documentation"), false));
	}

	@Test
	void acceptsEveryObjectOfAttackForIcs() {
		var attack = TestdataTests.testdata().resolve("stix2-examples/mitre-attack/ics-attack-18.1.json");
		var bundle = read(attack);
		assertThat(bundle.get("objects").size()).isEqualTo(1_826);
		assertAllAccepted("ATT&CK for ICS 18.1", List.of(attack));
	}

	@Test
	void acceptsTheFileSystemStoreExceptTheStix20Malware() {
		var store = TestdataTests.testdata().resolve("stix2-examples/cti-python-stix2/stix2_data");
		var all = files(store, true);
		var stix20 = store.resolve("malware/malware--b42378e0-f147-496f-992a-26a49705395b/20170531213215263882.json");
		assertThat(all).hasSize(31).contains(stix20);
		assertAllAccepted("cti-python-stix2 stix2_data", all.stream().filter(file -> !file.equals(stix20)).toList());
		assertThat(validator.validateBundle(read(stix20))).extracting(StixProblem::objectId, StixProblem::property)
				.containsExactly(org.assertj.core.groups.Tuple.tuple("malware--b42378e0-f147-496f-992a-26a49705395b", "spec_version"));
	}

	/** The outcome table of SOURCES.md for stix2-validator's fixtures. */
	@Test
	void judgesTheStixValidatorFixturesAsUpstreamExpects() {
		var fixtures = TestdataTests.testdata().resolve("stix2-examples/cti-stix-validator/test_examples");
		for (var valid : List.of("identity.json", "identity_unicode.json", "identity_warning.json", "identity_custom.json",
				"tool.json", "tlp-amber.json")) {
			assertThat(problems(fixtures.resolve(valid))).as(valid).isEmpty();
		}
		for (var broken : List.of("invalid_braces.json", "invalid_comma.json")) {
			assertThatThrownBy(() -> JSON.readTree(fixtures.resolve(broken).toFile())).as(broken)
					.isInstanceOf(JacksonException.class);
		}
		assertThat(problems(fixtures.resolve("invalid_identity.json"))).extracting(StixProblem::property)
				.containsExactly("modified");
		assertThat(problems(fixtures.resolve("invalid_timestamp.json"))).singleElement().satisfies(problem -> {
			assertThat(problem.property()).isEqualTo("modified");
			assertThat(problem.message()).contains("later than or equal to 'created'");
		});
		System.out.printf("cti-stix-validator fixtures: 6 accepted, 2 rejected as STIX, 2 rejected as JSON%n");
	}

	/** MISP's reference STIX 2.1 output, including the grouping that trips the bundle.json schema. */
	@Test
	void acceptsMispStix21Exports() {
		var tests = TestdataTests.testdata().resolve("misp/misp-stix/tests");
		var exports = files(tests, false).stream().filter(file -> file.getFileName().toString().endsWith("_stix21.json")).toList();
		assertThat(exports).hasSize(5);
		assertAllAccepted("MISP STIX 2.1 exports", exports);
		assertThat(objects(tests.resolve("test_event1_stix21.json"))).anyMatch(object -> object.get("type").stringValue().equals("grouping"));
	}

	/**
	 * MISP's per-type mapping documents: every STIX object they show is accepted except the artifact SOURCES.md
	 * calls deliberately abbreviated (payload cut with "[...]") and the three objects whose custom properties break
	 * section 11.1's naming rule (a–z, 0–9, _): {@code x_misp_Capital}, {@code x_misp_PackageName},
	 * {@code x_misp_cfr-type-of-incident}. The registry key with a short hive name and the software language "ENG"
	 * break no MUST this validator checks.
	 */
	@Test
	void acceptsMispMappingExamplesButTheAbbreviatedPayloads() {
		var mapping = TestdataTests.testdata().resolve("misp/misp-stix/documentation/mapping");
		int objects = 0;
		var rejected = new ArrayList<StixProblem>();
		for (var file : files(mapping, false)) {
			var document = read(file);
			for (var entry : document.properties()) {
				var stix = entry.getValue().get("STIX");
				if (stix == null) {
					continue;
				}
				for (var object : stix.isArray() ? stix : List.of(stix)) {
					objects++;
					rejected.addAll(validator.validate(object));
				}
			}
		}
		System.out.printf("MISP mapping documents: %d objects, problems: %s%n", objects, rejected);
		assertThat(objects).isGreaterThan(500);
		assertThat(rejected).allSatisfy(problem -> assertThat(problem.property().equals("payload_bin")
				|| problem.property().startsWith("x_misp_") && problem.message().startsWith("property names")).isTrue());
		assertThat(rejected.stream().map(StixProblem::objectId).distinct()).containsExactlyInAnyOrder(
				"artifact--91ae0a21-c7ae-4c7f-b84b-b84a7ce53d1f", "location--84668357-5a8c-4bdd-9f0f-6b50b2535745",
				"file--b3c8f9e1-4d2a-4b6c-8e7f-1a2b3c4d5e6f", "threat-actor--11e17436-6ede-4733-8547-4ce0254ea19e");
	}

	/** medallion's sample TAXII data: 8 objects, of which one malware version has no spec_version (STIX 2.0). */
	@Test
	void acceptsTheMedallionCollectionButItsStix20Malware() {
		var data = read(TestdataTests.testdata().resolve("taxii21/medallion/default_data.json"));
		var objects = new ArrayList<JsonNode>();
		for (var collection : data.get("trustgroup1").get("collections")) {
			collection.path("objects").forEach(objects::add);
		}
		var problems = new ArrayList<StixProblem>();
		objects.forEach(object -> problems.addAll(validator.validate(object)));
		System.out.printf("medallion default_data: %d objects, problems: %s%n", objects.size(), problems);
		assertThat(objects).hasSize(8);
		assertThat(problems).extracting(StixProblem::objectId, StixProblem::property).containsExactly(
				org.assertj.core.groups.Tuple.tuple("malware--c0931cc6-c75e-47e5-9036-78fabc95d4ec", "spec_version"));
	}

	/** Every indicator with pattern_type stix, in every file above, parses and prints back to the same tree. */
	@Test
	void parsesEveryIndicatorPattern() {
		var testdata = TestdataTests.testdata();
		var sources = new ArrayList<Path>();
		sources.addAll(files(testdata.resolve("stix2-json-schemas/examples"), true));
		sources.addAll(files(testdata.resolve("stix2-examples"), true));
		sources.addAll(files(testdata.resolve("misp/misp-stix"), true));
		sources.add(testdata.resolve("taxii21/medallion/default_data.json"));
		int patterns = 0;
		for (var file : sources) {
			var tree = readOrNull(file);
			if (tree == null) {
				continue;
			}
			for (var indicator : indicators(tree)) {
				var text = indicator.get("pattern").stringValue();
				var parsed = StixPattern.parse(text);
				assertThat(StixPattern.parse(parsed.toString())).as(text).isEqualTo(parsed);
				assertThat(parsed.comparisons()).as(text).isNotEmpty();
				patterns++;
			}
		}
		System.out.printf("STIX patterns parsed: %d%n", patterns);
		assertThat(patterns).isGreaterThan(100);
	}

	private void assertAllAccepted(String source, List<Path> files) {
		int objects = 0;
		var problems = new ArrayList<StixProblem>();
		for (var file : files) {
			objects += objects(file).size();
			problems.addAll(problems(file));
		}
		System.out.printf("%s: %d files, %d objects, %d problems%n", source, files.size(), objects, problems.size());
		assertThat(problems).as(source).isEmpty();
		assertThat(objects).as(source).isPositive();
	}

	private List<StixProblem> problems(Path file) {
		var tree = read(file);
		if (tree.isArray()) {
			var problems = new ArrayList<StixProblem>();
			tree.forEach(object -> problems.addAll(validator.validate(object)));
			return problems;
		}
		return "bundle".equals(tree.path("type").asString()) ? validator.validateBundle(tree) : validator.validate(tree);
	}

	private static List<JsonNode> objects(Path file) {
		var tree = read(file);
		var list = new ArrayList<JsonNode>();
		if (tree.isArray()) {
			tree.forEach(list::add);
		}
		else if ("bundle".equals(tree.path("type").asString())) {
			tree.path("objects").forEach(list::add);
		}
		else {
			list.add(tree);
		}
		return list;
	}

	/** Indicators anywhere in a document (bundles, TAXII collections, mapping documents). */
	private static List<JsonNode> indicators(JsonNode tree) {
		var found = new ArrayList<JsonNode>();
		var pending = new ArrayList<JsonNode>();
		pending.add(tree);
		while (!pending.isEmpty()) {
			var node = pending.remove(pending.size() - 1);
			if (node.isObject() && "indicator".equals(text(node, "type")) && node.has("pattern")
					&& (!node.has("pattern_type") || "stix".equals(text(node, "pattern_type")))) {
				found.add(node);
			}
			if (node.isContainer()) {
				node.values().forEach(pending::add);
			}
		}
		return found;
	}

	private static String text(JsonNode node, String name) {
		var value = node.get(name);
		return value != null && value.isString() ? value.stringValue() : null;
	}

	private static List<Path> files(Path folder, boolean recursive) {
		try (Stream<Path> paths = recursive ? Files.walk(folder) : Files.list(folder)) {
			return paths.filter(path -> path.toString().endsWith(".json") && Files.isRegularFile(path)).sorted().toList();
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	private static JsonNode read(Path file) {
		return JSON.readTree(file.toFile());
	}

	private static JsonNode readOrNull(Path file) {
		try {
			return read(file);
		}
		catch (JacksonException deliberatelyBroken) {
			return null;
		}
	}
}
