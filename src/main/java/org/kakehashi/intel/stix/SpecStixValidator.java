package org.kakehashi.intel.stix;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

import tools.jackson.databind.JsonNode;

/**
 * Checks STIX 2.1 objects against the specification text (OASIS STIX 2.1 Errata 01): identifiers, timestamps,
 * common properties per object category, required properties and embedded-relationship targets per type,
 * extensions, data markings, and indicator patterns. Only MUST-level rules produce problems; open vocabularies
 * stay open. Stateless and allocation-light: nothing is created for a valid object beyond the empty result.
 */
@Component
public class SpecStixValidator implements StixValidator {

	/** Section 3.8: reserved for future versions, never to be used. */
	private static final Set<String> RESERVED = Set.of("severity", "username", "phone_number", "action");
	private static final Set<String> NEW_OBJECT_EXTENSIONS = Set.of("new-sdo", "new-sco", "new-sro");

	@Override
	public List<StixProblem> validate(JsonNode object) {
		var problems = new Problems(usableId(object), "");
		check(object, problems);
		return problems.list();
	}

	/**
	 * Checks a bundle (section 8): its {@code type} and {@code id}, then every object in {@code objects}. Like
	 * stix2-validator, and unlike the OASIS {@code bundle.json} schema (whose object list omits grouping, incident,
	 * location, note and opinion), each object is checked on its own against the rules of its type.
	 */
	public List<StixProblem> validateBundle(JsonNode bundle) {
		var problems = new Problems(usableId(bundle), "");
		if (!bundle.isObject()) {
			problems.add("", "a bundle must be a JSON object");
			return problems.list();
		}
		var type = bundle.get("type");
		if (type == null || !type.isString() || !type.stringValue().equals("bundle")) {
			problems.add("type", "must be 'bundle'");
		}
		var id = bundle.get("id");
		if (id == null) {
			problems.add("id", "is required");
		}
		else if (!id.isString() || !StixSyntax.isIdentifierOf(id.stringValue(), "bundle")) {
			problems.add("id", "must be bundle--<UUID>");
		}
		var objects = bundle.get("objects");
		if (objects == null || !PropertyChecks.list(objects, "objects", problems)) {
			return problems.list();
		}
		var all = new ArrayList<>(problems.list());
		for (int i = 0; i < objects.size(); i++) {
			var object = objects.get(i);
			var objectId = usableId(object);
			var objectProblems = new Problems(objectId, objectId == null ? "objects[" + i + "]." : "");
			check(object, objectProblems);
			all.addAll(objectProblems.list());
		}
		return all;
	}

	private static @Nullable String usableId(JsonNode object) {
		var id = object.get("id");
		return id != null && id.isString() ? id.stringValue() : null;
	}

	private static void check(JsonNode object, Problems problems) {
		if (!object.isObject()) {
			problems.add("", "a STIX object must be a JSON object");
			return;
		}
		var typeNode = object.get("type");
		if (typeNode == null) {
			problems.add("type", "is required");
			return;
		}
		if (!typeNode.isString() || !StixSyntax.isTypeName(typeNode.stringValue())) {
			problems.add("type", "must be 3–250 characters of a–z, 0–9 and single hyphens, starting with a letter");
			return;
		}
		String type = typeNode.stringValue();
		if (type.equals("bundle")) {
			problems.add("type", "a bundle is not a STIX object; it is checked as a bundle");
			return;
		}
		var rule = TypeRules.rule(type);
		var kind = rule != null ? rule.kind() : customKind(type, object);
		if (kind == null) {
			problems.add("type", "'" + type + "' is not a STIX 2.1 type, not a custom type (x-...) and not declared "
					+ "by an extension definition with extension_type new-sdo, new-sco or new-sro");
			return;
		}
		var id = object.get("id");
		if (id == null) {
			problems.add("id", "is required");
		}
		else if (!id.isString() || !StixSyntax.isIdentifierOf(id.stringValue(), type)) {
			problems.add("id", "must be " + type + "--<UUID> (an RFC 4122 UUID)");
		}
		for (var name : kind.required()) {
			if (!object.has(name)) {
				problems.add(name, "is required on " + kind.label()
						+ (name.equals("spec_version") ? " (without it the object is STIX 2.0)" : ""));
			}
		}
		for (var name : kind.notApplicable()) {
			if (object.has(name)) {
				problems.add(name, "is not used on " + kind.label());
			}
		}
		if (rule != null) {
			for (var name : rule.required()) {
				if (!object.has(name)) {
					problems.add(name, "is required on " + type);
				}
			}
		}
		for (var property : object.properties()) {
			checkProperty(property.getKey(), property.getValue(), object, type, kind, rule, problems);
		}
		PropertyChecks.order(object, "created", "modified", false, problems);
		if (kind == ObjectKind.MARKING_DEFINITION && id != null && id.isString()) {
			MarkingChecks.markingDefinition(object, id.stringValue(), problems);
		}
		if (rule != null && rule.check() != null) {
			rule.check().check(object, problems);
		}
	}

