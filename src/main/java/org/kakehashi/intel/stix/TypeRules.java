package org.kakehashi.intel.stix;

import static org.kakehashi.intel.stix.ObjectKind.LANGUAGE_CONTENT;
import static org.kakehashi.intel.stix.ObjectKind.MARKING_DEFINITION;
import static org.kakehashi.intel.stix.ObjectKind.SCO;
import static org.kakehashi.intel.stix.ObjectKind.SDO;
import static org.kakehashi.intel.stix.ObjectKind.SRO;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import tools.jackson.databind.JsonNode;

/**
 * What STIX 2.1 says about each object type it defines (sections 4 to 7): required properties, timestamp
 * properties, what each embedded relationship may point to, predefined extensions, and the rules that tie
 * properties together (in {@link TypeChecks}).
 */
final class TypeRules {

	/** A rule involving several properties of one object. */
	@FunctionalInterface
	interface Check {
		void check(JsonNode object, Problems problems);
	}

	record Rule(String type, ObjectKind kind, List<String> required, Set<String> timestamps,
			Map<String, RefTarget> refs, Map<String, Rule> extensions, @Nullable Check check) {
	}

	private static final Map<String, Rule> RULES = new HashMap<>();

	static {
		// Section 4: SDOs.
		sdo("attack-pattern").required("name").done();
		sdo("campaign").required("name").timestamps("first_seen", "last_seen").check(TypeChecks::seen).done();
		sdo("course-of-action").required("name").done();
		sdo("grouping").required("context", "object_refs").refs("object_refs", RefTarget.ANY_OBJECT).done();
		sdo("identity").required("name").done();
		sdo("incident").required("name").done();
		sdo("indicator").required("pattern", "pattern_type", "valid_from").timestamps("valid_from", "valid_until")
				.check(TypeChecks::indicator).done();
		sdo("infrastructure").required("name").timestamps("first_seen", "last_seen").check(TypeChecks::seen).done();
		sdo("intrusion-set").required("name").timestamps("first_seen", "last_seen").check(TypeChecks::seen).done();
		sdo("location").check(TypeChecks::location).done();
		sdo("malware").required("is_family").timestamps("first_seen", "last_seen")
				.refs("operating_system_refs", RefTarget.of("software"))
				.refs("sample_refs", RefTarget.of("file", "artifact")).check(TypeChecks::malware).done();
		sdo("malware-analysis").required("product").timestamps("submitted", "analysis_started", "analysis_ended")
				.refs("host_vm_ref", RefTarget.of("software")).refs("operating_system_ref", RefTarget.of("software"))
				.refs("installed_software_refs", RefTarget.of("software"))
				.refs("sample_ref", RefTarget.of("file", "artifact", "network-traffic"))
				.refs("analysis_sco_refs", RefTarget.SCO).check(TypeChecks::malwareAnalysis).done();
		sdo("note").required("content", "object_refs").refs("object_refs", RefTarget.ANY_OBJECT).done();
		sdo("observed-data").required("first_observed", "last_observed", "number_observed")
				.timestamps("first_observed", "last_observed").refs("object_refs", RefTarget.SCO_OR_SRO)
				.check(TypeChecks::observedData).done();
		sdo("opinion").required("opinion", "object_refs").refs("object_refs", RefTarget.ANY_OBJECT)
				.check(TypeChecks::opinion).done();
		sdo("report").required("name", "published", "object_refs").timestamps("published")
				.refs("object_refs", RefTarget.ANY_OBJECT).done();
		sdo("threat-actor").required("name").timestamps("first_seen", "last_seen").check(TypeChecks::seen).done();
		sdo("tool").required("name").done();
		sdo("vulnerability").required("name").done();

		// Section 5: SROs.
		new Builder("relationship", SRO).required("relationship_type", "source_ref", "target_ref")
				.timestamps("start_time", "stop_time").refs("source_ref", RefTarget.SDO_OR_SCO)
				.refs("target_ref", RefTarget.SDO_OR_SCO).check(TypeChecks::relationship).done();
		new Builder("sighting", SRO).required("sighting_of_ref").timestamps("first_seen", "last_seen")
				.refs("sighting_of_ref", RefTarget.SDO).refs("observed_data_refs", RefTarget.of("observed-data"))
				.refs("where_sighted_refs", RefTarget.of("identity", "location")).check(TypeChecks::sighting).done();

		// Section 6: SCOs.
		sco("artifact").check(TypeChecks::artifact).done();
		sco("autonomous-system").required("number").check(TypeChecks::autonomousSystem).done();
		sco("directory").required("path").timestamps("ctime", "mtime", "atime")
				.refs("contains_refs", RefTarget.of("file", "directory")).done();
		sco("domain-name").required("value")
				.refs("resolves_to_refs", RefTarget.of("ipv4-addr", "ipv6-addr", "domain-name")).done();
		sco("email-addr").required("value").refs("belongs_to_ref", RefTarget.of("user-account")).done();
		sco("email-message").required("is_multipart").timestamps("date")
				.refs("from_ref", RefTarget.of("email-addr")).refs("sender_ref", RefTarget.of("email-addr"))
				.refs("to_refs", RefTarget.of("email-addr")).refs("cc_refs", RefTarget.of("email-addr"))
				.refs("bcc_refs", RefTarget.of("email-addr")).refs("raw_email_ref", RefTarget.of("artifact"))
				.check(TypeChecks::emailMessage).done();
		sco("file").timestamps("ctime", "mtime", "atime").refs("parent_directory_ref", RefTarget.of("directory"))
				.refs("contains_refs", RefTarget.SCO).refs("content_ref", RefTarget.of("artifact"))
				.extension(extension("archive-ext").required("contains_refs")
						.refs("contains_refs", RefTarget.of("file", "directory")))
				.extension(extension("ntfs-ext")).extension(extension("pdf-ext"))
				.extension(extension("raster-image-ext"))
				.extension(extension("windows-pebinary-ext").required("pe_type").timestamps("time_date_stamp"))
				.check(TypeChecks::file).done();
		sco("ipv4-addr").required("value").refs("resolves_to_refs", RefTarget.of("mac-addr"))
				.refs("belongs_to_refs", RefTarget.of("autonomous-system")).check(TypeChecks::ipv4).done();
		sco("ipv6-addr").required("value").refs("resolves_to_refs", RefTarget.of("mac-addr"))
				.refs("belongs_to_refs", RefTarget.of("autonomous-system")).done();
		sco("mac-addr").required("value").check(TypeChecks::macAddress).done();
		sco("mutex").required("name").done();
		sco("network-traffic").required("protocols").timestamps("start", "end")
				.refs("src_ref", RefTarget.of("ipv4-addr", "ipv6-addr", "mac-addr", "domain-name"))
				.refs("dst_ref", RefTarget.of("ipv4-addr", "ipv6-addr", "mac-addr", "domain-name"))
				.refs("src_payload_ref", RefTarget.of("artifact")).refs("dst_payload_ref", RefTarget.of("artifact"))
				.refs("encapsulates_refs", RefTarget.of("network-traffic"))
				.refs("encapsulated_by_ref", RefTarget.of("network-traffic"))
				.extension(extension("http-request-ext").required("request_method", "request_value")
						.refs("message_body_data_ref", RefTarget.of("artifact")))
				.extension(extension("icmp-ext").required("icmp_type_hex", "icmp_code_hex"))
				.extension(extension("socket-ext").required("address_family").check(TypeChecks::socket))
				.extension(extension("tcp-ext")).check(TypeChecks::networkTraffic).done();
		sco("process").timestamps("created_time").refs("opened_connection_refs", RefTarget.of("network-traffic"))
				.refs("creator_user_ref", RefTarget.of("user-account")).refs("image_ref", RefTarget.of("file"))
				.refs("parent_ref", RefTarget.of("process")).refs("child_refs", RefTarget.of("process"))
				.extension(extension("windows-process-ext").check(TypeChecks::windowsProcess))
				.extension(extension("windows-service-ext").refs("service_dll_refs", RefTarget.of("file"))
						.check(TypeChecks::windowsService))
				.check(TypeChecks::atLeastOneOwnProperty).done();
		sco("software").required("name").done();
		sco("url").required("value").done();
		sco("user-account").timestamps("account_created", "account_expires", "credential_last_changed",
				"account_first_login", "account_last_login").extension(extension("unix-account-ext")).done();
		sco("windows-registry-key").timestamps("modified_time").refs("creator_user_ref", RefTarget.of("user-account"))
				.check(TypeChecks::registryKey).done();
		sco("x509-certificate").timestamps("validity_not_before", "validity_not_after")
				.check(TypeChecks::x509Certificate).done();

		// Section 7: meta objects.
		new Builder("language-content", LANGUAGE_CONTENT).required("object_ref", "contents").timestamps("object_modified")
				.refs("object_ref", RefTarget.ANY_OBJECT).check(TypeChecks::languageContent).done();
		new Builder("marking-definition", MARKING_DEFINITION).done();
		new Builder("extension-definition", ObjectKind.EXTENSION_DEFINITION)
				.required("name", "schema", "version", "extension_types").check(TypeChecks::extensionDefinition).done();
	}

