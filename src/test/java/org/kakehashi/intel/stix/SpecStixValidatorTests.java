package org.kakehashi.intel.stix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kakehashi.intel.stix.StixExamples.id;
import static org.kakehashi.intel.stix.StixExamples.parse;
import static org.kakehashi.intel.stix.StixExamples.valid;

import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.assertj.core.api.ListAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The rules of STIX 2.1, each with an object that keeps it and one that breaks it. */
class SpecStixValidatorTests {

	private final SpecStixValidator validator = new SpecStixValidator();

	static Stream<String> types() {
		return StixExamples.VALID.keySet().stream();
	}

	@ParameterizedTest
	@MethodSource("types")
	void acceptsAMinimalObjectOfEveryType(String type) {
		assertThat(validator.validate(valid(type))).isEmpty();
	}

	static Stream<Arguments> requiredProperties() {
		return Stream.of(
				"attack-pattern name", "campaign name", "course-of-action name", "grouping context", "grouping object_refs",
				"identity name", "incident name", "indicator pattern", "indicator pattern_type", "indicator valid_from",
				"infrastructure name", "intrusion-set name", "malware is_family", "malware-analysis product",
				"note content", "note object_refs", "observed-data first_observed", "observed-data last_observed",
				"observed-data number_observed", "opinion opinion", "opinion object_refs", "report name", "report published",
				"report object_refs", "threat-actor name", "tool name", "vulnerability name", "relationship relationship_type",
				"relationship source_ref", "relationship target_ref", "sighting sighting_of_ref", "autonomous-system number",
				"directory path", "domain-name value", "email-addr value", "email-message is_multipart", "ipv4-addr value",
				"ipv6-addr value", "mac-addr value", "mutex name", "network-traffic protocols", "software name", "url value",
				"language-content object_ref", "language-content contents", "extension-definition name",
				"extension-definition schema", "extension-definition version", "extension-definition extension_types",
				"extension-definition created_by_ref", "attack-pattern spec_version", "relationship created",
				"sighting modified", "marking-definition created", "language-content modified")
				.map(pair -> Arguments.of((Object[]) pair.split(" ")));
	}

	@ParameterizedTest
	@MethodSource("requiredProperties")
	void reportsEachMissingRequiredProperty(String type, String property) {
		var object = valid(type);
		object.remove(property);
		assertProblems(object).anySatisfy(problem -> {
			assertThat(problem.objectId()).isEqualTo(id(type));
			assertThat(problem.property()).isEqualTo(property);
			assertThat(problem.message()).startsWith("is required");
		});
	}

	@Test
	void aMissingSpecVersionMeansStix20() {
		var malware = valid("malware");
		malware.remove("spec_version");
		assertProblems(malware).singleElement().satisfies(problem -> {
			assertThat(problem.property()).isEqualTo("spec_version");
			assertThat(problem.message()).contains("STIX 2.0");
		});
		var sco = valid("ipv4-addr");
		sco.remove("spec_version");
		assertThat(validator.validate(sco)).isEmpty();
		assertOnly(with("tool", o -> o.put("spec_version", "2.0")), "spec_version", "must be '2.1'");
	}

	@ParameterizedTest
	@ValueSource(strings = { "Indicator", "in", "x--foo", "foo-", "1abc", "foo_bar", "x-\u00e9t\u00e9" })
	void typeNamesFollowSection31(String type) {
		var object = parse("{\"type\": \"" + type + "\", \"id\": \"" + type + "--" + StixExamples.UUID + "\"}");
		assertOnly(object, "type", "must be 3–250 characters");
	}