	/**
	 * The category of a type this validator does not define: what its extension declares, or for the deprecated
	 * {@code x-} custom objects, an SDO when it is versioned and an SCO otherwise; null when nothing vouches for it.
	 */
	private static @Nullable ObjectKind customKind(String type, JsonNode object) {
		var extensions = object.get("extensions");
		if (extensions != null && extensions.isObject()) {
			for (var extension : extensions.properties()) {
				var extensionType = extension.getValue().get("extension_type");
				if (extensionType != null && extensionType.isString()
						&& NEW_OBJECT_EXTENSIONS.contains(extensionType.stringValue())) {
					return switch (extensionType.stringValue()) {
						case "new-sco" -> ObjectKind.SCO;
						case "new-sro" -> ObjectKind.SRO;
						default -> ObjectKind.SDO;
					};
				}
			}
		}
		if (type.startsWith("x-")) {
			return object.has("created") || object.has("modified") ? ObjectKind.SDO : ObjectKind.SCO;
		}
		return null;
	}

	private static void checkProperty(String name, JsonNode value, JsonNode object, String type, ObjectKind kind,
			TypeRules.@Nullable Rule rule, Problems problems) {
		if (!StixSyntax.isPropertyName(name) && !name.equals("id")) {
			problems.add(name, "property names must be 3–250 characters of a–z, 0–9 and _");
		}
		if (RESERVED.contains(name)) {
			problems.add(name, "is a reserved property name (section 3.8) and must not be used");
		}
		if (value.isNull()) {
			problems.add(name, "must not be null; leave the property out instead");
			return;
		}
		switch (name) {
			case "type", "id" -> {
				// Checked before the properties.
			}
			case "spec_version" -> {
				if (!value.isString() || !value.stringValue().equals("2.1")) {
					problems.add(name, "must be '2.1'");
				}
			}
			case "created", "modified" -> {
				var timestamp = PropertyChecks.timestamp(value, name, problems);
				if (timestamp != null && kind.needsMilliseconds() && StixTimestamps.fractionDigits(timestamp) < 3) {
					problems.add(name, "must be precise to at least the millisecond (three digits after the seconds)");
				}
			}
			case "created_by_ref", "object_marking_refs" -> refOrRefs(name, value, TypeRules.COMMON_REFS.get(name), problems);
			case "revoked", "defanged" -> PropertyChecks.bool(value, name, problems);
			case "labels" -> PropertyChecks.stringList(value, name, problems);
			case "confidence" -> PropertyChecks.integer(value, name, 0, 100, problems);
			case "lang" -> MarkingChecks.language(value, name, problems);
			case "external_references" -> PropertyChecks.externalReferences(value, name, type, problems);
			case "granular_markings" -> MarkingChecks.granularMarkings(value, object, problems);
			case "extensions" -> extensions(value, type, rule, problems);
			case "kill_chain_phases" -> PropertyChecks.killChainPhases(value, name, problems);
			case "hashes" -> PropertyChecks.hashes(value, name, problems);
			default -> other(name, value, rule, problems);
		}
	}