	/** Object types with the most common embedded relationships, which hold for every type. */
	static final Map<String, RefTarget> COMMON_REFS = Map.of("created_by_ref", RefTarget.of("identity"),
			"object_marking_refs", RefTarget.of("marking-definition"));

	private TypeRules() {
	}

	static @Nullable Rule rule(String type) {
		return RULES.get(type);
	}

	/** The kind of a type this specification defines, or null for custom and extension-defined types. */
	static @Nullable ObjectKind kindOf(String type) {
		var rule = RULES.get(type);
		return rule == null ? null : rule.kind();
	}

	static boolean isSco(String type) {
		return kindOf(type) == SCO;
	}

	private static Builder sdo(String type) {
		return new Builder(type, SDO);
	}

	private static Builder sco(String type) {
		return new Builder(type, SCO);
	}

	private static Builder extension(String name) {
		return new Builder(name, SCO);
	}

	private static final class Builder {

		private final String type;
		private final ObjectKind kind;
		private List<String> required = List.of();
		private Set<String> timestamps = Set.of();
		private final Map<String, RefTarget> refs = new HashMap<>();
		private final Map<String, Rule> extensions = new HashMap<>();
		private @Nullable Check check;

		Builder(String type, ObjectKind kind) {
			this.type = type;
			this.kind = kind;
		}

		Builder required(String... names) {
			required = List.of(names);
			return this;
		}

		Builder timestamps(String... names) {
			timestamps = Set.of(names);
			return this;
		}

		Builder refs(String name, RefTarget target) {
			refs.put(name, target);
			return this;
		}

		Builder extension(Builder extension) {
			extensions.put(extension.type, extension.build());
			return this;
		}

		Builder check(Check check) {
			this.check = check;
			return this;
		}

		Rule build() {
			return new Rule(type, kind, required, timestamps, Map.copyOf(refs), Map.copyOf(extensions), check);
		}

		void done() {
			RULES.put(type, build());
		}
	}
}