	@Test
	void unknownTypesNeedAnXPrefixOrAnExtensionDefinition() {
		var unknown = parse("{\"type\": \"foo-bar\", \"id\": \"foo-bar--" + StixExamples.UUID + "\", \"name\": \"n\"}");
		assertOnly(unknown, "type", "is not a STIX 2.1 type");
		var custom = parse("{\"type\": \"x-foo-bar\", \"id\": \"x-foo-bar--" + StixExamples.UUID + "\", \"name\": \"n\"}");
		assertThat(validator.validate(custom)).isEmpty();
		var extensionObject = parse("""
				{"type": "my-favorite-sdo", "spec_version": "2.1", "id": "my-favorite-sdo--ac97aae4-83f1-46ca-a351-7aeb76678189",
				 "created": "2014-02-20T09:16:08.989000Z", "modified": "2014-02-20T09:16:08.989000Z", "name": "mine",
				 "extensions": {"extension-definition--9c59fd79-4215-4ba2-920d-3e4f320e1e62": {"extension_type": "new-sdo"}}}
				""");
		assertThat(validator.validate(extensionObject)).isEmpty();
		extensionObject.remove("spec_version");
		assertOnly(extensionObject, "spec_version", "is required on an SDO");
		var customSdo = parse("{\"type\": \"x-mitre-tactic\", \"id\": \"x-mitre-tactic--" + StixExamples.UUID + "\","
				+ " \"created\": \"2016-04-06T20:03:48.000Z\", \"modified\": \"2016-04-06T20:03:48.000Z\"}");
		assertOnly(customSdo, "spec_version", "is required on an SDO");
	}

	@ParameterizedTest
	@CsvSource({
			"indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f, must be tool--<UUID>",
			"tool--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3, must be tool--<UUID>",
			"tool--8e2e2d2b-17d4-0cbf-938f-98ee46b3cd3f, must be tool--<UUID>",
			"tool--8e2e2d2b-17d4-4cbf-738f-98ee46b3cd3f, must be tool--<UUID>",
			"tool--8e2e2d2b_17d4-4cbf-938f-98ee46b3cd3f, must be tool--<UUID>",
			"tool-8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f, must be tool--<UUID>" })
	void idsAreTheirOwnTypeAndAnRfc4122Uuid(String id, String message) {
		assertOnly(with("tool", o -> o.put("id", id)), "id", message);
	}

	@Test
	void acceptsUuidVersionsOneToEightInIds() {
		for (char version : "12345678".toCharArray()) {
			assertThat(validator.validate(with("tool", o -> o.put("id", "tool--8e2e2d2b-17d4-" + version + "cbf-a38f-98ee46b3cd3f")))).isEmpty();
		}
		assertThat(validator.validate(with("tool", o -> o.put("id", "tool--8E2E2D2B-17D4-4CBF-938F-98EE46B3CD3F")))).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = { "2016-04-06T20:03:48.000", "2016-04-06T20:03:48.000+00:00", "2016-04-06t20:03:48.000Z",
			"2016-04-06 20:03:48.000Z", "2016-02-30T20:03:48.000Z", "2015-02-29T00:00:00.000Z", "2016-04-06T24:00:00.000Z",
			"2016-04-06T20:03:48.Z", "16-04-06T20:03:48.000Z", "2016-4-06T20:03:48.000Z" })
	void timestampsAreRfc3339InUtc(String timestamp) {
		var tool = with("tool", o -> {
			o.put("created", timestamp);
			o.put("modified", timestamp);
		});
		assertProblems(tool).extracting(StixProblem::property).contains("created", "modified");
		assertOnly(with("indicator", o -> o.put("valid_from", timestamp)), "valid_from", "RFC 3339");
	}

	@Test
	void createdAndModifiedNeedMillisecondsExceptOnMarkingDefinitions() {
		assertOnly(with("tool", o -> o.put("created", "2016-04-06T20:03:48Z").put("modified", "2016-04-06T20:03:48.000Z")),
				"created", "millisecond");
		assertOnly(with("tool", o -> o.put("modified", "2016-04-06T20:03:48.12Z")), "modified", "millisecond");
		assertThat(validator.validate(with("tool", o -> o.put("modified", "2016-04-06T20:03:48.123456789Z")))).isEmpty();
		assertThat(validator.validate(with("marking-definition", o -> o.put("created", "2017-06-01T00:00:00Z")))).isEmpty();
		assertThat(validator.validate(with("indicator", o -> o.put("valid_from", "2016-01-01T00:00:00Z")))).isEmpty();
	}