	/**
	 * Type-specific properties. References are checked where the specification defines them; a custom property
	 * named {@code *_ref} is left alone, since section 3.1 asks reference properties to be so named but not the
	 * reverse (ATT&CK's {@code x_mitre_data_source_ref} is sometimes empty). The same holds for {@code _hex} and
	 * {@code _bin}, which are checked on the types this validator defines.
	 */
	private static void other(String name, JsonNode value, TypeRules.@Nullable Rule rule, Problems problems) {
		if (value.isArray() && value.isEmpty()) {
			problems.add(name, "must not be an empty list; leave the property out instead");
			return;
		}
		if (value.isObject() && value.isEmpty()) {
			problems.add(name, "must not be an empty dictionary; leave the property out instead");
			return;
		}
		if (rule == null) {
			return;
		}
		var target = rule.refs().get(name);
		if (target != null) {
			refOrRefs(name, value, target, problems);
		}
		else if (rule.timestamps().contains(name)) {
			PropertyChecks.timestamp(value, name, problems);
		}
		else if (name.endsWith("_hex")) {
			var hex = PropertyChecks.string(value, name, problems);
			if (hex != null && !StixSyntax.isHex(hex)) {
				problems.add(name, "must be an even number of hex digits");
			}
		}
		else if (name.endsWith("_bin")) {
			var base64 = PropertyChecks.string(value, name, problems);
			if (base64 != null && !StixSyntax.isBase64(base64)) {
				problems.add(name, "must be base64 (RFC 4648)");
			}
		}
	}

	/** Section 3.1: a name ending in {@code _ref} holds one identifier, {@code _refs} a list of them. */
	private static void refOrRefs(String name, JsonNode value, @Nullable RefTarget target, Problems problems) {
		if (name.endsWith("_refs")) {
			PropertyChecks.refs(value, name, target, problems);
		}
		else {
			PropertyChecks.ref(value, name, target, problems);
		}
	}

	/**
	 * Section 3.2 and 7.3: keys are extension-definition ids (whose values carry an {@code extension_type}), the
	 * predefined extensions of the object's type, or (deprecated, section 11.3) custom names starting with x-.
	 */
	private static void extensions(JsonNode value, String type, TypeRules.@Nullable Rule rule, Problems problems) {
		if (!PropertyChecks.dictionary(value, "extensions", problems)) {
			return;
		}
		Map<String, TypeRules.Rule> predefined = rule == null ? Map.of() : rule.extensions();
		for (var entry : value.properties()) {
			String key = entry.getKey();
			String path = "extensions." + key;
			var extension = entry.getValue();
			if (!PropertyChecks.dictionary(extension, path, problems)) {
				continue;
			}
			var extensionType = extension.get("extension_type");
			if (StixSyntax.isIdentifierOf(key, "extension-definition")) {
				if (extensionType == null) {
					problems.add(path + ".extension_type", "is required for an extension defined by an extension definition");
				}
				else {
					PropertyChecks.oneOf(extensionType, path + ".extension_type", TypeChecks.EXTENSION_TYPES, problems);
					if (rule != null && extensionType.isString()
							&& NEW_OBJECT_EXTENSIONS.contains(extensionType.stringValue())) {
						problems.add(path + ".extension_type", "an extension cannot redefine the STIX type " + type);
					}
				}
				continue;
			}
			var extensionRule = predefined.get(key);
			if (extensionRule != null) {
				predefinedExtension(extension, path, extensionRule, problems);
			}
			else if (!key.startsWith("x-")) {
				problems.add(path, "extension keys are extension-definition ids"
						+ (predefined.isEmpty() ? "" : ", the predefined extensions of " + type + " (" + String.join(", ", new TreeSet<>(predefined.keySet())) + ")")
						+ " or deprecated custom extensions starting with x-");
			}
		}
	}

	private static void predefinedExtension(JsonNode extension, String path, TypeRules.Rule rule, Problems problems) {
		for (var name : rule.required()) {
			if (!extension.has(name)) {
				problems.add(path + "." + name, "is required in " + rule.type());
			}
		}
		for (var property : extension.properties()) {
			String name = property.getKey();
			var value = property.getValue();
			String propertyPath = path + "." + name;
			if (rule.timestamps().contains(name)) {
				PropertyChecks.timestamp(value, propertyPath, problems);
			}
			else if (name.endsWith("_refs")) {
				PropertyChecks.refs(value, propertyPath, rule.refs().get(name), problems);
			}
			else if (name.endsWith("_ref")) {
				PropertyChecks.ref(value, propertyPath, rule.refs().get(name), problems);
			}
			else if (name.endsWith("_hex")) {
				var hex = PropertyChecks.string(value, propertyPath, problems);
				if (hex != null && !StixSyntax.isHex(hex)) {
					problems.add(propertyPath, "must be an even number of hex digits");
				}
			}
			else if (name.equals("hashes")) {
				PropertyChecks.hashes(value, propertyPath, problems);
			}
		}
		if (rule.check() != null) {
			rule.check().check(extension, problems);
		}
	}
}
