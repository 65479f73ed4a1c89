package org.kakehashi.intel.stix;

import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import tools.jackson.databind.JsonNode;

/** Data markings (section 7.2): granular markings and their selectors, marking definitions, TLP 1.0 and TLP 2.0. */
final class MarkingChecks {

	/** The STIX 2.1 extension that carries TLP 2.0 levels (cti-stix-common-objects, tlp-2.0). */
	static final String TLP_2_EXTENSION = "extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d";

	/** Section 7.2.1.4: the only four TLP 1.0 marking definitions allowed, by id. */
	static final Map<String, String> TLP_1 = Map.of(
			"marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9", "white",
			"marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da", "green",
			"marking-definition--f88d31f6-486f-44da-b317-01333bde0b82", "amber",
			"marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed", "red");

	/** The five TLP 2.0 marking definitions published with the extension, by id. */
	static final Map<String, String> TLP_2 = Map.of(
			"marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487", "clear",
			"marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb", "green",
			"marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421", "amber",
			"marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003", "amber+strict",
			"marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1", "red");

	private static final Set<String> TLP_2_LEVELS = Set.of("clear", "green", "amber", "amber+strict", "red");
	private static final RefTarget MARKING = RefTarget.of("marking-definition");

	private MarkingChecks() {
	}

	/** Section 7.2.3: each granular marking has selectors and exactly one of {@code marking_ref} and {@code lang}. */
	static void granularMarkings(JsonNode value, JsonNode object, Problems problems) {
		String path = "granular_markings";
		if (!PropertyChecks.list(value, path, problems)) {
			return;
		}
		for (int i = 0; i < value.size(); i++) {
			var marking = value.get(i);
			String itemPath = path + "[" + i + "]";
			if (!marking.isObject()) {
				problems.add(itemPath, "must be a granular marking (JSON object)");
				continue;
			}
			var ref = marking.get("marking_ref");
			var lang = marking.get("lang");
			if ((ref == null) == (lang == null)) {
				problems.add(itemPath, "must have exactly one of marking_ref and lang");
			}
			if (ref != null) {
				PropertyChecks.ref(ref, itemPath + ".marking_ref", MARKING, problems);
			}
			if (lang != null) {
				language(lang, itemPath + ".lang", problems);
			}
			var selectors = marking.get("selectors");
			if (selectors == null) {
				problems.add(itemPath + ".selectors", "is required");
			}
			else if (PropertyChecks.list(selectors, itemPath + ".selectors", problems)) {
				for (int s = 0; s < selectors.size(); s++) {
					var selector = selectors.get(s);
					String selectorPath = itemPath + ".selectors[" + s + "]";
					if (!selector.isString()) {
						problems.add(selectorPath, "must be a string");
					}
					else {
						var wrong = selectorProblem(selector.stringValue(), object);
						if (wrong != null) {
							problems.add(selectorPath, wrong);
						}
					}
				}
			}
		}
	}

	/**
	 * A selector is dot-separated property names, dictionary keys and {@code [n]} list indexes, and must select
	 * content present on the object ({@code external_references.[0].source_name}).
	 */
	static @Nullable String selectorProblem(String selector, JsonNode object) {
		if (selector.isEmpty()) {
			return "must not be empty";
		}
		JsonNode current = object;
		int start = 0;
		while (start <= selector.length()) {
			int end = selector.indexOf('.', start);
			if (end < 0) {
				end = selector.length();
			}
			if (end == start) {
				return "'" + selector + "' has an empty component";
			}
			if (selector.charAt(start) == '[') {
				if (selector.charAt(end - 1) != ']' || end - start < 3) {
					return "'" + selector + "' has a malformed list index";
				}
				int index = 0;
				for (int i = start + 1; i < end - 1; i++) {
					char c = selector.charAt(i);
					if (!StixSyntax.isDigit(c) || index > 100_000_000) {
						return "'" + selector + "' has a list index that is not a non-negative integer";
					}
					index = index * 10 + c - '0';
				}
				if (!current.isArray() || index >= current.size()) {
					return "'" + selector + "' selects a list item the object does not have";
				}
				current = current.get(index);
			}
			else {
				String key = selector.substring(start, end);
				if (!current.isObject() || !current.has(key)) {
					return "'" + selector + "' selects a property the object does not have";
				}
				current = current.get(key);
			}
			start = end + 1;
		}
		return null;
	}

