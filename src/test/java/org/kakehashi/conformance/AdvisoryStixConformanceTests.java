package org.kakehashi.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.kakehashi.identity.ApiScope;
import org.kakehashi.identity.OrganisationType;
import org.kakehashi.identity.Role;
import org.kakehashi.identity.internal.ApiTokens;
import org.kakehashi.intel.importing.AdvisoryFeed;
import org.kakehashi.intel.stix.SpecStixValidator;
import org.kakehashi.support.ApiClient;
import org.kakehashi.support.Fixtures;
import org.kakehashi.support.VulnsFixtures;
import org.kakehashi.vulns.ClockedVulnsTest;
import org.kakehashi.vulns.internal.CaseVulnerabilities;
import org.kakehashi.vulns.internal.VulnerabilityDraft;
import org.kakehashi.vulns.publication.AdvisoryPublication;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Published advisories as a TAXII client receives them, every stored version of every object in the advisory
 * collection, held against the OASIS STIX 2.1 JSON schemas in ../shared/testdata by a JSON Schema validator: each
 * object valid against its type's schema, and — the schemas being open to custom properties — with no property they
 * do not define ({@code unevaluatedProperties: false} around each). The set-up is checked to reject broken objects,
 * and the project's validator accepts the whole set as a bundle.
 */
class AdvisoryStixConformanceTests extends ClockedVulnsTest {

	private static final String TAXII = "application/taxii+json;version=2.1";
	private static final String STRICT = "https://kakehashi.invalid/conformance/strict/";

	@Autowired
	Fixtures fixtures;

	@Autowired
	VulnsFixtures world;

	@Autowired
	CaseVulnerabilities vulnerabilities;

	@Autowired
	AdvisoryPublication publication;

	@Autowired
	AdvisoryFeed feed;

	@Autowired
	ApiTokens tokens;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	JsonMapper json;

	@Test
	void everyStoredVersionOfAnAdvisoryMeetsTheOasisSchemas() {
		var coordinator = world.coordinator();
		var vendor = world.vendorWithAccount(coordinator, Fixtures.unique("Bar 制御機器"));
		var filed = world.fileProductCase(world.finder(), Fixtures.unique("BarSCADA"));
		var id = filed.id();
		world.accept(coordinator, id);
		world.invite(coordinator, id, vendor.entry().id(), "BarSCADA");
		world.describe(coordinator, id, "CVE-2026-" + (10000 + (int) (Math.random() * 80000)));
		// A vulnerability without a CVE id is named by its English title, with a Japanese name beside it.
		vulnerabilities.add(VulnsFixtures.viewer(coordinator), id, new VulnerabilityDraft("", "CWE-798",
				"Use of Hard-coded Credentials", "BarSCADA における認証情報のハードコード", "Hard-coded credentials in BarSCADA",
				"BarSCADA には保守用の固定パスワードが存在します。", "BarSCADA has a fixed maintenance password.", "",
				VulnsFixtures.CVSS40));
		world.draftAdvisory(coordinator, id);
		world.agree(coordinator, id, clock.instant().plus(Duration.ofHours(1)).atZone(ZoneId.of("Asia/Tokyo"))
			.toLocalDateTime().withSecond(0).withNano(0));
		clock.advance(Duration.ofHours(1).plusMinutes(1));
		assertThat(publication.publishDue()).contains(id);
		clock.advance(Duration.ofMinutes(3));
		publication.republish(VulnsFixtures.viewer(coordinator), id, "Wording");
		await().atMost(Duration.ofSeconds(30)).until(() -> placedRevision(id) == 2);

		var token = tokens.create(fixtures.user(fixtures.organisation(OrganisationType.OPERATOR, "WATER"), Role.VIEWER)
			.principal(), "conformance", EnumSet.of(ApiScope.INTEL_READ), 1).clearToken();
		var base = "/taxii2/intel/collections/" + feed.collectionId().orElseThrow() + "/objects/";
		var every = objects(api(token), base + "?match[version]=all");
		var latest = objects(api(token), base);
		assertThat(every.size()).isGreaterThan(latest.size());

		var schemas = new Schemas();
		var problems = new ArrayList<String>();
		var types = new TreeSet<String>();
		for (var object : every) {
			var type = object.get("type").asString();
			types.add(type);
			schemas.errors(object).forEach(e -> problems.add(object.get("id").asString() + " " + object.get("modified")
					+ ": " + e));
		}
		assertThat(problems).isEmpty();
		assertThat(types).containsExactlyInAnyOrder("marking-definition", "identity", "vulnerability", "report",
				"language-content");
		assertThat(every.toString()).contains("Hard-coded credentials in BarSCADA", filed.number());

		var bundle = json.createObjectNode();
		bundle.put("type", "bundle");
		bundle.put("id", "bundle--" + UUID.randomUUID());
		bundle.set("objects", json.valueToTree(latest));
		assertThat(new SpecStixValidator().validateBundle(bundle)).isEmpty();
		System.out.printf("advisory collection: %d versions of %d objects against the OASIS STIX 2.1 schemas%n",
				every.size(), latest.size());
	}

