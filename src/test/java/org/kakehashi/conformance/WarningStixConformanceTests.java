package org.kakehashi.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.kakehashi.identity.ApiScope;
import org.kakehashi.identity.OrganisationType;
import org.kakehashi.identity.Role;
import org.kakehashi.identity.internal.ApiTokens;
import org.kakehashi.intel.importing.WarningFeed;
import org.kakehashi.intel.stix.SpecStixValidator;
import org.kakehashi.sharing.Tlp;
import org.kakehashi.support.Fixtures;
import org.kakehashi.support.IntegrationTest;
import org.kakehashi.warnings.internal.Agreements;
import org.kakehashi.warnings.internal.Urgency;
import org.kakehashi.warnings.internal.WarningContent;
import org.kakehashi.warnings.internal.WarningViewer;
import org.kakehashi.warnings.internal.Warnings;
import org.springframework.beans.factory.annotation.Autowired;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An early warning as a TAXII subscriber receives it, held against third-party material: the OASIS STIX 2.1 JSON
 * schemas (every required property present, no property the schemas do not define, enumerated values and id
 * prefixes as they say), the TLP 2.0 marking definition exactly as cti-stix-validator's {@code tlp-amber.json}
 * fixture publishes it, and the {@code tlp_2_0} level one the TLP 2.0 extension's schema allows; and the project's
 * validator accepts the whole bundle.
 */
class WarningStixConformanceTests extends IntegrationTest {

	private static final String TAXII = "application/taxii+json;version=2.1";

	@Autowired
	Fixtures fixtures;

	@Autowired
	Warnings warnings;

	@Autowired
	Agreements agreements;

	@Autowired
	WarningFeed feed;

	@Autowired
	ApiTokens tokens;

	@Autowired
	JsonMapper json;

	@Test
	void aWarningBundleMeetsTheOasisSchemasAndTheTlp20Definitions() throws Exception {
		var centre = fixtures.organisation(OrganisationType.NATIONAL_CENTRE);
		var author = WarningViewer.of(fixtures.user(centre, Role.ANALYST).principal());
		var reviewer = WarningViewer.of(fixtures.user(centre, Role.COORDINATOR).principal());
		var subscriber = fixtures.organisation(OrganisationType.OPERATOR, "ELECTRICITY");
		var agreement = agreements.create(author, new Agreements.AgreementInput(subscriber.id(), List.of(), List.of(),
				List.of(), List.of("TAXII"), List.of(), null, null, LocalDate.now().minusDays(2), null, null)).id();
		var draft = warnings.create(author, new WarningContent(Urgency.CRITICAL, Tlp.AMBER, "遠隔操作機器の脆弱性",
				"Remote access appliance vulnerability", "概要", "Summary", "脅威", "Threat", "更新を適用する",
				"Apply the update", "Appliance 2.x", List.of("CVE-2026-31001"), List.of("https://example.org/a"),
				List.of(), List.of(), List.of(), List.of(new WarningContent.Indicator("URL", "http://evil.example.org/x", null),
						new WarningContent.Indicator("SHA256",
								"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", null)),
				List.of()));
		if (warnings.reviewRequired()) {
			warnings.requestReview(author, draft.id());
			warnings.review(reviewer, draft.id(), true, null);
		}
		warnings.publish(author, draft.id());
		await().atMost(Duration.ofSeconds(30)).until(() -> feed.collectionOf(agreement).isPresent());
		var token = tokens.create(fixtures.user(subscriber, Role.VIEWER).principal(), "conformance",
				EnumSet.of(ApiScope.INTEL_READ), 1).clearToken();
		var base = "/taxii2/intel/collections/" + feed.collectionOf(agreement).orElseThrow() + "/objects/";
		await().atMost(Duration.ofSeconds(30))
			.until(() -> api(token).send("GET", base, null, Map.of("Accept", TAXII)).body().contains("\"report\""));
		var envelope = json.readTree(api(token).send("GET", base, null, Map.of("Accept", TAXII)).body());

		var bundle = json.createObjectNode();
		bundle.put("type", "bundle");
		bundle.put("id", "bundle--" + UUID.randomUUID());
		bundle.set("objects", envelope.get("objects"));
		assertThat(new SpecStixValidator().validateBundle(bundle)).isEmpty();

		var schemas = TestdataTests.testdata().resolve("stix2-json-schemas/schemas");
		var problems = new ArrayList<String>();
		var types = new HashSet<String>();
		for (var object : envelope.get("objects")) {
			var type = object.get("type").asString();
			types.add(type);
			var file = switch (type) {
				case "marking-definition", "language-content" -> schemas.resolve("common/" + type + ".json");
				default -> schemas.resolve("sdos/" + type + ".json");
			};
			assertThat(file).as(type).isRegularFile();
			var schema = new Schema(object);
			schema.read(file);
			for (var required : schema.required) {
				if (!object.has(required)) {
					problems.add(object.get("id").asString() + ": missing " + required);
				}
			}
			for (var property : object.propertyNames()) {
				if (!schema.properties.containsKey(property)) {
					problems.add(object.get("id").asString() + ": " + property + " is not in the schema");
					continue;
				}
				var definition = schema.properties.get(property);
				if (definition.has("enum")) {
					var allowed = new ArrayList<String>();
					definition.get("enum").forEach(v -> allowed.add(v.asString()));
					if (!allowed.contains(object.get(property).asString())) {
						problems.add(object.get("id").asString() + ": " + property + " not one of " + allowed);
					}
				}
				if (definition.has("pattern") && property.equals("id")
						&& !object.get("id").asString().matches(definition.get("pattern").asString() + ".*")) {
					problems.add(object.get("id").asString() + ": id does not match " + definition.get("pattern"));
				}
			}
			for (var forbidden : List.of("severity", "action", "username", "phone_numbers")) {
				if (object.has(forbidden) && !type.equals("marking-definition")) {
					problems.add(object.get("id").asString() + ": core.json forbids " + forbidden);
				}
			}
		}
		assertThat(problems).isEmpty();
		assertThat(types).contains("report", "course-of-action", "vulnerability", "indicator", "identity",
				"marking-definition", "language-content");

		// The TLP:AMBER definition exactly as the TLP 2.0 extension publishes it, and a level its schema allows.
		var fixture = json.readTree(TestdataTests.testdata()
			.resolve("stix2-examples/cti-stix-validator/test_examples/tlp-amber.json").toFile()).get("objects").get(0);
		JsonNode amber = null;
		for (var object : envelope.get("objects")) {
			if (object.get("id").asString().equals(fixture.get("id").asString())) {
				amber = object;
			}
		}
		assertThat(amber).isEqualTo(fixture);
		var extension = TestdataTests.testdata().resolve(
				"stix2-examples/cti-stix-validator/test_schemas/extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d.json");
		var levels = new ArrayList<String>();
		findEnum(json.readTree(extension.toFile()), "tlp_2_0", levels);
		assertThat(levels).as("tlp_2_0 levels in the extension schema").isNotEmpty();
		for (var object : envelope.get("objects")) {
			if (object.get("type").asString().equals("marking-definition")) {
				var level = object.get("extensions").get("extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d")
					.get("tlp_2_0").asString();
				assertThat(levels).contains(level);
			}
		}
		System.out.printf("warning bundle: %d objects against the OASIS schemas and TLP 2.0 definitions%n",
				envelope.get("objects").size());
	}