	@Test
	void modifiedIsNeverBeforeCreated() {
		assertOnly(with("identity", o -> o.put("modified", "2015-04-06T20:03:48.000Z")), "modified",
				"later than or equal to 'created'");
		assertThat(validator.validate(with("identity", o -> o.put("created", "2016-04-06T20:03:48Z").put("modified",
				"2016-04-06T20:03:48.000Z")))).extracting(StixProblem::message).noneMatch(m -> m.contains("later"));
		assertThat(validator.validate(with("identity", o -> o.put("modified", "2016-04-06T20:03:48.0001Z")))).isEmpty();
	}

	@ParameterizedTest
	@CsvSource({ "indicator, defanged, true", "relationship, defanged, false", "file, labels, '[\"x\"]'",
			"url, created_by_ref, '\"identity--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f\"'", "url, confidence, 50",
			"url, external_references, '[{\"source_name\": \"a\", \"url\": \"b\"}]'", "url, lang, '\"en\"'",
			"url, revoked, false", "marking-definition, modified, '\"2016-08-01T00:00:00.000Z\"'",
			"marking-definition, labels, '[\"x\"]'", "language-content, lang, '\"en\"'",
			"extension-definition, extensions, '{\"x-foo\": {\"a\": 1}}'", "extension-definition, confidence, 5" })
	void commonPropertiesNotApplicableToACategoryAreRejected(String type, String property, String json) {
		var object = valid(type);
		object.set(property, StixExamples.JSON.readTree(json));
		assertProblems(object).anySatisfy(problem -> {
			assertThat(problem.property()).isEqualTo(property);
			assertThat(problem.message()).startsWith("is not used on");
		});
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = {
			"tool|created_by_ref|\"tool--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f\"|must refer to identity",
			"tool|object_marking_refs|[\"identity--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f\"]|must refer to marking-definition",
			"tool|object_marking_refs|[]|must not be an empty list",
			"tool|object_marking_refs|\"marking-definition--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f\"|must be a list",
			"sighting|sighting_of_ref|\"file--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f\"|must refer to an SDO",
			"sighting|sighting_of_ref|\"relationship--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f\"|must refer to an SDO",
			"sighting|observed_data_refs|[\"indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f\"]|must refer to observed-data",
			"sighting|where_sighted_refs|[\"tool--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f\"]|must refer to identity or location",
			"relationship|source_ref|\"marking-definition--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f\"|must refer to an SDO or SCO",
			"relationship|target_ref|\"sighting--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f\"|must refer to an SDO or SCO",
			"relationship|target_ref|\"bundle--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f\"|must refer to an SDO or SCO",
			"relationship|target_ref|\"not-an-id\"|must be an identifier",
			"observed-data|object_refs|[\"indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f\"]|must refer to an SCO or SRO",
			"domain-name|resolves_to_refs|[\"url--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f\"]|must refer to ipv4-addr or ipv6-addr or domain-name",
			"email-addr|belongs_to_ref|\"email-addr--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f\"|must refer to user-account",
			"file|parent_directory_ref|\"file--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f\"|must refer to directory",
			"network-traffic|dst_ref|\"url--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f\"|must refer to ipv4-addr or ipv6-addr or mac-addr or domain-name",
			"process|image_ref|\"directory--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f\"|must refer to file",
			"malware|sample_refs|[\"url--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f\"]|must refer to file or artifact",
			"malware-analysis|analysis_sco_refs|[\"malware--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f\"]|must refer to an SCO",
			"report|object_refs|[\"bundle--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f\"]|must refer to a STIX object" })
	void embeddedRelationshipsPointAtTheTypesTheSpecificationNames(String type, String property, String json, String message) {
		var object = valid(type);
		object.set(property, StixExamples.JSON.readTree(json));
		assertProblems(object).anySatisfy(problem -> {
			assertThat(problem.property()).startsWith(property);
			assertThat(problem.message()).contains(message);
		});
	}

