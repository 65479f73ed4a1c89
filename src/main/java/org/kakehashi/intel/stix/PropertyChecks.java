package org.kakehashi.intel.stix;

import java.util.Set;
import java.util.TreeSet;

import org.jspecify.annotations.Nullable;

import tools.jackson.databind.JsonNode;

/** Checks of single property values against the common data types of section 2; each reports under {@code path}. */
final class PropertyChecks {

	private static final long MAX_INTEGER = (1L << 53) - 1;
	private static final String[] REFERENCE_TEXTS = { "description", "url", "external_id" };
	private static final String[] PHASE_NAMES = { "kill_chain_name", "phase_name" };

	private PropertyChecks() {
	}

	/** The value as a string, or null (reported) when it is something else. */
	static @Nullable String string(JsonNode value, String path, Problems problems) {
		if (value.isString()) {
			return value.stringValue();
		}
		problems.add(path, "must be a string");
		return null;
	}

	/** The property of {@code object} as a string when present and a string; a wrong type is reported. */
	static @Nullable String optionalString(JsonNode object, String name, Problems problems) {
		var value = object.get(name);
		return value == null ? null : string(value, name, problems);
	}

	static void nonEmptyString(JsonNode value, String path, Problems problems) {
		var text = string(value, path, problems);
		if (text != null && text.isEmpty()) {
			problems.add(path, "must not be empty");
		}
	}

	/** A timestamp (section 2.16); returns the text when valid. */
	static @Nullable String timestamp(JsonNode value, String path, Problems problems) {
		var text = string(value, path, problems);
		if (text == null) {
			return null;
		}
		if (!StixTimestamps.isValid(text)) {
			problems.add(path, "must be an RFC 3339 timestamp in UTC, YYYY-MM-DDTHH:mm:ss[.s+]Z");
			return null;
		}
		return text;
	}

	/** {@code later} must not be before {@code earlier} (or must be after it, when {@code strict}). */
	static void order(JsonNode object, String earlier, String later, boolean strict, Problems problems) {
		var first = object.get(earlier);
		var second = object.get(later);
		if (first == null || second == null || !first.isString() || !second.isString()) {
			return;
		}
		String a = first.stringValue();
		String b = second.stringValue();
		if (!StixTimestamps.isValid(a) || !StixTimestamps.isValid(b)) {
			return;
		}
		int comparison = StixTimestamps.compare(b, a);
		if (comparison < 0 || (strict && comparison == 0)) {
			problems.add(later, "must be " + (strict ? "later than '" : "later than or equal to '") + earlier + "'");
		}
	}

	static void bool(JsonNode value, String path, Problems problems) {
		if (!value.isBoolean()) {
			problems.add(path, "must be true or false");
		}
	}

	/** An integer (section 2.10: within the 54-bit range) between {@code minimum} and {@code maximum}. */
	static void integer(JsonNode value, String path, long minimum, long maximum, Problems problems) {
		if (!value.isIntegralNumber() || !value.canConvertToLong()) {
			problems.add(path, "must be an integer");
			return;
		}
		long number = value.longValue();
		if (number < Math.max(minimum, -MAX_INTEGER) || number > Math.min(maximum, MAX_INTEGER)) {
			problems.add(path, "must be between " + Math.max(minimum, -MAX_INTEGER) + " and " + Math.min(maximum, MAX_INTEGER));
		}
	}

	static void number(JsonNode value, String path, double minimum, double maximum, Problems problems) {
		if (!value.isNumber()) {
			problems.add(path, "must be a number");
		}
		else if (value.doubleValue() < minimum || value.doubleValue() > maximum) {
			problems.add(path, "must be between " + minimum + " and " + maximum);
		}
	}

	/** A value from a closed enumeration (section 2.4). */
	static void oneOf(JsonNode value, String path, Set<String> allowed, Problems problems) {
		var text = string(value, path, problems);
		if (text != null && !allowed.contains(text)) {
			problems.add(path, "must be one of " + String.join(", ", new TreeSet<>(allowed)));
		}
	}

	/** A non-empty list (section 2.12); returns false (reported) otherwise. */
	static boolean list(JsonNode value, String path, Problems problems) {
		if (!value.isArray()) {
			problems.add(path, "must be a list");
			return false;
		}
		if (value.isEmpty()) {
			problems.add(path, "must not be an empty list");
			return false;
		}
		return true;
	}

	static void stringList(JsonNode value, String path, Problems problems) {
		if (list(value, path, problems)) {
			for (int i = 0; i < value.size(); i++) {
				if (!value.get(i).isString()) {
					problems.add(path + "[" + i + "]", "must be a string");
				}
			}
		}
	}

	static void enumList(JsonNode value, String path, Set<String> allowed, Problems problems) {
		if (list(value, path, problems)) {
			for (int i = 0; i < value.size(); i++) {
				oneOf(value.get(i), path + "[" + i + "]", allowed, problems);
			}
		}
	}

	/** A non-empty JSON object (section 2.3); returns false (reported) otherwise. */
	static boolean dictionary(JsonNode value, String path, Problems problems) {
		if (!value.isObject()) {
			problems.add(path, "must be a dictionary (JSON object)");
			return false;
		}
		if (value.isEmpty()) {
			problems.add(path, "must not be an empty dictionary");
			return false;
		}
		return true;
	}

