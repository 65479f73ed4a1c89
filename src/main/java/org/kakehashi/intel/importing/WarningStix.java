package org.kakehashi.intel.importing;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

import org.kakehashi.intel.stix.pattern.StixPattern;
import org.kakehashi.reporting.Observable;
import org.kakehashi.reporting.ObservableType;
import org.kakehashi.warnings.WarningLookup.PublishedWarning;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A published early warning as STIX 2.1: the TLP 2.0 marking definitions it uses, an {@code identity} for the
 * sender, a {@code course-of-action} carrying the countermeasures, a {@code vulnerability} per CVE id, an
 * {@code indicator} per observable, a {@code report} that ties them together with the summary and threat, and
 * {@code language-content} giving the English text of the report and the course of action. Every object carries the
 * warning's TLP marking (the sender's identity, public anyway, TLP:CLEAR). Ids derive from the warning, so a revision
 * is a new version of the same objects; an id once revoked is never used again (a value dropped and added back gets a
 * new id, since a revoked object cannot come back).
 */
final class WarningStix {

	/** Kakehashi's namespace for objects made from early warnings (fixed forever). */
	static final UUID WARNING_NAMESPACE = UUID.fromString("3c7d2f4e-8a51-5b09-9e3d-4b616b656877");

	private static final DateTimeFormatter STIX_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
		.withZone(ZoneOffset.UTC);
	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** The sender as a STIX identity: its name, and when the platform first and last described it. */
	record Sender(UUID organisationId, String name, Instant created, Instant modified) {

		String id() {
			return "identity--" + StixIds.v5(WARNING_NAMESPACE, "sender|" + organisationId);
		}
	}

	private WarningStix() {
	}

	/**
	 * The objects of the warning's current revision, versioned {@code modified}. {@code retired} lists ids revoked
	 * earlier in the collection, which are not used again. Marking definitions and the identity come first, the
	 * report and its translations last.
	 */
	static List<ObjectNode> objects(PublishedWarning warning, Tlp2 tlp, Sender sender, Instant modified,
			Set<String> retired) {
		var created = warning.publishedAt().truncatedTo(ChronoUnit.MILLIS);
		var at = STIX_TIME.format(created);
		var version = STIX_TIME.format(modified.truncatedTo(ChronoUnit.MILLIS));
		var marking = tlp.id();
		var ids = new Ids(warning, retired);
		var result = new ArrayList<ObjectNode>();
		result.add((ObjectNode) JSON.readTree(tlp.json()));
		if (tlp != Tlp2.CLEAR) {
			result.add((ObjectNode) JSON.readTree(Tlp2.CLEAR.json()));
		}
		var identity = NODES.objectNode();
		identity.put("type", "identity");
		identity.put("spec_version", "2.1");
		identity.put("id", sender.id());
		identity.put("created", STIX_TIME.format(sender.created().truncatedTo(ChronoUnit.MILLIS)));
		identity.put("modified", STIX_TIME.format(sender.modified().truncatedTo(ChronoUnit.MILLIS)));
		identity.put("name", sender.name());
		identity.put("identity_class", "organization");
		identity.putArray("object_marking_refs").add(Tlp2.CLEAR.id());
		result.add(identity);

		var english = warning.titleJa().isBlank();
		var lang = english ? "en" : "ja";
		var title = pick(warning.titleJa(), warning.titleEn());
		var refs = new ArrayList<String>();

		var action = sdo("course-of-action", ids.of("course-of-action", "countermeasures"), sender, at, version, marking);
		action.put("name", (english ? "Countermeasures: " : "対策: ") + title);
		action.put("description", pick(warning.countermeasuresJa(), warning.countermeasuresEn()));
		action.put("lang", warning.countermeasuresJa().isBlank() ? "en" : "ja");
		result.add(action);
		refs.add(action.get("id").asString());

		for (var cve : warning.cveIds()) {
			var vulnerability = sdo("vulnerability", ids.of("vulnerability", "cve|" + cve), sender, at, version,
					marking);
			vulnerability.put("name", cve);
			var reference = vulnerability.putArray("external_references").addObject();
			reference.put("source_name", "cve");
			reference.put("external_id", cve);
			reference.put("url", "https://www.cve.org/CVERecord?id=" + cve);
			result.add(vulnerability);
			refs.add(vulnerability.get("id").asString());
		}

		for (var item : warning.indicators()) {
			var observable = observable(item);
			var mapped = observable == null ? null : BundleExport.sco(observable);
			if (mapped == null) {
				continue;
			}
			// Only patterns the validator's own parser accepts leave the platform.
			StixPattern.parse(mapped.pattern());
			var indicator = BundleExport.indicator(WARNING_NAMESPACE, warning.id().toString(), warning.number(),
					observable, mapped.pattern(), at);
			indicator.put("id", ids.retire(indicator.get("id").asString()));
			indicator.put("modified", version);
			indicator.put("created_by_ref", sender.id());
			indicator.putArray("indicator_types").add("malicious-activity");
			indicator.putArray("object_marking_refs").add(marking);
			result.add(indicator);
			refs.add(indicator.get("id").asString());
		}

		var report = sdo("report", ids.of("report", "report"), sender, at, version, marking);
		report.put("name", title);
		report.put("description", description(warning, english));
		report.putArray("report_types").add("threat-report");
		report.put("published", at);
		report.put("lang", lang);
		var labels = report.putArray("labels");
		labels.add("early-warning");
		labels.add("urgency-" + warning.urgency().toLowerCase(Locale.ROOT));
		var references = report.putArray("external_references");
		var own = references.addObject();
		own.put("source_name", "kakehashi");
		own.put("external_id", warning.number());
		own.put("description", "Early warning " + warning.number() + ", revision " + warning.revision());
		for (var cve : warning.cveIds()) {
			var reference = references.addObject();
			reference.put("source_name", "cve");
			reference.put("external_id", cve);
		}
		for (var url : warning.referenceUrls()) {
			var reference = references.addObject();
			reference.put("source_name", "reference");
			reference.put("url", url);
		}
		var objectRefs = report.putArray("object_refs");
		refs.forEach(objectRefs::add);
		result.add(report);

		// The other language, as STIX says translations travel: language-content for the report and the action.
		if (!english) {
			var reportEn = NODES.objectNode();
			put(reportEn, "name", warning.titleEn());
			put(reportEn, "description", description(warning, true, true));
			translation(result, ids, report, reportEn, sender, version, marking);
			var actionEn = NODES.objectNode();
			if (!warning.titleEn().isBlank() && !warning.countermeasuresJa().isBlank()
					&& !warning.countermeasuresEn().isBlank()) {
				actionEn.put("name", "Countermeasures: " + warning.titleEn());
			}
			if (!warning.countermeasuresJa().isBlank()) {
				put(actionEn, "description", warning.countermeasuresEn());
			}
			translation(result, ids, action, actionEn, sender, version, marking);
		}
		return result;
	}