	/** Without this, a test that finds no problem could just as well be checking nothing. */
	@Test
	void theSchemaSetUpRejectsBrokenObjects() {
		var schemas = new Schemas();
		var good = (ObjectNode) json.readTree("""
				{"type":"vulnerability","spec_version":"2.1","id":"vulnerability--0f0f0f0f-0000-4000-8000-000000000001",
				 "created":"2026-05-12T03:00:00.000Z","modified":"2026-05-12T03:00:00.000Z","name":"CVE-2026-1234",
				 "external_references":[{"source_name":"cve","external_id":"CVE-2026-1234"}]}
				""");
		assertThat(schemas.errors(good)).isEmpty();
		var unnamed = good.deepCopy();
		unnamed.remove("name");
		assertThat(schemas.errors(unnamed)).as("name is required").isNotEmpty();
		var custom = good.deepCopy();
		custom.put("cvss_v31", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H");
		assertThat(schemas.errors(custom)).as("a property the schemas do not define").isNotEmpty();
		var seconds = good.deepCopy();
		seconds.put("modified", "2026-05-12T03:00:00Z");
		assertThat(schemas.errors(seconds)).as("timestamps to the millisecond").isNotEmpty();
		var reference = good.deepCopy();
		reference.putArray("external_references").addObject().put("source_name", "cve");
		assertThat(schemas.errors(reference)).as("a reference needs an id, url or description").isNotEmpty();
	}

	/** The revision the feed last placed for the case (0: none yet). */
	private int placedRevision(UUID caseId) {
		return jdbc.sql("select coalesce(max(revision), 0) from intel_advisory_placement where case_id = :c")
			.param("c", caseId).query(Integer.class).single();
	}

	private List<JsonNode> objects(ApiClient client, String path) {
		var result = new ArrayList<JsonNode>();
		var next = "";
		do {
			var separator = path.contains("?") ? "&" : "?";
			var response = client.send("GET", path + (next.isEmpty() ? "" : separator + "next=" + java.net.URLEncoder.encode(next, java.nio.charset.StandardCharsets.UTF_8)), null,
					Map.of("Accept", TAXII));
			assertThat(response.status()).as(response.body()).isEqualTo(200);
			var envelope = json.readTree(response.body());
			envelope.path("objects").forEach(result::add);
			next = envelope.path("more").asBoolean(false) ? envelope.get("next").asString() : "";
		} while (!next.isEmpty());
		return result;
	}

	/**
	 * The OASIS schemas by their $id, nothing fetched. Each object is checked twice: against its type's schema as
	 * published, and against a strict variant, since the published schemas accept any well-formed custom property
	 * ({@code common/properties.json}): there that file allows nothing and each type's schema is wrapped in
	 * {@code unevaluatedProperties: false}, so only properties the schemas define pass.
	 */
	private static final class Schemas {

		private static final JsonMapper JSON = JsonMapper.builder().build();
		private static final String PROPERTIES = "/common/properties.json";
		private final SchemaRegistry published;
		private final SchemaRegistry strict;
		private final Map<String, Schema> cache = new HashMap<>();
		private final Map<String, String> typeIds = new HashMap<>();

		Schemas() {
			var folder = TestdataTests.testdata().resolve("stix2-json-schemas/schemas");
			var texts = new HashMap<String, String>();
			try (Stream<Path> files = Files.walk(folder)) {
				files.filter(f -> f.toString().endsWith(".json")).forEach(file -> {
					var text = read(file);
					var id = JSON.readTree(text).get("$id").asString();
					texts.put(id, text);
					var name = file.getFileName().toString();
					typeIds.put(name.substring(0, name.length() - ".json".length()), id);
				});
			}
			catch (IOException e) {
				throw new UncheckedIOException(e);
			}
			var config = SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build();
			published = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
					builder -> builder.schemas(texts).schemaRegistryConfig(config));
			var strictTexts = new HashMap<>(texts);
			var properties = texts.keySet().stream().filter(id -> id.endsWith(PROPERTIES)).findFirst().orElseThrow();
			strictTexts.put(properties, """
					{"$schema":"https://json-schema.org/draft/2020-12/schema","$id":"%s"}
					""".formatted(properties));
			typeIds.forEach((type, id) -> strictTexts.put(STRICT + type, """
					{"$schema":"https://json-schema.org/draft/2020-12/schema","$id":"%s%s",
					 "$ref":"%s","unevaluatedProperties":false}
					""".formatted(STRICT, type, id)));
			strict = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
					builder -> builder.schemas(strictTexts).schemaRegistryConfig(config));
		}

		List<String> errors(JsonNode object) {
			var type = object.get("type").asString();
			var id = typeIds.get(type);
			assertThat(id).as("an OASIS schema for " + type).isNotNull();
			var messages = new ArrayList<String>();
			var asPublished = cache.computeIfAbsent(id, i -> published.getSchema(SchemaLocation.of(i)));
			asPublished.validate(object).forEach(e -> messages.add(e.getInstanceLocation() + ": " + e.getMessage()));
			var defined = cache.computeIfAbsent(STRICT + type, i -> strict.getSchema(SchemaLocation.of(i)));
			defined.validate(object).forEach(e -> messages.add("(defined properties only) " + e.getInstanceLocation()
					+ ": " + e.getMessage()));
			return messages;
		}

		private static String read(Path file) {
			try {
				return Files.readString(file);
			}
			catch (IOException e) {
				throw new UncheckedIOException(e);
			}
		}
	}
}
