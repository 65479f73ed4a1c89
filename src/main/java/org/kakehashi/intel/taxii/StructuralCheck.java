package org.kakehashi.intel.taxii;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.kakehashi.intel.store.NewObject;
import org.kakehashi.intel.store.StixTime;

import tools.jackson.databind.JsonNode;

/**
 * What the store needs of every object, whether or not a full STIX validator is present: a type, an id of the
 * form {@code type--UUID}, STIX 2.1, well-formed created/modified with modified not before created, and nothing the
 * database cannot keep. It also decides each object's TAXII version: modified, else created, else (objects that
 * are never versioned, such as most SCOs) the fixed {@link #UNVERSIONED}. Public for bulk import, which applies the
 * same rules.
 */
public final class StructuralCheck {

	/** The version given to objects with neither modified nor created: constant, so re-posting one is a no-op. */
	public static final String UNVERSIONED = "1970-01-01T00:00:00.000Z";

	private static final Pattern TYPE = Pattern.compile("[a-z0-9][a-z0-9-]{1,248}[a-z0-9]");
	private static final Pattern UUID_FORM = Pattern.compile(
			"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

	/** Either a storable object or the reasons it is not one, with whatever id and version it had. */
	public record Result(@Nullable NewObject object, String id, String version, List<String> problems) {
	}

	private StructuralCheck() {
	}

	public static Result check(JsonNode node, String raw) {
		var problems = new ArrayList<String>();
		var type = text(node, "type");
		var id = text(node, "id");
		if (type == null || !TYPE.matcher(type).matches() || type.contains("--")) {
			problems.add("type: required; 3 to 250 lower-case letters, digits and hyphens");
		}
		if (id == null) {
			problems.add("id: required, of the form <type>--<UUID>");
		} else if (type != null && !(id.startsWith(type + "--") && UUID_FORM.matcher(id.substring(type.length() + 2)).matches())) {
			problems.add("id: must be \"" + type + "--\" followed by a lower-case UUID");
		}
		var created = timestamp(node, "created", problems);
		var modified = timestamp(node, "modified", problems);
		if (created != null && modified != null && modified.isBefore(created)) {
			problems.add("modified: must not be earlier than created");
		}
		var specVersion = text(node, "spec_version");
		if (node.has("spec_version") && specVersion == null) {
			problems.add("spec_version: must be a string");
		} else if (specVersion == null && node.has("created")) {
			// STIX 2.1 §3.2: SDOs, SROs and the like without spec_version are STIX 2.0.
			problems.add("spec_version: required; without it the object is STIX 2.0, and this server stores STIX 2.1");
		} else if (specVersion != null && !specVersion.equals("2.1")) {
			problems.add("spec_version: must be \"2.1\"");
		}
		if (containsNul(node)) {
			problems.add("the object contains U+0000, which cannot be stored");
		}
		var versionText = node.has("modified") ? text(node, "modified") : node.has("created") ? text(node, "created") : UNVERSIONED;
		var version = versionText == null ? "" : versionText;
		if (!problems.isEmpty()) {
			return new Result(null, id == null ? "" : id, version, problems);
		}
		var versionAt = modified != null ? modified : created != null ? created : Instant.EPOCH;
		return new Result(new NewObject(id, type, "2.1", version, versionAt, raw), id, version, List.of());
	}

	private static @Nullable String text(JsonNode node, String property) {
		var value = node.get(property);
		return value != null && value.isString() ? value.asString() : null;
	}

	private static @Nullable Instant timestamp(JsonNode node, String property, List<String> problems) {
		if (!node.has(property)) {
			return null;
		}
		var text = text(node, property);
		var parsed = text == null ? java.util.Optional.<Instant>empty() : StixTime.parse(text);
		if (parsed.isEmpty()) {
			problems.add(property + ": must be a STIX timestamp such as 2016-05-12T08:17:27.000Z");
			return null;
		}
		return parsed.get();
	}

	private static boolean containsNul(JsonNode node) {
		if (node.isString()) {
			return node.asString().indexOf('\u0000') >= 0;
		}
		if (node.isObject()) {
			for (var entry : node.properties()) {
				if (entry.getKey().indexOf('\u0000') >= 0 || containsNul(entry.getValue())) {
					return true;
				}
			}
			return false;
		}
		if (node.isArray()) {
			for (var element : node) {
				if (containsNul(element)) {
					return true;
				}
			}
		}
		return false;
	}
}