	@Test
	void categoryTargetsAcceptCustomTypes() {
		assertThat(validator.validate(with("sighting", o -> o.put("sighting_of_ref", id("x-acme-campaign"))))).isEmpty();
		assertThat(validator.validate(with("observed-data", o -> o.putArray("object_refs").add(id("x-acme-sensor"))))).isEmpty();
		assertThat(validator.validate(with("relationship", o -> o.put("target_ref", id("x-mitre-tactic"))))).isEmpty();
	}

	@Test
	void customReferencePropertiesAreTheExtensionsBusiness() {
		assertThat(validator.validate(with("tool", o -> o.put("x_mitre_data_source_ref", "")))).isEmpty();
	}

	@Test
	void openVocabulariesStayOpenButEnumerationsAreClosed() {
		assertThat(validator.validate(with("identity", o -> o.put("identity_class", "hacker-collective")))).isEmpty();
		assertThat(validator.validate(with("indicator", o -> o.put("pattern_type", "sigma").put("pattern", "title: x")))).isEmpty();
		assertThat(validator.validate(with("grouping", o -> o.put("context", "my-own-context")))).isEmpty();
		assertOnly(with("opinion", o -> o.put("opinion", "maybe")), "opinion", "must be one of agree");
		assertOnly(with("artifact", o -> o.put("encryption_algorithm", "rot13")), "encryption_algorithm", "must be one of");
		assertOnly(with("extension-definition", o -> o.putArray("extension_types").add("new-thing")), "extension_types[0]",
				"must be one of");
	}

	@Test
	void externalReferencesNameTheirSourceAndSaySomething() {
		assertOnly(with("tool", o -> o.putArray("external_references").addObject().put("url", "https://x")),
				"external_references[0].source_name", "is required");
		assertOnly(with("tool", o -> o.putArray("external_references").addObject().put("source_name", "x")),
				"external_references[0]", "needs at least one of description, url or external_id");
		assertOnly(with("attack-pattern", o -> o.putArray("external_references").addObject().put("source_name", "capec")
				.put("external_id", "163")), "external_references[0].external_id", "CAPEC-<number>");
		assertOnly(with("vulnerability", o -> o.putArray("external_references").addObject().put("source_name", "cve")
				.put("external_id", "2016-1234")), "external_references[0].external_id", "CVE-<year>-<number>");
		assertOnly(with("tool", o -> o.putArray("external_references").addObject().put("source_name", "x").put("url", "u")
				.putObject("hashes").put("SHA-256", "abc")), "external_references[0].hashes.SHA-256", "64 hex digits");
		assertThat(validator.validate(with("attack-pattern", o -> o.putArray("external_references").addObject()
				.put("source_name", "capec").put("external_id", "CAPEC-163")))).isEmpty();
	}

