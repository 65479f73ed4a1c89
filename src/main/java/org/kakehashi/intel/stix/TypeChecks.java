package org.kakehashi.intel.stix;

import static org.kakehashi.intel.stix.PropertyChecks.bool;
import static org.kakehashi.intel.stix.PropertyChecks.integer;
import static org.kakehashi.intel.stix.PropertyChecks.oneOf;
import static org.kakehashi.intel.stix.PropertyChecks.order;

import java.util.Set;

import org.kakehashi.intel.stix.pattern.InvalidStixPattern;
import org.kakehashi.intel.stix.pattern.StixPattern;

import tools.jackson.databind.JsonNode;

/** The rules of sections 4 to 7 that tie several properties of one object together. */
final class TypeChecks {

	/** Section 10.18. */
	static final Set<String> OPINIONS = Set.of("strongly-disagree", "disagree", "neutral", "agree", "strongly-agree");
	/** Section 10.5. */
	static final Set<String> EXTENSION_TYPES = Set.of("new-sdo", "new-sco", "new-sro", "property-extension",
			"toplevel-property-extension");
	/** Section 10.4. */
	static final Set<String> ENCRYPTION_ALGORITHMS = Set.of("AES-256-GCM", "ChaCha20-Poly1305", "mime-type-indicated");
	/** Sections 10.16 and 10.17. */
	static final Set<String> SOCKET_ADDRESS_FAMILIES = Set.of("AF_UNSPEC", "AF_INET", "AF_IPX", "AF_APPLETALK",
			"AF_NETBIOS", "AF_INET6", "AF_IRDA", "AF_BTH");
	static final Set<String> SOCKET_TYPES = Set.of("SOCK_STREAM", "SOCK_DGRAM", "SOCK_RAW", "SOCK_RDM", "SOCK_SEQPACKET");
	/** Sections 10.27 and 10.29 to 10.32. */
	static final Set<String> INTEGRITY_LEVELS = Set.of("low", "medium", "high", "system");
	static final Set<String> REGISTRY_DATA_TYPES = Set.of("REG_NONE", "REG_SZ", "REG_EXPAND_SZ", "REG_BINARY",
			"REG_DWORD", "REG_DWORD_BIG_ENDIAN", "REG_DWORD_LITTLE_ENDIAN", "REG_LINK", "REG_MULTI_SZ",
			"REG_RESOURCE_LIST", "REG_FULL_RESOURCE_DESCRIPTION", "REG_RESOURCE_REQUIREMENTS_LIST", "REG_QWORD",
			"REG_INVALID_TYPE");
	static final Set<String> SERVICE_START_TYPES = Set.of("SERVICE_AUTO_START", "SERVICE_BOOT_START",
			"SERVICE_DEMAND_START", "SERVICE_DISABLED", "SERVICE_SYSTEM_ALERT");
	static final Set<String> SERVICE_TYPES = Set.of("SERVICE_KERNEL_DRIVER", "SERVICE_FILE_SYSTEM_DRIVER",
			"SERVICE_WIN32_OWN_PROCESS", "SERVICE_WIN32_SHARE_PROCESS");
	static final Set<String> SERVICE_STATUSES = Set.of("SERVICE_CONTINUE_PENDING", "SERVICE_PAUSE_PENDING",
			"SERVICE_PAUSED", "SERVICE_RUNNING", "SERVICE_START_PENDING", "SERVICE_STOP_PENDING", "SERVICE_STOPPED");

	/** Common SCO properties that do not count as "a property of this object". */
	private static final Set<String> SCO_COMMON = Set.of("type", "id", "spec_version", "object_marking_refs",
			"granular_markings", "defanged");
	private static final RefTarget RAW_BODY = RefTarget.of("artifact", "file");
	private static final long MAX_COUNT = 999_999_999L;
	private static final String[] PORTS = { "src_port", "dst_port" };
	private static final String[] EXTENSION_DEFINITION_TEXTS = { "name", "schema", "version", "description" };

	private TypeChecks() {
	}

	static void seen(JsonNode object, Problems problems) {
		order(object, "first_seen", "last_seen", false, problems);
	}

