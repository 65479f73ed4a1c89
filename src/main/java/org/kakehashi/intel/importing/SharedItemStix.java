package org.kakehashi.intel.importing;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.kakehashi.intel.stix.pattern.StixPattern;
import org.kakehashi.sharing.PublishedItem;
import org.kakehashi.sharing.Tlp;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A published shared item as STIX 2.1: an {@code identity} for the hub that published it, a {@code report} carrying
 * the sanitised text, analysis and countermeasures, and each attacker observable as an SCO with an indicator; every
 * object marked with the item's TLP 2.0 marking definition. Ids derive from the item, so placing it twice gives the
 * same objects, and a withdrawal is a new version of the report with {@code revoked: true}.
 */
final class SharedItemStix {

	/** Kakehashi's namespace for objects made from shared items (fixed forever). */
	static final UUID ITEM_NAMESPACE = UUID.fromString("5f0c8a8e-3b1d-5e62-8f0a-4b616b656873");

	/** The TLP 2.0 marking definitions' fixed ids (FIRST TLP 2.0, STIX extension-definition--60a3c5c5-…). */
	static final Map<Tlp, String> TLP_MARKINGS = Map.of(
			Tlp.CLEAR, "marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487",
			Tlp.GREEN, "marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb",
			Tlp.AMBER, "marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421",
			Tlp.AMBER_STRICT, "marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003",
			Tlp.RED, "marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1");

	private static final DateTimeFormatter STIX_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
		.withZone(ZoneOffset.UTC);
	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	private SharedItemStix() {
	}

	static String reportId(UUID itemId) {
		return "report--" + StixIds.v5(ITEM_NAMESPACE, itemId.toString());
	}

	/** The objects, report last; {@code revokedAt} makes the report's new version revoked. */
	static List<ObjectNode> objects(PublishedItem item, String hubName, Instant revokedAt) {
		var objects = objects(item, hubName);
		var report = objects.get(objects.size() - 1);
		report.put("modified", STIX_TIME.format(later(revokedAt, item.publishedAt())));
		report.put("revoked", true);
		return objects;
	}

	static List<ObjectNode> objects(PublishedItem item, String hubName) {
		var at = STIX_TIME.format(item.publishedAt().truncatedTo(ChronoUnit.MILLIS));
		var marking = TLP_MARKINGS.get(item.tlp());
		var result = new ArrayList<ObjectNode>();
		var identity = NODES.objectNode();
		identity.put("type", "identity");
		identity.put("spec_version", "2.1");
		identity.put("id", "identity--" + StixIds.v5(ITEM_NAMESPACE, "hub|" + item.hubOrganisationId()));
		identity.put("created", at);
		identity.put("modified", at);
		identity.put("name", hubName);
		identity.put("identity_class", "organization");
		result.add(identity);
		var identityId = identity.get("id").asString();
		var refs = new ArrayList<String>();
		for (var observable : item.attackerObservables()) {
			var mapped = BundleExport.sco(observable);
			if (mapped == null) {
				continue;
			}
			// Only patterns the validator's own parser accepts leave the platform.
			StixPattern.parse(mapped.pattern());
			var sco = mapped.sco();
			sco.putArray("object_marking_refs").add(marking);
			result.add(sco);
			refs.add(sco.get("id").asString());
			var indicator = BundleExport.indicator(ITEM_NAMESPACE, item.id().toString(), item.number(), observable,
					mapped.pattern(), at);
			indicator.put("created_by_ref", identityId);
			indicator.putArray("indicator_types").add("malicious-activity");
			indicator.putArray("object_marking_refs").add(marking);
			result.add(indicator);
			refs.add(indicator.get("id").asString());
		}
		var report = NODES.objectNode();
		report.put("type", "report");
		report.put("spec_version", "2.1");
		report.put("id", reportId(item.id()));
		report.put("created_by_ref", identityId);
		report.put("created", at);
		report.put("modified", at);
		report.put("name", item.number() + " " + item.title());
		report.put("description", description(item));
		report.putArray("report_types").add("threat-report");
		report.put("published", at);
		report.put("lang", item.language());
		var objectRefs = report.putArray("object_refs");
		// A report must reference at least one object: without observables, its author.
		(refs.isEmpty() ? List.of(identityId) : refs).forEach(objectRefs::add);
		report.putArray("object_marking_refs").add(marking);
		result.add(report);
		return result;
	}

	private static String description(PublishedItem item) {
		var japanese = "ja".equals(item.language());
		var text = new StringBuilder(item.body());
		if (!item.analysis().isBlank()) {
			text.append("\n\n").append(japanese ? "【分析】" : "Analysis:").append('\n').append(item.analysis());
		}
		if (!item.countermeasures().isBlank()) {
			text.append("\n\n").append(japanese ? "【推奨される対策】" : "Recommended countermeasures:").append('\n')
				.append(item.countermeasures());
		}
		return text.toString();
	}

	/** STIX needs modified > created for a new version; a withdrawal in the same millisecond moves one on. */
	private static Instant later(Instant at, Instant than) {
		var truncated = at.truncatedTo(ChronoUnit.MILLIS);
		var base = than.truncatedTo(ChronoUnit.MILLIS);
		return truncated.isAfter(base) ? truncated : base.plusMillis(1);
	}
}
