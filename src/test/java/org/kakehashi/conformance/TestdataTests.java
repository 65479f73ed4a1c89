package org.kakehashi.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/** The conformance profile reads third-party material from ../shared/testdata and refuses to run without it. */
class TestdataTests {

	static Path testdata() {
		var location = System.getProperty("kakehashi.testdata");
		assertThat(location).as("system property kakehashi.testdata (set by -Pconformance)").isNotBlank();
		var path = Path.of(location);
		assertThat(path).as("the shared testdata folder beside the project").isDirectory();
		return path;
	}

	@Test
	void sharedTestdataIsPresentWithItsSources() {
		var testdata = testdata();
		assertThat(testdata.resolve("SOURCES.md")).isRegularFile();
		for (var folder : new String[] { "stix2-json-schemas", "taxii21", "csaf", "cve", "misp" }) {
			assertThat(Files.isDirectory(testdata.resolve(folder))).as(folder).isTrue();
		}
	}
}