	/** Section 4.7; a {@code stix} pattern must parse and start its object paths from SCO or custom types. */
	static void indicator(JsonNode indicator, Problems problems) {
		order(indicator, "valid_from", "valid_until", true, problems);
		var patternType = PropertyChecks.optionalString(indicator, "pattern_type", problems);
		var pattern = PropertyChecks.optionalString(indicator, "pattern", problems);
		PropertyChecks.optionalString(indicator, "pattern_version", problems);
		if (pattern == null || !"stix".equals(patternType)) {
			return;
		}
		StixPattern parsed;
		try {
			parsed = StixPattern.parse(pattern);
		}
		catch (InvalidStixPattern invalid) {
			problems.add("pattern", "is not a valid STIX pattern: " + invalid.getMessage());
			return;
		}
		for (var type : parsed.objectTypes()) {
			if (!TypeRules.isSco(type) && !type.startsWith("x-")) {
				problems.add("pattern", "refers to object type '" + type + "', which is neither an SCO nor a custom (x-) type");
			}
		}
	}

	/** Section 4.10: region, country or coordinates; both coordinates or neither; precision needs them. */
	static void location(JsonNode location, Problems problems) {
		var latitude = location.get("latitude");
		var longitude = location.get("longitude");
		if ((latitude == null) != (longitude == null)) {
			problems.add(latitude == null ? "latitude" : "longitude", "latitude and longitude go together");
		}
		if (location.has("precision") && (latitude == null || longitude == null)) {
			problems.add("precision", "needs latitude and longitude");
		}
		if (!location.has("region") && !location.has("country") && (latitude == null || longitude == null)) {
			problems.add("region", "a location needs region, country, or latitude and longitude");
		}
		if (latitude != null) {
			PropertyChecks.number(latitude, "latitude", -90, 90, problems);
		}
		if (longitude != null) {
			PropertyChecks.number(longitude, "longitude", -180, 180, problems);
		}
		var precision = location.get("precision");
		if (precision != null) {
			PropertyChecks.number(precision, "precision", 0, Double.MAX_VALUE, problems);
		}
	}

	/** Section 4.11: {@code is_family} true needs a name. */
	static void malware(JsonNode malware, Problems problems) {
		var family = malware.get("is_family");
		if (family != null) {
			bool(family, "is_family", problems);
			if (family.isBoolean() && family.booleanValue() && !malware.has("name")) {
				problems.add("name", "is required when is_family is true");
			}
		}
		seen(malware, problems);
	}

	/** Section 4.12: a result or analysed SCOs. */
	static void malwareAnalysis(JsonNode analysis, Problems problems) {
		if (!analysis.has("result") && !analysis.has("analysis_sco_refs")) {
			problems.add("result", "a malware analysis needs result or analysis_sco_refs");
		}
	}

	/** Section 4.14: 1 to 999,999,999 observations; exactly one of object_refs and the deprecated objects. */
	static void observedData(JsonNode observed, Problems problems) {
		var count = observed.get("number_observed");
		if (count != null) {
			integer(count, "number_observed", 1, MAX_COUNT, problems);
		}
		order(observed, "first_observed", "last_observed", false, problems);
		boolean refs = observed.has("object_refs");
		var objects = observed.get("objects");
		if (refs == (objects != null)) {
			problems.add("object_refs", "observed data needs exactly one of object_refs and objects (deprecated)");
		}
		if (objects != null) {
			PropertyChecks.dictionary(objects, "objects", problems);
		}
	}

	static void opinion(JsonNode opinion, Problems problems) {
		var value = opinion.get("opinion");
		if (value != null) {
			oneOf(value, "opinion", OPINIONS, problems);
		}
	}

	/** Section 5.1: {@code stop_time} after {@code start_time}. */
	static void relationship(JsonNode relationship, Problems problems) {
		PropertyChecks.optionalString(relationship, "relationship_type", problems);
		order(relationship, "start_time", "stop_time", true, problems);
	}

	/** Section 5.2: a count of 0 to 999,999,999; {@code last_seen} not before {@code first_seen}. */
	static void sighting(JsonNode sighting, Problems problems) {
		var count = sighting.get("count");
		if (count != null) {
			integer(count, "count", 0, MAX_COUNT, problems);
		}
		var summary = sighting.get("summary");
		if (summary != null) {
			bool(summary, "summary", problems);
		}
		seen(sighting, problems);
	}

