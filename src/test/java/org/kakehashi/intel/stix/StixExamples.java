package org.kakehashi.intel.stix;

import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** One minimal valid object of every type STIX 2.1 defines, to be broken one property at a time. */
final class StixExamples {

	static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String SDO = """
			"spec_version": "2.1", "created": "2016-04-06T20:03:48.000Z", "modified": "2016-04-06T20:03:48.000Z",
			""";
	static final String UUID = "8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f";

	/** Type → the object, as JSON text. */
	static final Map<String, String> VALID = new LinkedHashMap<>();

	static {
		sdo("attack-pattern", "\"name\": \"Spear Phishing\"");
		sdo("campaign", "\"name\": \"Green Group Attacks\", \"first_seen\": \"2016-01-08T12:50:40.123Z\"");
		sdo("course-of-action", "\"name\": \"Add TCP port 80 filter\"");
		sdo("grouping", "\"context\": \"suspicious-activity\", \"object_refs\": [\"indicator--" + UUID + "\"]");
		sdo("identity", "\"name\": \"ACME\", \"identity_class\": \"organization\"");
		sdo("incident", "\"name\": \"Breach\"");
		sdo("indicator", """
				"pattern": "[ipv4-addr:value = '198.51.100.1/32']", "pattern_type": "stix",
				"valid_from": "2016-01-01T00:00:00Z"
				""");
		sdo("infrastructure", "\"name\": \"Poison Ivy C2\"");
		sdo("intrusion-set", "\"name\": \"Bobcat Breakin\"");
		sdo("location", "\"region\": \"south-eastern-asia\"");
		sdo("malware", "\"name\": \"Cryptolocker\", \"is_family\": true");
		sdo("malware-analysis", "\"product\": \"microsoft\", \"result\": \"malicious\"");
		sdo("note", "\"content\": \"Seen in the wild\", \"object_refs\": [\"campaign--" + UUID + "\"]");
		sdo("observed-data", """
				"first_observed": "2015-12-21T19:00:00Z", "last_observed": "2015-12-21T19:00:00Z", "number_observed": 50,
				"object_refs": ["ipv4-addr--%s"]
				""".formatted(UUID));
		sdo("opinion", "\"opinion\": \"strongly-disagree\", \"object_refs\": [\"relationship--" + UUID + "\"]");
		sdo("report", """
				"name": "The Black Vine Cyberespionage Group", "published": "2016-01-20T17:00:00.000Z",
				"object_refs": ["indicator--%s"]
				""".formatted(UUID));
		sdo("threat-actor", "\"name\": \"Evil Org\"");
		sdo("tool", "\"name\": \"VNC\"");
		sdo("vulnerability", "\"name\": \"CVE-2016-1234\"");
		sdo("relationship", """
				"relationship_type": "indicates", "source_ref": "indicator--%s", "target_ref": "malware--%s"
				""".formatted(UUID, UUID));
		sdo("sighting", "\"sighting_of_ref\": \"indicator--" + UUID + "\"");
		sco("artifact", "\"mime_type\": \"image/jpeg\", \"payload_bin\": \"VBORw0KGgoAAAANSUhEUgAAADI==\"");
		sco("autonomous-system", "\"number\": 15139");
		sco("directory", "\"path\": \"C:\\\\Windows\\\\System32\"");
		sco("domain-name", "\"value\": \"example.com\"");
		sco("email-addr", "\"value\": \"john@example.com\"");
		sco("email-message", "\"is_multipart\": false, \"body\": \"Hello\"");
		sco("file", "\"hashes\": {\"SHA-256\": \"" + "a".repeat(64) + "\"}");
		sco("ipv4-addr", "\"value\": \"198.51.100.3\"");
		sco("ipv6-addr", "\"value\": \"2001:0db8:85a3:0000:0000:8a2e:0370:7334\"");
		sco("mac-addr", "\"value\": \"d2:fb:49:24:37:18\"");
		sco("mutex", "\"name\": \"__CLEANSWEEP__\"");
		sco("network-traffic", "\"protocols\": [\"ipv4\", \"tcp\"], \"dst_ref\": \"ipv4-addr--" + UUID + "\"");
		sco("process", "\"pid\": 1221");
		sco("software", "\"name\": \"Word\"");
		sco("url", "\"value\": \"https://example.com/research/index.html\"");
		sco("user-account", "\"user_id\": \"1001\"");
		sco("windows-registry-key", "\"key\": \"HKEY_LOCAL_MACHINE\\\\System\"");
		sco("x509-certificate", "\"serial_number\": \"36:f7:d4:32\"");
		sdo("language-content", """
				"object_ref": "campaign--%s", "contents": {"de": {"name": "Bank Angriff"}}
				""".formatted(UUID));
		VALID.put("marking-definition", """
				{"type": "marking-definition", "spec_version": "2.1", "id": "marking-definition--%s",
				 "created": "2016-08-01T00:00:00.000Z", "definition_type": "statement",
				 "definition": {"statement": "Copyright 2019, Example Corp"}}
				""".formatted(UUID));
		sdo("extension-definition", """
				"created_by_ref": "identity--%s", "name": "Extension Foo", "schema": "https://www.example.com/schema-foo/v1/",
				"version": "1.2.1", "extension_types": ["property-extension"]
				""".formatted(UUID));
	}

	private StixExamples() {
	}

	static ObjectNode valid(String type) {
		return (ObjectNode) JSON.readTree(VALID.get(type));
	}

	static ObjectNode parse(String json) {
		return (ObjectNode) JSON.readTree(json);
	}

	static String id(String type) {
		return type + "--" + UUID;
	}

	private static void sdo(String type, String properties) {
		VALID.put(type, "{\"type\": \"%s\", \"id\": \"%s--%s\", %s %s}".formatted(type, type, UUID, SDO, properties));
	}

	private static void sco(String type, String properties) {
		VALID.put(type, "{\"type\": \"%s\", \"spec_version\": \"2.1\", \"id\": \"%s--%s\", %s}".formatted(type, type, UUID, properties));
	}
}
