package org.kakehashi.intel.stix;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A single-thread figure for the validator on ATT&CK for ICS (1,826 objects), printed beside a reference: a walk
 * that only visits every property of the same trees. It measures, it does not judge; there is no timed assertion.
 */
class StixValidationBenchmark {

	private static final long WARM_UP_NANOS = 3_000_000_000L;
	private static final long MEASURE_NANOS = 5_000_000_000L;

	@Test
	void printsObjectsPerSecondOnAttackForIcs() {
		var bundle = JsonMapper.builder().build()
				.readTree(java.nio.file.Path.of(System.getProperty("kakehashi.testdata", "../shared/testdata")).resolve("stix2-examples/mitre-attack/ics-attack-18.1.json").toFile());
		var objects = new ArrayList<JsonNode>();
		bundle.get("objects").forEach(objects::add);
		var validator = new SpecStixValidator();

		run(objects, validator, WARM_UP_NANOS);
		double validated = run(objects, validator, MEASURE_NANOS);
		run(objects, null, WARM_UP_NANOS);
		double walked = run(objects, null, MEASURE_NANOS);
		System.out.printf("STIX validation, ATT&CK for ICS, 1 thread: %,.0f objects/s (reference property walk: %,.0f objects/s)%n",
				validated, walked);
		assertThat(validated).isPositive();
	}

	private static double run(List<JsonNode> objects, SpecStixValidator validator, long nanos) {
		long start = System.nanoTime();
		long done = 0;
		long sink = 0;
		while (System.nanoTime() - start < nanos) {
			for (var object : objects) {
				sink += validator == null ? walk(object) : validator.validate(object).size();
			}
			done += objects.size();
		}
		double seconds = (System.nanoTime() - start) / 1e9;
		assertThat(sink).isNotNegative();
		return done / seconds;
	}

	private static int walk(JsonNode node) {
		int count = 0;
		for (var property : node.properties()) {
			count += property.getKey().length() + (property.getValue().isContainer() ? walk(property.getValue()) : 1);
		}
		for (int i = 0; node.isArray() && i < node.size(); i++) {
			count += walk(node.get(i));
		}
		return count;
	}
}