	/** An identifier reference (section 2.9) to an object of an allowed type. */
	static void ref(JsonNode value, String path, @Nullable RefTarget target, Problems problems) {
		var id = string(value, path, problems);
		if (id == null) {
			return;
		}
		if (!StixSyntax.isIdentifier(id)) {
			problems.add(path, "must be an identifier, <type>--<UUID>");
		}
		else if (target != null && !target.allows(StixSyntax.typeOf(id))) {
			problems.add(path, "must refer to " + target.description() + ", not to a " + StixSyntax.typeOf(id));
		}
	}

	static void refs(JsonNode value, String path, @Nullable RefTarget target, Problems problems) {
		if (list(value, path, problems)) {
			for (int i = 0; i < value.size(); i++) {
				ref(value.get(i), path + "[" + i + "]", target, problems);
			}
		}
	}

	/** Section 2.7: keys of 3–250 characters; values in the format of the algorithm when it is a known one. */
	static void hashes(JsonNode value, String path, Problems problems) {
		if (!dictionary(value, path, problems)) {
			return;
		}
		for (var entry : value.properties()) {
			String algorithm = entry.getKey();
			String entryPath = path + "." + algorithm;
			if (!StixSyntax.isDictionaryKey(algorithm, 3)) {
				problems.add(entryPath, "hash algorithm names are 3–250 ASCII letters, digits, hyphens and underscores");
			}
			var hash = string(entry.getValue(), entryPath, problems);
			if (hash == null) {
				continue;
			}
			int hexLength = switch (algorithm) {
				case "MD5" -> 32;
				case "SHA-1" -> 40;
				case "SHA-256", "SHA3-256" -> 64;
				case "SHA-512", "SHA3-512" -> 128;
				default -> 0;
			};
			if (hexLength > 0 && !StixSyntax.isHexOfLength(hash, hexLength)) {
				problems.add(entryPath, "must be " + hexLength + " hex digits for " + algorithm);
			}
			else if (hash.isEmpty()) {
				problems.add(entryPath, "must not be empty");
			}
		}
	}

	/** Section 2.5: {@code source_name} and at least one of {@code description}, {@code url}, {@code external_id}. */
	static void externalReferences(JsonNode value, String path, @Nullable String objectType, Problems problems) {
		if (!list(value, path, problems)) {
			return;
		}
		for (int i = 0; i < value.size(); i++) {
			var reference = value.get(i);
			String itemPath = path + "[" + i + "]";
			if (!reference.isObject()) {
				problems.add(itemPath, "must be an external reference (JSON object)");
				continue;
			}
			var source = reference.get("source_name");
			if (source == null) {
				problems.add(itemPath + ".source_name", "is required");
			}
			else {
				string(source, itemPath + ".source_name", problems);
			}
			if (!reference.has("description") && !reference.has("url") && !reference.has("external_id")) {
				problems.add(itemPath, "needs at least one of description, url or external_id");
			}
			for (var name : REFERENCE_TEXTS) {
				var field = reference.get(name);
				if (field != null) {
					string(field, itemPath + "." + name, problems);
				}
			}
			var hashes = reference.get("hashes");
			if (hashes != null) {
				hashes(hashes, itemPath + ".hashes", problems);
			}
			checkExternalId(reference, itemPath, objectType, problems);
		}
	}

	/** CAPEC ids on attack patterns (section 4.1) and CVE ids on vulnerabilities (section 4.19) have fixed forms. */
	private static void checkExternalId(JsonNode reference, String path, @Nullable String objectType, Problems problems) {
		var source = reference.get("source_name");
		var id = reference.get("external_id");
		if (source == null || id == null || !source.isString() || !id.isString()) {
			return;
		}
		String text = id.stringValue();
		if ("attack-pattern".equals(objectType) && source.stringValue().equals("capec")
				&& !(text.startsWith("CAPEC-") && digits(text, 6, text.length()))) {
			problems.add(path + ".external_id", "a CAPEC id must be written CAPEC-<number>");
		}
		if ("vulnerability".equals(objectType) && source.stringValue().equals("cve")
				&& !(text.startsWith("CVE-") && text.length() >= 13 && digits(text, 4, 8) && text.charAt(8) == '-'
						&& digits(text, 9, text.length()))) {
			problems.add(path + ".external_id", "a CVE id must be written CVE-<year>-<number>");
		}
	}

	private static boolean digits(String text, int from, int to) {
		if (to <= from) {
			return false;
		}
		for (int i = from; i < to; i++) {
			if (!StixSyntax.isDigit(text.charAt(i))) {
				return false;
			}
		}
		return true;
	}

	/** Section 2.11: {@code kill_chain_name} and {@code phase_name}, both strings. */
	static void killChainPhases(JsonNode value, String path, Problems problems) {
		if (!list(value, path, problems)) {
			return;
		}
		for (int i = 0; i < value.size(); i++) {
			var phase = value.get(i);
			String itemPath = path + "[" + i + "]";
			if (!phase.isObject()) {
				problems.add(itemPath, "must be a kill chain phase (JSON object)");
				continue;
			}
			for (var name : PHASE_NAMES) {
				var field = phase.get(name);
				if (field == null) {
					problems.add(itemPath + "." + name, "is required");
				}
				else {
					nonEmptyString(field, itemPath + "." + name, problems);
				}
			}
		}
	}
}