	/** Section 6.1: {@code payload_bin} or {@code url}, never both; a URL needs hashes; a key needs its algorithm. */
	static void artifact(JsonNode artifact, Problems problems) {
		boolean payload = artifact.has("payload_bin");
		boolean url = artifact.has("url");
		if (payload == url) {
			problems.add("payload_bin", "an artifact needs exactly one of payload_bin and url");
		}
		if (url && !artifact.has("hashes")) {
			problems.add("hashes", "is required when url is present");
		}
		if (artifact.has("decryption_key") && !artifact.has("encryption_algorithm")) {
			problems.add("decryption_key", "must not be present without encryption_algorithm");
		}
		var algorithm = artifact.get("encryption_algorithm");
		if (algorithm != null) {
			oneOf(algorithm, "encryption_algorithm", ENCRYPTION_ALGORITHMS, problems);
		}
	}

	static void autonomousSystem(JsonNode system, Problems problems) {
		var number = system.get("number");
		if (number != null) {
			integer(number, "number", 0, Long.MAX_VALUE, problems);
		}
	}

	/** Section 6.6: {@code body} only for single-part messages, {@code body_multipart} only for multipart ones. */
	static void emailMessage(JsonNode message, Problems problems) {
		var multipart = message.get("is_multipart");
		if (multipart == null) {
			return;
		}
		bool(multipart, "is_multipart", problems);
		if (!multipart.isBoolean()) {
			return;
		}
		if (multipart.booleanValue() && message.has("body")) {
			problems.add("body", "must not be present when is_multipart is true");
		}
		var parts = message.get("body_multipart");
		if (!multipart.booleanValue() && parts != null) {
			problems.add("body_multipart", "must not be present when is_multipart is false");
		}
		if (parts != null && PropertyChecks.list(parts, "body_multipart", problems)) {
			for (int i = 0; i < parts.size(); i++) {
				var part = parts.get(i);
				String path = "body_multipart[" + i + "]";
				if (!part.isObject()) {
					problems.add(path, "must be a MIME part (JSON object)");
					continue;
				}
				var raw = part.get("body_raw_ref");
				if (raw != null) {
					PropertyChecks.ref(raw, path + ".body_raw_ref", RAW_BODY, problems);
				}
				if (raw != null && part.has("body")) {
					problems.add(path, "must not have both body and body_raw_ref");
				}
			}
		}
	}

	/** Section 6.7: hashes or a name; a size that is not negative. */
	static void file(JsonNode file, Problems problems) {
		if (!file.has("hashes") && !file.has("name")) {
			problems.add("name", "a file needs hashes or name");
		}
		var size = file.get("size");
		if (size != null) {
			integer(size, "size", 0, Long.MAX_VALUE, problems);
		}
	}

	static void ipv4(JsonNode address, Problems problems) {
		var value = PropertyChecks.optionalString(address, "value", problems);
		if (value != null && !StixSyntax.isIpv4(value)) {
			problems.add("value", "must be an IPv4 address or CIDR block");
		}
	}

	static void macAddress(JsonNode address, Problems problems) {
		var value = PropertyChecks.optionalString(address, "value", problems);
		if (value != null && !StixSyntax.isMacAddress(value)) {
			problems.add("value", "must be a colon-delimited, lower-case MAC-48 address");
		}
	}

	/** Section 6.12: a source or destination; ports in range; no end while active. */
	static void networkTraffic(JsonNode traffic, Problems problems) {
		if (!traffic.has("src_ref") && !traffic.has("dst_ref")) {
			problems.add("src_ref", "network traffic needs src_ref or dst_ref");
		}
		var protocols = traffic.get("protocols");
		if (protocols != null) {
			PropertyChecks.stringList(protocols, "protocols", problems);
		}
		for (var port : PORTS) {
			var value = traffic.get(port);
			if (value != null) {
				integer(value, port, 0, 65_535, problems);
			}
		}
		var active = traffic.get("is_active");
		if (active != null) {
			bool(active, "is_active", problems);
			if (active.isBoolean() && active.booleanValue() && traffic.has("end")) {
				problems.add("end", "must not be present while is_active is true");
			}
		}
		order(traffic, "start", "end", false, problems);
	}