	@Test
	void granularMarkingSelectorsMustSelectSomething() {
		var vulnerability = parse("""
				{"id": "vulnerability--ee916c28-c7a4-4d0d-ad56-a8d357f89fef", "spec_version": "2.1",
				 "created": "2016-02-14T00:00:00.000Z", "modified": "2016-02-14T00:00:00.000Z", "type": "vulnerability",
				 "name": "CVE-2014-0160", "description": "The (1) TLS...",
				 "external_references": [{"source_name": "cve", "external_id": "CVE-2014-0160"}],
				 "labels": ["heartbleed", "has-logo"]}
				""");
		for (var selector : List.of("description", "external_references.[0].source_name", "labels.[0]", "labels",
				"external_references")) {
			var marked = vulnerability.deepCopy();
			marked.putArray("granular_markings").addObject().put("marking_ref", id("marking-definition"))
					.putArray("selectors").add(selector);
			assertThat(validator.validate(marked)).as(selector).isEmpty();
		}
		for (var selector : List.of("pattern", "external_references.[3]", "description.[0]", "labels.name", "labels..[0]",
				"labels.[x]", "")) {
			var marked = vulnerability.deepCopy();
			marked.putArray("granular_markings").addObject().put("lang", "de").putArray("selectors").add(selector);
			assertOnly(marked, "granular_markings[0].selectors[0]", "");
		}
		assertOnly(with("tool", o -> o.putArray("granular_markings").addObject().put("lang", "de")
				.put("marking_ref", id("marking-definition")).putArray("selectors").add("name")), "granular_markings[0]",
				"exactly one of marking_ref and lang");
		assertOnly(with("tool", o -> o.putArray("granular_markings").addObject().put("marking_ref", id("identity"))
				.putArray("selectors").add("name")), "granular_markings[0].marking_ref", "must refer to marking-definition");
	}

	@Test
	void commonValuesHaveTheirTypes() {
		assertOnly(with("tool", o -> o.put("labels", "x")), "labels", "must be a list");
		assertOnly(with("tool", o -> o.putArray("labels").add(1)), "labels[0]", "must be a string");
		assertOnly(with("tool", o -> o.putArray("labels")), "labels", "must not be an empty list");
		assertOnly(with("tool", o -> o.put("confidence", 101)), "confidence", "between 0 and 100");
		assertOnly(with("tool", o -> o.put("confidence", -1)), "confidence", "between 0 and 100");
		assertOnly(with("tool", o -> o.put("confidence", 50.5)), "confidence", "must be an integer");
		assertOnly(with("tool", o -> o.put("lang", "english!")), "lang", "RFC 5646");
		assertOnly(with("tool", o -> o.put("revoked", "yes")), "revoked", "true or false");
		assertOnly(with("tool", o -> o.putNull("description")), "description", "must not be null");
		assertOnly(with("tool", o -> o.putObject("x_acme_details")), "x_acme_details", "must not be an empty dictionary");
		assertOnly(with("tool", o -> o.putArray("kill_chain_phases").addObject().put("kill_chain_name", "lmco")),
				"kill_chain_phases[0].phase_name", "is required");
		assertThat(validator.validate(with("tool", o -> o.put("lang", "en-US").put("confidence", 0)))).isEmpty();
	}

	@Test
	void customPropertyNamesAreLowerCaseLettersDigitsAndUnderscores() {
		assertThat(validator.validate(with("identity", o -> o.put("foo", "bar").put("x_acme_score_2", 3)))).isEmpty();
		assertOnly(with("identity", o -> o.put("x_acme_Score", 1)), "x_acme_Score", "property names");
		assertOnly(with("identity", o -> o.put("x-acme", 1)), "x-acme", "property names");
		assertOnly(with("identity", o -> o.put("xy", 1)), "xy", "property names");
		assertOnly(with("identity", o -> o.put("severity", "high")), "severity", "reserved");
	}

