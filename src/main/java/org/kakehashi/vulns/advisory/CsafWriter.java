package org.kakehashi.vulns.advisory;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes an advisory as a CSAF 2.0 document of the {@code csaf_security_advisory} profile.
 *
 * <p>CSAF gives a document one language; ours are bilingual. The document is declared English ({@code lang en}) —
 * the language international consumers read — and every note is written twice, English then Japanese, so nothing of
 * the Japanese advisory is lost: the Japanese title as a general note, each vulnerability's Japanese title as the
 * title of its Japanese description. Remediation details, having no title, carry both texts one after the other.
 *
 * <p>CSAF 2.0 scores know CVSS v2 and v3 only; a v4.0 score is stated in a vulnerability note so that it still
 * reaches the reader (the CVE record carries it as a metric).
 */
public final class CsafWriter {

	static final String ENGINE = "Kakehashi";
	private static final String TLP_URL = "https://www.first.org/tlp/";

	private final JsonMapper json = JsonMapper.builder().build();
	private final String engineVersion;
	private final Clock clock;

	/** @param engineVersion the application's version, for {@code tracking.generator.engine.version} */
	public CsafWriter(String engineVersion, Clock clock) {
		this.engineVersion = Checks.text(engineVersion, "generator engine version");
		this.clock = Objects.requireNonNull(clock, "clock");
	}

	/** The document as pretty-printed JSON (UTF-8 when written out). */
	public String write(Advisory advisory) {
		return json.writerWithDefaultPrettyPrinter().writeValueAsString(document(advisory));
	}

	public ObjectNode document(Advisory advisory) {
		var ids = ProductIds.of(advisory.vendors());
		var root = json.createObjectNode();
		root.set("document", documentSection(advisory));
		root.set("product_tree", productTree(advisory, ids));
		var vulnerabilities = root.putArray("vulnerabilities");
		for (var vulnerability : advisory.vulnerabilities()) {
			vulnerabilities.add(vulnerability(vulnerability, ids));
		}
		return root;
	}

	/**
	 * Re-publication: the revision history of the previously published document with one revision appended (version
	 * bumped, current release date moved to {@code date}), put on the updated advisory.
	 */
	public Advisory republish(JsonNode previousDocument, Advisory updated, Instant date, String summary) {
		return updated.withTracking(tracking(previousDocument).revise(date, summary));
	}

	/** The tracking id and revision history of a CSAF document this writer produced. */
	public static Tracking tracking(JsonNode document) {
		var tracking = document.path("document").path("tracking");
		var id = tracking.path("id").asString("");
		var history = new ArrayList<Revision>();
		for (var entry : tracking.path("revision_history")) {
			var number = entry.path("number").asString("");
			if (!number.matches("[1-9][0-9]{0,8}")) {
				throw new IllegalArgumentException("revision number '" + number + "' of " + id + " is not an integer version");
			}
			history.add(new Revision(Integer.parseInt(number), Instant.parse(entry.path("date").asString("")),
					entry.path("summary").asString("")));
		}
		history.sort((a, b) -> Integer.compare(a.number(), b.number()));
		return new Tracking(id, history);
	}

	/**
	 * The file name CSAF 2.0 §5.1 prescribes for a document: the tracking id in lower case, every run of characters
	 * other than {@code +}, {@code -}, a–z and 0–9 replaced by one {@code _}, then {@code .json}.
	 */
	public static String fileName(String trackingId) {
		return trackingId.toLowerCase(Locale.ROOT).replaceAll("[^+\\-a-z0-9]+", "_") + ".json";
	}

	private ObjectNode documentSection(Advisory advisory) {
		var document = json.createObjectNode();
		document.put("category", "csaf_security_advisory");
		document.put("csaf_version", "2.0");
		document.put("lang", "en");
		document.put("title", advisory.title().en());
		var publisher = document.putObject("publisher");
		publisher.put("category", "coordinator");
		publisher.put("name", advisory.publisher().name());
		publisher.put("namespace", advisory.publisher().namespace().toString());
		var distribution = document.putObject("distribution");
		distribution.put("text", advisory.tlp().label() + " (TLP 2.0; CSAF 2.0 writes TLP 1.0 labels)");
		var tlp = distribution.putObject("tlp");
		tlp.put("label", advisory.tlp().csaf20Label());
		tlp.put("url", TLP_URL);

		var notes = document.putArray("notes");
		note(notes, AdvisoryNote.Category.GENERAL.csaf(), "タイトル", advisory.title().ja());
		for (var note : advisory.notes()) {
			bilingualNotes(notes, note.category().csaf(), note.title(), note.text());
		}
		if (!hasProfileNote(advisory)) {
			throw new IllegalArgumentException("a security advisory needs a summary, description, details or general note: "
					+ advisory.tracking().id());
		}

		var references = document.putArray("references");
		reference(references, "self", advisory.url().toString(), advisory.tracking().id());
		for (var reference : advisory.references()) {
			reference(references, "external", reference.url().toString(), reference.summary());
		}
		document.set("tracking", tracking(advisory.tracking()));
		return document;
	}

	private static boolean hasProfileNote(Advisory advisory) {
		return advisory.notes().stream().anyMatch(note -> note.category() != AdvisoryNote.Category.FAQ
				&& note.category() != AdvisoryNote.Category.LEGAL_DISCLAIMER && note.category() != AdvisoryNote.Category.OTHER);
	}

