package org.kakehashi.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.kakehashi.vulns.cvss.CvssVector;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every CVSS v3.x/v4.0 vector stated with its base score in the CSAF 2.0 advisories and CVE JSON 5 records of
 * ../shared/testdata scores the same with our calculator, severity included; and the CSAF TC's documents built to
 * fail test 6.1.9 (invalid CVSS computation) are caught.
 */
class CvssScoreConformanceTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	record Stated(Path file, String vector, BigDecimal score, String severity) {
	}

	@Test
	void everyStatedScoreInTheCsafAndCveExamplesMatchesOurs() throws IOException {
		var wrongOnPurpose = invalidCvssComputationCases();
		var stated = new ArrayList<Stated>();
		for (Path file : jsonFiles(TestdataTests.testdata().resolve("csaf"))) {
			if (!wrongOnPurpose.contains(file.getFileName().toString())) {
				stated.addAll(statedScores(file));
			}
		}
		int fromCsaf = stated.size();
		for (Path file : jsonFiles(TestdataTests.testdata().resolve("cve"))) {
			stated.addAll(statedScores(file));
		}
		assertThat(fromCsaf).as("CVSS v3 vectors with scores in the CSAF examples").isGreaterThanOrEqualTo(40);
		assertThat(stated.size()).isGreaterThan(fromCsaf);
		assertThat(stated).anyMatch(s -> s.vector().startsWith("CVSS:4.0/"));
		for (Stated s : stated) {
			var parsed = CvssVector.parse(s.vector());
			assertThat(parsed.score()).as("%s in %s", s.vector(), s.file()).isEqualByComparingTo(s.score());
			if (s.severity() != null) {
				assertThat(parsed.severity().label().toUpperCase(Locale.ROOT)).as("%s in %s", s.vector(), s.file())
						.isEqualTo(s.severity());
			}
		}
	}

	@Test
	void theCsafDocumentsWithAWrongCvssComputationAreCaught() throws IOException {
		var wrongOnPurpose = invalidCvssComputationCases();
		int caught = 0;
		for (Path file : jsonFiles(TestdataTests.testdata().resolve("csaf"))) {
			if (!wrongOnPurpose.contains(file.getFileName().toString())) {
				continue;
			}
			var stated = statedScores(file);
			if (stated.isEmpty()) {
				continue; // a CVSS v2 case: not ours to score
			}
			assertThat(stated).as(file.toString()).anyMatch(s -> {
				var parsed = CvssVector.parse(s.vector());
				return parsed.score().compareTo(s.score()) != 0 || (s.severity() != null
						&& !parsed.severity().label().toUpperCase(Locale.ROOT).equals(s.severity()));
			});
			caught++;
		}
		assertThat(caught).isGreaterThanOrEqualTo(2);
	}

	/** The failing documents of CSAF test 6.1.9, as the TC's testcases.json lists them. */
	private static Set<String> invalidCvssComputationCases() throws IOException {
		var cases = JSON.readTree(Files.readString(
				TestdataTests.testdata().resolve("csaf/test/validator/data/testcases.json")));
		var names = new HashSet<String>();
		for (JsonNode test : cases.get("tests")) {
			if ("6.1.9".equals(test.get("id").asString())) {
				for (JsonNode failure : test.get("failures")) {
					names.add(Path.of(failure.get("name").asString()).getFileName().toString());
				}
			}
		}
		assertThat(names).isNotEmpty();
		return names;
	}

	private static List<Path> jsonFiles(Path folder) throws IOException {
		try (Stream<Path> files = Files.walk(folder)) {
			return files.filter(path -> path.toString().endsWith(".json"))
					.filter(path -> !path.toString().contains("schema"))
					.sorted()
					.toList();
		}
	}

	/** Objects holding a CVSS v3.x or v4.0 vectorString beside a baseScore (CSAF cvss_v3, CVE cvssV3_x/cvssV4_0). */
	private static List<Stated> statedScores(Path file) throws IOException {
		var found = new ArrayList<Stated>();
		collect(file, JSON.readTree(Files.readString(file)), found);
		return found;
	}

	private static void collect(Path file, JsonNode node, List<Stated> found) {
		if (node.isObject() && node.path("vectorString").isString() && node.path("baseScore").isNumber()) {
			String vector = node.get("vectorString").asString();
			if (vector.startsWith("CVSS:3.") || vector.startsWith("CVSS:4.0/")) {
				String severity = node.path("baseSeverity").isString() ? node.get("baseSeverity").asString() : null;
				found.add(new Stated(file, vector, node.get("baseScore").decimalValue(), severity));
			}
		}
		for (JsonNode child : node) {
			collect(file, child, found);
		}
	}
}