	@Test
	void extensionsAreDefinitionsPredefinedOrDeprecatedCustom() {
		assertThat(validator.validate(with("file", o -> o.putObject("extensions").putObject("archive-ext")
				.putArray("contains_refs").add(id("file"))))).isEmpty();
		assertThat(validator.validate(with("tool", o -> o.putObject("extensions").putObject("x-acme-ext").put("a", 1)))).isEmpty();
		assertThat(validator.validate(with("tool", o -> o.putObject("extensions")
				.putObject("extension-definition--d83fce45-ef58-4c6c-a3f4-1fbc32e98c6e").put("extension_type", "property-extension")
				.put("rank", 5)))).isEmpty();
		assertOnly(with("url", o -> o.putObject("extensions").putObject("archive-ext").putArray("contains_refs").add(id("file"))),
				"extensions.archive-ext", "extension keys are extension-definition ids");
		assertOnly(with("tool", o -> o.putObject("extensions").putObject("extension-definition--d83fce45-ef58-4c6c-a3f4-1fbc32e98c6e")
				.put("rank", 5)), "extensions.extension-definition--d83fce45-ef58-4c6c-a3f4-1fbc32e98c6e.extension_type", "is required");
		assertOnly(with("tool", o -> o.putObject("extensions").putObject("extension-definition--d83fce45-ef58-4c6c-a3f4-1fbc32e98c6e")
				.put("extension_type", "new-sdo")), "extensions.extension-definition--d83fce45-ef58-4c6c-a3f4-1fbc32e98c6e.extension_type",
				"cannot redefine");
		assertOnly(with("file", o -> o.putObject("extensions").putObject("ntfs-ext")), "extensions.ntfs-ext", "empty dictionary");
		assertOnly(with("file", o -> o.putObject("extensions").putObject("archive-ext").putArray("contains_refs").add(id("url"))),
				"extensions.archive-ext.contains_refs[0]", "must refer to file or directory");
		assertOnly(with("network-traffic", o -> o.putObject("extensions").putObject("http-request-ext").put("request_method", "get")),
				"extensions.http-request-ext.request_value", "is required");
		assertOnly(with("network-traffic", o -> o.putObject("extensions").putObject("socket-ext").put("address_family", "AF_MARS")),
				"extensions.socket-ext.address_family", "must be one of");
		assertOnly(with("process", o -> o.putObject("extensions").putObject("windows-service-ext").put("start_type", "soon")),
				"extensions.windows-service-ext.start_type", "must be one of");
	}

	@Test
	void tlp1MarkingsAreOnlyThePredefinedFour() {
		var white = parse("""
				{"type": "marking-definition", "spec_version": "2.1", "id": "marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9",
				 "created": "2017-01-20T00:00:00.000Z", "definition_type": "tlp", "name": "TLP:WHITE", "definition": {"tlp": "white"}}
				""");
		assertThat(validator.validate(white)).isEmpty();
		assertOnly(with(white, o -> o.putObject("definition").put("tlp", "red")), "definition.tlp", "must be 'white'");
		assertOnly(with(white, o -> o.put("id", id("marking-definition"))), "definition_type", "four predefined");
		assertOnly(with("marking-definition", o -> o.remove("definition")), "definition", "is required when extensions is absent");
		assertOnly(with("marking-definition", o -> o.putObject("definition").put("text", "x")), "definition.statement", "is required");
		assertOnly(with(white, o -> o.putArray("object_marking_refs").add(white.get("id").stringValue())),
				"object_marking_refs[0]", "must not mark itself");
	}

	@Test
	void tlp2MarkingsUseTheExtensionAndItsLevels() {
		var amber = parse("""
				{"type": "marking-definition", "spec_version": "2.1", "id": "marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421",
				 "created": "2022-10-01T00:00:00.000Z", "name": "TLP:AMBER",
				 "extensions": {"extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d":
				   {"extension_type": "property-extension", "tlp_2_0": "amber"}}}
				""");
		assertThat(validator.validate(amber)).isEmpty();
		String level = "extensions.extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d.tlp_2_0";
		assertThat(validator.validate(tlp2(amber, "purple"))).extracting(StixProblem::property).contains(level);
		assertOnly(tlp2(amber, "red"), level, "must be 'amber'");
		var ownAmberStrict = tlp2(with(amber, o -> o.put("id", id("marking-definition"))), "amber+strict");
		assertThat(validator.validate(ownAmberStrict)).isEmpty();
	}