	static void language(JsonNode value, String path, Problems problems) {
		var tag = PropertyChecks.string(value, path, problems);
		if (tag != null && !StixSyntax.isLanguageTag(tag)) {
			problems.add(path, "must be an RFC 5646 language code");
		}
	}

	/**
	 * Section 7.2.1: {@code definition_type} and {@code definition} unless extensions are used; TLP 1.0 only as the
	 * four predefined objects; statements carry a statement; TLP 2.0 levels from the extension's vocabulary.
	 */
	static void markingDefinition(JsonNode marking, String id, Problems problems) {
		var extensions = marking.get("extensions");
		var definitionType = marking.get("definition_type");
		var definition = marking.get("definition");
		if (extensions == null) {
			if (definitionType == null) {
				problems.add("definition_type", "is required when extensions is absent");
			}
			if (definition == null) {
				problems.add("definition", "is required when extensions is absent");
			}
		}
		if (definition != null && !definition.isObject()) {
			problems.add("definition", "must be a marking object (JSON object)");
			definition = null;
		}
		if (definitionType != null && definitionType.isString()) {
			switch (definitionType.stringValue()) {
				case "tlp" -> tlp1(id, definition, problems);
				case "statement" -> {
					if (definition != null) {
						var statement = definition.get("statement");
						if (statement == null) {
							problems.add("definition.statement", "is required for a statement marking");
						}
						else {
							PropertyChecks.string(statement, "definition.statement", problems);
						}
					}
				}
				default -> {
					// An open vocabulary: other definition types are allowed and not interpreted.
				}
			}
		}
		else if (definitionType != null) {
			problems.add("definition_type", "must be a string");
		}
		if (extensions != null && extensions.isObject()) {
			var tlp = extensions.get(TLP_2_EXTENSION);
			if (tlp != null && tlp.isObject()) {
				tlp2(id, tlp, problems);
			}
			else if (TLP_2.containsKey(id)) {
				problems.add("extensions", "the TLP 2.0 marking definition " + id + " must carry the TLP 2.0 extension");
			}
		}
		var markingRefs = marking.get("object_marking_refs");
		if (markingRefs != null && markingRefs.isArray()) {
			for (int i = 0; i < markingRefs.size(); i++) {
				if (markingRefs.get(i).isString() && markingRefs.get(i).stringValue().equals(id)) {
					problems.add("object_marking_refs[" + i + "]", "a marking definition must not mark itself");
				}
			}
		}
	}

	private static void tlp1(String id, @Nullable JsonNode definition, Problems problems) {
		var color = TLP_1.get(id);
		if (color == null) {
			problems.add("definition_type",
					"TLP 1.0 markings must be one of the four predefined marking definitions of section 7.2.1.4");
			return;
		}
		var tlp = definition == null ? null : definition.get("tlp");
		if (tlp == null || !tlp.isString() || !tlp.stringValue().equals(color)) {
			problems.add("definition.tlp", "must be '" + color + "' for " + id);
		}
	}

	private static void tlp2(String id, JsonNode extension, Problems problems) {
		String path = "extensions." + TLP_2_EXTENSION;
		var level = extension.get("tlp_2_0");
		if (level == null) {
			problems.add(path + ".tlp_2_0", "is required");
			return;
		}
		PropertyChecks.oneOf(level, path + ".tlp_2_0", TLP_2_LEVELS, problems);
		var expected = TLP_2.get(id);
		if (expected != null && level.isString() && !expected.equals(level.stringValue())) {
			problems.add(path + ".tlp_2_0", "must be '" + expected + "' for " + id);
		}
		var type = extension.get("extension_type");
		if (type != null && type.isString() && !type.stringValue().equals("property-extension")) {
			problems.add(path + ".extension_type", "must be property-extension for TLP 2.0");
		}
	}
}
