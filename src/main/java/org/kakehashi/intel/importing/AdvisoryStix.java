package org.kakehashi.intel.importing;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.kakehashi.vulns.AdvisoryLookup.PublishedAdvisory;
import org.kakehashi.vulns.AdvisoryLookup.PublishedVulnerability;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A published vulnerability advisory as STIX 2.1: the TLP:CLEAR marking definition (an advisory is public), an
 * {@code identity} for its publisher, a {@code vulnerability} per vulnerability of the advisory (named by its CVE id,
 * else its English title, with CVE, CWE and advisory references), a {@code report} of the advisory whose
 * {@code object_refs} are the vulnerabilities, and {@code language-content} giving each one's Japanese text. The
 * English text sits in the objects because most TAXII consumers read only the main properties.
 * <p>
 * Ids derive from the case and the vulnerability's number in it (which never changes, while a CVE id may arrive
 * in a later revision), so a revision is a new version of the same objects; an id once revoked is never used again.
 */
final class AdvisoryStix {

	/** Kakehashi's namespace for objects made from published advisories (fixed forever: ids must not change). */
	static final UUID ADVISORY_NAMESPACE = UUID.fromString("5a0c9e31-7d4b-5f26-8c1a-4b616b656876");

	private static final DateTimeFormatter STIX_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
		.withZone(ZoneOffset.UTC);
	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** The publisher as a STIX identity; keyed by its name, which is all an advisory says of it. */
	record Publisher(String name, Instant created) {

		String id() {
			return "identity--" + StixIds.v5(ADVISORY_NAMESPACE, "publisher|" + name);
		}
	}

	private AdvisoryStix() {
	}

	/** The report's id before any retirement: what a reader can look the advisory up by. */
	static String reportId(UUID caseId) {
		return "report--" + StixIds.v5(ADVISORY_NAMESPACE, caseId + "|report");
	}

	/** A vulnerability's id before any retirement. */
	static String vulnerabilityId(UUID caseId, int ordinal) {
		return "vulnerability--" + StixIds.v5(ADVISORY_NAMESPACE, caseId + "|vulnerability " + ordinal);
	}

	/**
	 * The objects of the advisory's latest revision, versioned {@code modified}. {@code retired} lists ids revoked
	 * earlier, which are not used again. The marking definition and the identity come first, the report and the
	 * translations last.
	 */
	static List<ObjectNode> objects(PublishedAdvisory advisory, Publisher publisher, Instant modified,
			Set<String> retired) {
		var at = STIX_TIME.format(advisory.firstPublishedAt().truncatedTo(ChronoUnit.MILLIS));
		var version = STIX_TIME.format(modified.truncatedTo(ChronoUnit.MILLIS));
		var ids = new Ids(advisory, retired);
		var result = new ArrayList<ObjectNode>();
		result.add((ObjectNode) JSON.readTree(Tlp2.CLEAR.json()));
		var identity = NODES.objectNode();
		identity.put("type", "identity");
		identity.put("spec_version", "2.1");
		identity.put("id", publisher.id());
		var since = STIX_TIME.format(publisher.created().truncatedTo(ChronoUnit.MILLIS));
		identity.put("created", since);
		identity.put("modified", since);
		identity.put("name", publisher.name());
		identity.put("identity_class", "organization");
		identity.putArray("object_marking_refs").add(Tlp2.CLEAR.id());
		result.add(identity);

		var vulnerabilities = new ArrayList<ObjectNode>();
		var translations = new ArrayList<ObjectNode>();
		for (var v : advisory.vulnerabilities()) {
			var vulnerability = sdo("vulnerability", ids.of(vulnerabilityId(advisory.caseId(), v.ordinal())), publisher,
					at, version);
			var named = hasCve(v);
			vulnerability.put("name", named ? v.cveId() : english(v.titleEn(), v.titleJa()));
			put(vulnerability, "description", english(v.descriptionEn(), v.descriptionJa()));
			var references = vulnerability.putArray("external_references");
			if (named) {
				var cve = references.addObject();
				cve.put("source_name", "cve");
				cve.put("external_id", v.cveId());
				cve.put("url", "https://www.cve.org/CVERecord?id=" + v.cveId());
			}
			if (!v.cweId().isBlank()) {
				var cwe = references.addObject();
				cwe.put("source_name", "cwe");
				cwe.put("external_id", v.cweId());
				put(cwe, "description", v.cweName());
				cwe.put("url", "https://cwe.mitre.org/data/definitions/" + v.cweId().substring(v.cweId().indexOf('-') + 1)
						+ ".html");
			}
			advisoryReference(references.addObject(), advisory);
			vulnerabilities.add(vulnerability);

			var japanese = NODES.objectNode();
			if (!named) {
				put(japanese, "name", v.titleJa());
			}
			put(japanese, "description", v.descriptionJa());
			translation(translations, ids, vulnerability, japanese, advisory, publisher, version, "vulnerability " + v.ordinal());
		}
		result.addAll(vulnerabilities);

		var report = sdo("report", ids.of(reportId(advisory.caseId())), publisher, at, version);
		report.put("name", english(advisory.titleEn(), advisory.titleJa()));
		report.put("description", description(english(advisory.summaryEn(), advisory.summaryJa()), advisory.products(),
				"Affected products:"));
		report.putArray("report_types").add("vulnerability");
		report.put("published", at);
		report.put("lang", "en");
		var references = report.putArray("external_references");
		advisoryReference(references.addObject(), advisory);
		for (var v : advisory.vulnerabilities()) {
			if (hasCve(v)) {
				var cve = references.addObject();
				cve.put("source_name", "cve");
				cve.put("external_id", v.cveId());
			}
		}
		var objectRefs = report.putArray("object_refs");
		vulnerabilities.forEach(v -> objectRefs.add(v.get("id").asString()));
		result.add(report);
		var japanese = NODES.objectNode();
		put(japanese, "name", advisory.titleJa());
		if (!advisory.summaryJa().isBlank()) {
			japanese.put("description", description(advisory.summaryJa(), advisory.products(), "【影響を受ける製品】"));
		}
		translation(translations, ids, report, japanese, advisory, publisher, version, "report");
		result.addAll(translations);
		return result;
	}