	@Test
	void indicatorsWithStixPatternsMustParseAndUseKnownObjectTypes() {
		assertOnly(with("indicator", o -> o.put("pattern", "[ipv4-addr:value = '198.51.100.1/32'")), "pattern",
				"is not a valid STIX pattern: at position 36: expected ']'");
		assertOnly(with("indicator", o -> o.put("pattern", "[ipv4-address:value = '198.51.100.1']")), "pattern",
				"refers to object type 'ipv4-address'");
		assertOnly(with("indicator", o -> o.put("pattern", "[indicator:name = 'x']")), "pattern", "neither an SCO");
		assertThat(validator.validate(with("indicator", o -> o.put("pattern", "[x-usb-device:serial = '1']")))).isEmpty();
		assertOnly(with("indicator", o -> o.put("valid_until", "2016-01-01T00:00:00Z")), "valid_until", "later than 'valid_from'");
	}

	@Test
	void objectSpecificRules() {
		assertOnly(with("location", o -> o.remove("region")), "region", "needs region, country, or latitude and longitude");
		assertOnly(with("location", o -> o.put("latitude", 48.8)), "longitude", "go together");
		assertOnly(with("location", o -> o.put("latitude", 91).put("longitude", 2)), "latitude", "between -90");
		assertOnly(with("location", o -> o.put("precision", 10)), "precision", "needs latitude and longitude");
		assertOnly(with("malware", o -> o.remove("name")), "name", "is required when is_family is true");
		assertOnly(with("malware", o -> o.put("first_seen", "2016-01-02T00:00:00Z").put("last_seen", "2016-01-01T00:00:00Z")),
				"last_seen", "later than or equal to 'first_seen'");
		assertOnly(with("malware-analysis", o -> o.remove("result")), "result", "needs result or analysis_sco_refs");
		assertOnly(with("observed-data", o -> o.put("number_observed", 0)), "number_observed", "between 1 and 999999999");
		assertOnly(with("observed-data", o -> o.putObject("objects").putObject("0").put("type", "file")), "object_refs",
				"exactly one of object_refs and objects");
		assertOnly(with("relationship", o -> o.put("start_time", "2016-01-01T00:00:00Z").put("stop_time", "2016-01-01T00:00:00Z")),
				"stop_time", "later than 'start_time'");
		assertOnly(with("sighting", o -> o.put("count", 1_000_000_000)), "count", "between 0 and 999999999");
		assertOnly(with("artifact", o -> o.put("url", "https://example.com/x").putObject("hashes").put("SHA-256", "a".repeat(64))),
				"payload_bin", "exactly one of payload_bin and url");
		assertOnly(with("artifact", o -> o.put("url", "https://example.com/x").remove("payload_bin")), "hashes",
				"is required when url is present");
		assertOnly(with("artifact", o -> o.remove("payload_bin")), "payload_bin", "exactly one");
		assertOnly(with("artifact", o -> o.put("payload_bin", "not base64!")), "payload_bin", "base64");
		assertOnly(with("artifact", o -> o.put("decryption_key", "k")), "decryption_key", "without encryption_algorithm");
		assertOnly(with("email-message", o -> o.put("is_multipart", true)), "body", "must not be present when is_multipart is true");
		assertOnly(with("file", o -> o.remove("hashes")), "name", "needs hashes or name");
		assertOnly(with("file", o -> o.putObject("hashes").put("MD5", "xyz")), "hashes.MD5", "32 hex digits");
		assertOnly(with("file", o -> o.put("magic_number_hex", "abc")), "magic_number_hex", "even number of hex digits");
		assertOnly(with("file", o -> o.put("size", -1)), "size", "between 0");
		assertOnly(with("ipv4-addr", o -> o.put("value", "198.51.100.256")), "value", "IPv4");
		assertThat(validator.validate(with("ipv4-addr", o -> o.put("value", "198.51.100.0/24")))).isEmpty();
		assertOnly(with("mac-addr", o -> o.put("value", "D2:FB:49:24:37:18")), "value", "MAC-48");
		assertOnly(with("network-traffic", o -> o.remove("dst_ref")), "src_ref", "needs src_ref or dst_ref");
		assertOnly(with("network-traffic", o -> o.put("dst_port", 70_000)), "dst_port", "between 0 and 65535");
		assertOnly(with("network-traffic", o -> o.put("is_active", true).put("end", "2016-01-01T00:00:00Z")), "end", "is_active");
		assertOnly(with("process", o -> o.remove("pid")), "type", "at least one property");
		assertOnly(with("x509-certificate", o -> o.remove("serial_number")), "type", "at least one property");
		assertOnly(with("windows-registry-key", o -> o.putArray("values").addObject().put("data_type", "REG_FOO")),
				"values[0].data_type", "must be one of");
		assertOnly(with("language-content", o -> o.putObject("contents").putObject("german!").put("name", "x")),
				"contents.german!", "RFC 5646");
		assertOnly(with("extension-definition", o -> o.putArray("extension_properties").add("rank")), "extension_properties",
				"toplevel-property-extension");
	}