	/** The required properties and property definitions of a schema, through allOf and local $refs. */
	private final class Schema {

		final Set<String> required = new HashSet<>();
		final Map<String, JsonNode> properties = new java.util.HashMap<>();
		private final Set<Path> seen = new HashSet<>();
		private final JsonNode object;

		Schema(JsonNode object) {
			this.object = object;
		}

		void read(Path file) throws Exception {
			if (!seen.add(file.normalize())) {
				return;
			}
			collect(json.readTree(Files.readString(file)), file);
		}

		private void collect(JsonNode node, Path file) throws Exception {
			node.path("required").forEach(r -> required.add(r.asString()));
			for (var entry : node.path("properties").properties()) {
				// The most specific definition (the type's own) wins over core.json's.
				properties.merge(entry.getKey(), entry.getValue(), (a, b) -> a.has("enum") || a.has("pattern") ? a : b);
			}
			if (node.has("$ref") && node.get("$ref").asString().endsWith(".json")) {
				var ref = node.get("$ref").asString();
				var local = ref.startsWith("http") ? file.getParent().getParent().resolve(ref.substring(ref.indexOf("/schemas/") + 9))
						: file.getParent().resolve(ref);
				if (local.toString().endsWith("core.json") || local.toString().endsWith("properties.json")) {
					read(local);
				}
			}
			for (var part : node.path("allOf")) {
				collect(part, file);
			}
			// oneOf (marking-definition: the STIX 2.1 form or the legacy TLP form): the branch whose required
			// properties the object has.
			for (var branch : node.path("oneOf")) {
				var fits = true;
				for (var r : branch.path("required")) {
					fits &= object.has(r.asString());
				}
				if (fits) {
					collect(branch, file);
					break;
				}
			}
		}
	}

	private static void findEnum(JsonNode node, String property, List<String> out) {
		if (node.isObject()) {
			var p = node.path("properties").path(property);
			if (p.has("enum")) {
				p.get("enum").forEach(v -> out.add(v.asString()));
			}
		}
		if (node.isContainer()) {
			node.values().forEach(child -> findEnum(child, property, out));
		}
	}
}