	private ObjectNode tracking(Tracking source) {
		var tracking = json.createObjectNode();
		tracking.put("id", source.id());
		tracking.put("status", "final");
		tracking.put("version", Integer.toString(source.version()));
		var history = tracking.putArray("revision_history");
		for (var revision : source.revisions()) {
			var entry = history.addObject();
			entry.put("date", date(revision.date()));
			entry.put("number", Integer.toString(revision.number()));
			entry.put("summary", revision.summary());
		}
		tracking.put("initial_release_date", date(source.initialReleaseDate()));
		tracking.put("current_release_date", date(source.currentReleaseDate()));
		var generator = tracking.putObject("generator");
		var engine = generator.putObject("engine");
		engine.put("name", ENGINE);
		engine.put("version", engineVersion);
		generator.put("date", date(clock.instant()));
		return tracking;
	}

	private ObjectNode productTree(Advisory advisory, ProductIds ids) {
		var tree = json.createObjectNode();
		var vendors = tree.putArray("branches");
		for (var vendor : advisory.vendors()) {
			var vendorBranch = branch(vendors, "vendor", vendor.name());
			var products = vendorBranch.putArray("branches");
			for (var product : vendor.products()) {
				var productBranch = branch(products, "product_name", product.name());
				if (product.versions().isEmpty()) {
					productBranch.set("product", fullProductName(vendor.name() + " " + product.name(),
							ids.id(ProductRef.wholeProduct(vendor.name(), product.name()))));
					continue;
				}
				var versions = productBranch.putArray("branches");
				for (var version : product.versions()) {
					branch(versions, "product_version", version).set("product", fullProductName(
							vendor.name() + " " + product.name() + " " + version, ids.id(ProductRef.of(vendor.name(), product.name(), version))));
				}
			}
		}
		return tree;
	}

	private static ObjectNode branch(ArrayNode siblings, String category, String name) {
		var branch = siblings.addObject();
		branch.put("category", category);
		branch.put("name", name);
		return branch;
	}

	private ObjectNode fullProductName(String name, String id) {
		var product = json.createObjectNode();
		product.put("name", name);
		product.put("product_id", id);
		return product;
	}

	private ObjectNode vulnerability(Vulnerability source, ProductIds ids) {
		var vulnerability = json.createObjectNode();
		if (source.cve() != null) {
			vulnerability.put("cve", source.cve());
		}
		var cwe = vulnerability.putObject("cwe");
		cwe.put("id", source.cwe().id());
		cwe.put("name", source.cwe().name());
		vulnerability.put("title", source.title().en());

		var notes = vulnerability.putArray("notes");
		note(notes, "description", source.title().en(), source.description().en());
		note(notes, "description", source.title().ja(), source.description().ja());
		for (var note : source.notes()) {
			bilingualNotes(notes, note.category().csaf(), note.title(), note.text());
		}
		if (source.cvssV4() != null) {
			var v4 = source.cvssV4();
			note(notes, "other", "CVSS v4.0", v4.vector() + " (base score " + v4.baseScore().toPlainString() + ", "
					+ v4.severity() + ")");
		}

		var byStatus = new EnumMap<ProductStatus, List<ProductRef>>(ProductStatus.class);
		source.productStatus().forEach((product, status) -> byStatus.computeIfAbsent(status, s -> new ArrayList<>()).add(product));
		var productStatus = vulnerability.putObject("product_status");
		byStatus.forEach((status, products) -> strings(productStatus.putArray(status.csaf()), ids.ids(products)));

		if (!source.remediations().isEmpty()) {
			var remediations = vulnerability.putArray("remediations");
			for (var remediation : source.remediations()) {
				var entry = remediations.addObject();
				entry.put("category", remediation.category().csaf());
				entry.put("details", remediation.details().en() + "\n\n" + remediation.details().ja());
				strings(entry.putArray("product_ids"), ids.ids(remediation.products()));
				if (remediation.url() != null) {
					entry.put("url", remediation.url().toString());
				}
			}
		}

		var affected = byStatus.get(ProductStatus.KNOWN_AFFECTED);
		if (source.cvssV3() != null && affected != null) {
			var v3 = source.cvssV3();
			var score = vulnerability.putArray("scores").addObject();
			var cvss = score.putObject("cvss_v3");
			cvss.put("version", v3.version());
			cvss.put("vectorString", v3.vector());
			cvss.put("baseScore", v3.baseScore());
			cvss.put("baseSeverity", v3.severity().name());
			strings(score.putArray("products"), ids.ids(affected));
		}

		if (!source.references().isEmpty()) {
			var references = vulnerability.putArray("references");
			for (var reference : source.references()) {
				reference(references, "external", reference.url().toString(), reference.summary());
			}
		}
		if (!source.credits().isEmpty()) {
			var acknowledgments = vulnerability.putArray("acknowledgments");
			for (var credit : source.credits()) {
				var entry = acknowledgments.addObject();
				entry.putArray("names").add(credit.name());
				if (credit.organization() != null) {
					entry.put("organization", credit.organization());
				}
				entry.put("summary", "finder: reported the vulnerability");
			}
		}
		return vulnerability;
	}

	private static void bilingualNotes(ArrayNode notes, String category, Bilingual title, Bilingual text) {
		note(notes, category, title.en(), text.en());
		note(notes, category, title.ja(), text.ja());
	}

	private static void note(ArrayNode notes, String category, String title, String text) {
		var note = notes.addObject();
		note.put("category", category);
		note.put("text", text);
		note.put("title", title);
	}

	private static void reference(ArrayNode references, String category, String url, String summary) {
		var reference = references.addObject();
		reference.put("category", category);
		reference.put("summary", summary);
		reference.put("url", url);
	}

	private static void strings(ArrayNode array, List<String> values) {
		values.forEach(array::add);
	}

	static String date(Instant instant) {
		return instant.truncatedTo(ChronoUnit.MILLIS).toString();
	}
}