	@Test
	void nonObjectsAreRejectedWithoutThrowing() {
		assertThat(validator.validate(StixExamples.JSON.readTree("[1, 2]"))).singleElement()
				.satisfies(problem -> assertThat(problem.message()).contains("JSON object"));
		assertOnly(parse("{\"id\": \"tool--" + StixExamples.UUID + "\"}"), "type", "is required");
		assertOnly(parse("{\"type\": 5}"), "type", "must be");
		assertOnly(parse("{\"type\": \"bundle\", \"id\": \"bundle--" + StixExamples.UUID + "\"}"), "type", "checked as a bundle");
	}

	@Test
	void bundlesHaveTheirOwnShapeAndCheckEveryObject() {
		var bundle = parse("{\"type\": \"bundle\", \"id\": \"bundle--" + StixExamples.UUID + "\", \"objects\": []}");
		var objects = bundle.putArray("objects");
		objects.add(valid("tool"));
		objects.add(valid("grouping"));
		assertThat(validator.validateBundle(bundle)).isEmpty();
		objects.add(with("identity", o -> o.put("modified", "2015-01-01T00:00:00.000Z")));
		objects.add(parse("{\"type\": \"tool\"}"));
		assertThat(validator.validateBundle(bundle)).extracting(StixProblem::objectId, StixProblem::property).containsExactly(
				org.assertj.core.groups.Tuple.tuple(id("identity"), "modified"),
				org.assertj.core.groups.Tuple.tuple(null, "objects[3].id"),
				org.assertj.core.groups.Tuple.tuple(null, "objects[3].spec_version"),
				org.assertj.core.groups.Tuple.tuple(null, "objects[3].created"),
				org.assertj.core.groups.Tuple.tuple(null, "objects[3].modified"),
				org.assertj.core.groups.Tuple.tuple(null, "objects[3].name"));
		assertThat(validator.validateBundle(parse("{\"type\": \"bundel\", \"id\": \"tool--" + StixExamples.UUID + "\", \"objects\": []}")))
				.extracting(StixProblem::property).containsExactly("type", "id", "objects");
		assertThat(validator.validateBundle(parse("{\"type\": \"bundle\", \"id\": \"bundle--" + StixExamples.UUID + "\"}"))).isEmpty();
	}

	private ObjectNode tlp2(ObjectNode marking, String level) {
		return with(marking, o -> ((ObjectNode) o.get("extensions").get(MarkingChecks.TLP_2_EXTENSION)).put("tlp_2_0", level));
	}

	private static ObjectNode with(String type, Consumer<ObjectNode> change) {
		return with(valid(type), change);
	}

	private static ObjectNode with(ObjectNode original, Consumer<ObjectNode> change) {
		var copy = original.deepCopy();
		change.accept(copy);
		return copy;
	}

	private ListAssert<StixProblem> assertProblems(JsonNode object) {
		return assertThat(validator.validate(object));
	}

	/** Exactly one problem, on this property, whose message contains this text. */
	private void assertOnly(JsonNode object, String property, String message) {
		assertProblems(object).as(object.toString()).singleElement().satisfies(problem -> {
			assertThat(problem.property()).isEqualTo(property);
			assertThat(problem.message()).contains(message);
		});
	}
}