	static void socket(JsonNode socket, Problems problems) {
		var family = socket.get("address_family");
		if (family != null) {
			oneOf(family, "extensions.socket-ext.address_family", SOCKET_ADDRESS_FAMILIES, problems);
		}
		var type = socket.get("socket_type");
		if (type != null) {
			oneOf(type, "extensions.socket-ext.socket_type", SOCKET_TYPES, problems);
		}
	}

	static void windowsProcess(JsonNode extension, Problems problems) {
		var level = extension.get("integrity_level");
		if (level != null) {
			oneOf(level, "extensions.windows-process-ext.integrity_level", INTEGRITY_LEVELS, problems);
		}
	}

	static void windowsService(JsonNode extension, Problems problems) {
		String path = "extensions.windows-service-ext.";
		var start = extension.get("start_type");
		if (start != null) {
			oneOf(start, path + "start_type", SERVICE_START_TYPES, problems);
		}
		var type = extension.get("service_type");
		if (type != null) {
			oneOf(type, path + "service_type", SERVICE_TYPES, problems);
		}
		var status = extension.get("service_status");
		if (status != null) {
			oneOf(status, path + "service_status", SERVICE_STATUSES, problems);
		}
	}

	/** Sections 6.13 and 6.18: an object with no property of its own says nothing. */
	static void atLeastOneOwnProperty(JsonNode object, Problems problems) {
		for (var name : object.propertyNames()) {
			if (!SCO_COMMON.contains(name)) {
				return;
			}
		}
		problems.add("type", "needs at least one property of its own besides the common properties");
	}

	static void x509Certificate(JsonNode certificate, Problems problems) {
		for (var name : certificate.propertyNames()) {
			if (!SCO_COMMON.contains(name) && !name.equals("extensions")) {
				return;
			}
		}
		problems.add("type", "an X.509 certificate needs at least one property of its own");
	}

	/** Section 6.17.2: registry values carry a data type from the enumeration. */
	static void registryKey(JsonNode key, Problems problems) {
		var values = key.get("values");
		if (values == null || !PropertyChecks.list(values, "values", problems)) {
			return;
		}
		for (int i = 0; i < values.size(); i++) {
			var value = values.get(i);
			if (!value.isObject()) {
				problems.add("values[" + i + "]", "must be a registry value (JSON object)");
				continue;
			}
			var dataType = value.get("data_type");
			if (dataType != null) {
				oneOf(dataType, "values[" + i + "].data_type", REGISTRY_DATA_TYPES, problems);
			}
		}
	}

	/** Section 7.1: contents keyed by language code, each a dictionary of translated properties. */
	static void languageContent(JsonNode content, Problems problems) {
		var contents = content.get("contents");
		if (contents == null || !PropertyChecks.dictionary(contents, "contents", problems)) {
			return;
		}
		for (var entry : contents.properties()) {
			String path = "contents." + entry.getKey();
			if (!StixSyntax.isLanguageTag(entry.getKey())) {
				problems.add(path, "keys of contents must be RFC 5646 language codes");
			}
			PropertyChecks.dictionary(entry.getValue(), path, problems);
		}
	}

	/** Section 7.3: types from the enumeration; {@code extension_properties} only for top-level extensions. */
	static void extensionDefinition(JsonNode definition, Problems problems) {
		for (var name : EXTENSION_DEFINITION_TEXTS) {
			PropertyChecks.optionalString(definition, name, problems);
		}
		var types = definition.get("extension_types");
		if (types != null) {
			PropertyChecks.enumList(types, "extension_types", EXTENSION_TYPES, problems);
		}
		var properties = definition.get("extension_properties");
		if (properties != null) {
			PropertyChecks.stringList(properties, "extension_properties", problems);
			boolean topLevel = false;
			if (types != null && types.isArray()) {
				for (var type : types) {
					topLevel |= type.isString() && type.stringValue().equals("toplevel-property-extension");
				}
			}
			if (!topLevel) {
				problems.add("extension_properties", "is only used with extension type toplevel-property-extension");
			}
		}
	}
}
