package org.kakehashi.intel.stix;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/** Whatever JSON arrives, the validator answers with problems, never with an exception. */
class SpecStixValidatorProperties {

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
	private static final List<String> NAMES = List.of("type", "id", "spec_version", "created", "modified", "created_by_ref",
			"object_marking_refs", "granular_markings", "external_references", "extensions", "labels", "confidence", "lang",
			"pattern", "pattern_type", "valid_from", "valid_until", "object_refs", "hashes", "kill_chain_phases", "selectors",
			"marking_ref", "source_ref", "target_ref", "sighting_of_ref", "objects", "contents", "definition", "definition_type",
			"payload_bin", "url", "is_multipart", "body_multipart", "values", "latitude", "longitude", "is_family",
			"extension_types", "extension_type", "tlp_2_0", "x_custom_ref", "magic_number_hex", "number_observed");

	private final SpecStixValidator validator = new SpecStixValidator();

	@Property(tries = 3000)
	void damagedObjectsGiveProblemsNotExceptions(@ForAll("types") String type,
			@ForAll @Size(min = 1, max = 4) List<@net.jqwik.api.From("names") String> names,
			@ForAll @Size(min = 4, max = 4) List<@net.jqwik.api.From("values") JsonNode> values, @ForAll boolean remove) {
		var object = StixExamples.valid(type);
		for (int i = 0; i < names.size(); i++) {
			if (remove && i == 0) {
				object.remove(names.get(i));
			}
			else {
				object.set(names.get(i), values.get(i));
			}
		}
		for (var problem : validator.validate(object)) {
			assertThat(problem.property()).isNotNull();
			assertThat(problem.message()).isNotBlank();
		}
		var bundle = NODES.objectNode().put("type", "bundle").put("id", StixExamples.id("bundle"));
		bundle.putArray("objects").add(object).add(values.get(0));
		assertThat(validator.validateBundle(bundle)).isNotNull();
	}

	@Provide
	Arbitrary<String> types() {
		return Arbitraries.of(new ArrayList<>(StixExamples.VALID.keySet()));
	}

	@Provide
	Arbitrary<String> names() {
		return Arbitraries.oneOf(Arbitraries.of(NAMES), Arbitraries.strings().ofMaxLength(8));
	}

	@Provide
	Arbitrary<JsonNode> values() {
		Arbitrary<JsonNode> leaf = Arbitraries.oneOf(
				Arbitraries.strings().ofMaxLength(12).map(NODES::stringNode),
				Arbitraries.of("2016-04-06T20:03:48.000Z", "indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f", "stix", "",
						"[file:name = 'a'", "[ipv4-addr:value = '1.2.3.4']", "description.[0]", "labels", "2.1", "ab",
						"extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d").map(NODES::stringNode),
				Arbitraries.longs().map(NODES::numberNode), Arbitraries.doubles().map(NODES::numberNode),
				Arbitraries.of(true, false).map(NODES::booleanNode), Arbitraries.just(NODES.nullNode()));
		Arbitrary<JsonNode> array = leaf.list().ofMaxSize(3).map(items -> {
			var node = NODES.arrayNode();
			items.forEach(node::add);
			return node;
		});
		Arbitrary<JsonNode> object = Arbitraries.maps(Arbitraries.oneOf(Arbitraries.of(NAMES), Arbitraries.strings().ofMaxLength(6)),
				Arbitraries.oneOf(leaf, array)).ofMaxSize(3).map(entries -> {
					var node = NODES.objectNode();
					entries.forEach(node::set);
					return node;
				});
		return Arbitraries.oneOf(leaf, array, object, object.list().ofMaxSize(2).map(items -> {
			var node = NODES.arrayNode();
			items.forEach(node::add);
			return node;
		}));
	}
}