	/** A revoked version of a stored object: the same content, a later {@code modified}, {@code revoked: true}. */
	static ObjectNode revoked(ObjectNode stored, Instant modified) {
		var copy = stored.deepCopy();
		copy.put("modified", STIX_TIME.format(modified.truncatedTo(ChronoUnit.MILLIS)));
		copy.put("revoked", true);
		return copy;
	}

	private static void translation(List<ObjectNode> result, Ids ids, ObjectNode object, ObjectNode english,
			Sender sender, String version, String marking) {
		if (english.isEmpty()) {
			return;
		}
		var content = sdo("language-content", ids.of("language-content", "en|" + object.get("type").asString()),
				sender, object.get("created").asString(), version, marking);
		content.put("object_ref", object.get("id").asString());
		content.put("object_modified", object.get("modified").asString());
		content.putObject("contents").set("en", english);
		result.add(content);
	}

	private static ObjectNode sdo(String type, String id, Sender sender, String created, String modified,
			String marking) {
		var node = NODES.objectNode();
		node.put("type", type);
		node.put("spec_version", "2.1");
		node.put("id", id);
		node.put("created_by_ref", sender.id());
		node.put("created", created);
		node.put("modified", modified);
		node.putArray("object_marking_refs").add(marking);
		return node;
	}

	private static String description(PublishedWarning warning, boolean english) {
		return description(warning, english, false);
	}

	/** Summary, threat and affected products; {@code onlyEnglish} takes nothing from the Japanese text. */
	private static String description(PublishedWarning warning, boolean english, boolean onlyEnglish) {
		var summary = onlyEnglish ? warning.summaryEn() : pick(warning.summaryJa(), warning.summaryEn());
		var threat = onlyEnglish ? warning.threatEn() : pick(warning.threatJa(), warning.threatEn());
		var text = new StringBuilder(summary.strip());
		if (!threat.isBlank()) {
			section(text, english ? "Threat:" : "【脅威】", threat);
		}
		if (!warning.affectedProducts().isBlank() && (!onlyEnglish || text.length() > 0)) {
			section(text, english ? "Affected products:" : "【影響を受ける製品】", warning.affectedProducts());
		}
		return text.toString();
	}

	private static void section(StringBuilder text, String heading, String body) {
		if (text.length() > 0) {
			text.append("\n\n");
		}
		text.append(heading).append('\n').append(body.strip());
	}

	private static void put(ObjectNode node, String name, String value) {
		if (!value.isBlank()) {
			node.put(name, value);
		}
	}

	private static String pick(String japanese, String english) {
		return japanese.isBlank() ? english : japanese;
	}

	private static @org.jspecify.annotations.Nullable Observable observable(
			org.kakehashi.warnings.WarningLookup.Indicator indicator) {
		try {
			return Observable.of(ObservableType.valueOf(indicator.type()), indicator.value()).orElse(null);
		}
		catch (IllegalArgumentException unknownType) {
			return null;
		}
	}

	/** Ids derived from the warning; one revoked before is replaced by one derived from it and the revision. */
	private static final class Ids {

		private final PublishedWarning warning;
		private final Set<String> retired;
		private final HashMap<String, String> memo = new HashMap<>();

		Ids(PublishedWarning warning, Set<String> retired) {
			this.warning = warning;
			this.retired = retired;
		}

		String of(String type, String name) {
			return retire(type + "--" + StixIds.v5(WARNING_NAMESPACE, warning.id() + "|" + name));
		}

		String retire(String id) {
			return memo.computeIfAbsent(id, original -> {
				var candidate = original;
				while (retired.contains(candidate)) {
					var type = candidate.substring(0, candidate.indexOf("--"));
					candidate = type + "--" + StixIds.v5(WARNING_NAMESPACE, candidate + "|revision " + warning.revision());
				}
				return candidate;
			});
		}
	}
}