	/** The advisory itself, where a reader finds the whole text: its tracking id and public page. */
	private static void advisoryReference(ObjectNode reference, PublishedAdvisory advisory) {
		reference.put("source_name", "kakehashi");
		reference.put("external_id", advisory.trackingId());
		reference.put("url", advisory.url().toString());
		reference.put("description", "Vulnerability advisory " + advisory.trackingId() + ", revision " + advisory.revision());
	}

	/** The Japanese text of an object, as STIX says translations travel; none when there is nothing to give. */
	private static void translation(List<ObjectNode> result, Ids ids, ObjectNode object, ObjectNode japanese,
			PublishedAdvisory advisory, Publisher publisher, String version, String name) {
		if (japanese.isEmpty()) {
			return;
		}
		var id = ids.of("language-content--" + StixIds.v5(ADVISORY_NAMESPACE, advisory.caseId() + "|ja|" + name));
		var content = sdo("language-content", id, publisher, object.get("created").asString(), version);
		content.put("object_ref", object.get("id").asString());
		content.put("object_modified", object.get("modified").asString());
		content.putObject("contents").set("ja", japanese);
		result.add(content);
	}

	private static ObjectNode sdo(String type, String id, Publisher publisher, String created, String modified) {
		var node = NODES.objectNode();
		node.put("type", type);
		node.put("spec_version", "2.1");
		node.put("id", id);
		node.put("created_by_ref", publisher.id());
		node.put("created", created);
		node.put("modified", modified);
		node.putArray("object_marking_refs").add(Tlp2.CLEAR.id());
		return node;
	}

	private static String description(String summary, List<String> products, String heading) {
		var text = new StringBuilder(summary.strip());
		if (!products.isEmpty()) {
			text.append(text.length() > 0 ? "\n\n" : "").append(heading);
			products.forEach(p -> text.append("\n- ").append(p.strip()));
		}
		return text.toString();
	}

	private static boolean hasCve(PublishedVulnerability v) {
		return v.cveId() != null && !v.cveId().isBlank();
	}

	private static void put(ObjectNode node, String name, String value) {
		if (!value.isBlank()) {
			node.put(name, value);
		}
	}

	/** The English text, or the Japanese one should an advisory ever lack it (publication requires both today). */
	private static String english(String english, String japanese) {
		return english.isBlank() ? japanese : english;
	}

	/** Ids from the advisory; one revoked before is replaced by one derived from it and the revision. */
	private static final class Ids {

		private final PublishedAdvisory advisory;
		private final Set<String> retired;
		private final HashMap<String, String> memo = new HashMap<>();

		Ids(PublishedAdvisory advisory, Set<String> retired) {
			this.advisory = advisory;
			this.retired = retired;
		}

		String of(String id) {
			return memo.computeIfAbsent(id, original -> {
				var candidate = original;
				while (retired.contains(candidate)) {
					var type = candidate.substring(0, candidate.indexOf("--"));
					candidate = type + "--"
							+ StixIds.v5(ADVISORY_NAMESPACE, candidate + "|revision " + advisory.revision());
				}
				return candidate;
			});
		}
	}
}
