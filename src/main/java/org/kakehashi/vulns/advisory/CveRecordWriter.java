package org.kakehashi.vulns.advisory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes CVE JSON 5 records ({@code dataVersion 5.1}, state PUBLISHED), one per vulnerability of an advisory that has
 * a CVE id. English descriptions come first (the format requires one); the Japanese ones follow with {@code lang ja}.
 * Product statuses become {@code affected[].versions[]}: affected → affected, fixed or not affected → unaffected,
 * under investigation → unknown; versions not named stay {@code unknown} by default, never unaffected.
 */
public final class CveRecordWriter {

	static final String DATA_VERSION = "5.1";
	private static final int MAX_DESCRIPTION = 4096;

	private final JsonMapper json = JsonMapper.builder().build();
	private final CveNumberingAuthority cna;

	public CveRecordWriter(CveNumberingAuthority cna) {
		this.cna = Objects.requireNonNull(cna, "CNA");
	}

	/** One record per CVE id of the advisory, in the advisory's order; none when no vulnerability has a CVE id. */
	public List<ObjectNode> records(Advisory advisory) {
		return advisory.vulnerabilities().stream().filter(v -> v.cve() != null).map(v -> record(advisory, v)).toList();
	}

	public String write(Advisory advisory, Vulnerability vulnerability) {
		return json.writerWithDefaultPrettyPrinter().writeValueAsString(record(advisory, vulnerability));
	}

	public ObjectNode record(Advisory advisory, Vulnerability vulnerability) {
		var cveId = vulnerability.cve();
		if (cveId == null) {
			throw new IllegalArgumentException("a CVE record needs a CVE id: " + vulnerability.title().en());
		}
		if (!advisory.vulnerabilities().contains(vulnerability)) {
			throw new IllegalArgumentException(cveId + " is not a vulnerability of " + advisory.tracking().id());
		}
		var published = CsafWriter.date(advisory.tracking().initialReleaseDate());
		var updated = CsafWriter.date(advisory.tracking().currentReleaseDate());

		var record = json.createObjectNode();
		record.put("dataType", "CVE_RECORD");
		record.put("dataVersion", DATA_VERSION);
		var metadata = record.putObject("cveMetadata");
		metadata.put("cveId", cveId);
		metadata.put("assignerOrgId", cna.orgId().toString());
		metadata.put("assignerShortName", cna.shortName());
		metadata.put("state", "PUBLISHED");
		metadata.put("datePublished", published);
		metadata.put("dateUpdated", updated);

		var container = record.putObject("containers").putObject("cna");
		var provider = container.putObject("providerMetadata");
		provider.put("orgId", cna.orgId().toString());
		provider.put("shortName", cna.shortName());
		provider.put("dateUpdated", updated);
		container.put("datePublic", published);
		container.put("title", limit(vulnerability.title().en(), 256, "title of " + cveId));

		var descriptions = container.putArray("descriptions");
		text(descriptions, "en", limit(vulnerability.description().en(), MAX_DESCRIPTION, "English description of " + cveId));
		text(descriptions, "ja", limit(vulnerability.description().ja(), MAX_DESCRIPTION, "Japanese description of " + cveId));

		affected(container.putArray("affected"), advisory, vulnerability);

		var cwe = container.putArray("problemTypes").addObject().putArray("descriptions").addObject();
		cwe.put("lang", "en");
		cwe.put("description", vulnerability.cwe().id() + " " + vulnerability.cwe().name());
		cwe.put("cweId", vulnerability.cwe().id());
		cwe.put("type", "CWE");

		references(container.putArray("references"), advisory, vulnerability);
		metrics(container, vulnerability);
		solutions(container, vulnerability);
		if (!vulnerability.credits().isEmpty()) {
			var credits = container.putArray("credits");
			for (var credit : new LinkedHashSet<>(vulnerability.credits())) {
				var entry = credits.addObject();
				entry.put("lang", "en");
				entry.put("value", credit.line());
				entry.put("type", "finder");
			}
		}
		return record;
	}

	/** One entry per vendor product the vulnerability names, its named versions in tree order. */
	private void affected(ArrayNode affected, Advisory advisory, Vulnerability vulnerability) {
		for (var vendor : advisory.vendors()) {
			for (var product : vendor.products()) {
				var whole = vulnerability.productStatus().get(ProductRef.wholeProduct(vendor.name(), product.name()));
				Map<String, ProductStatus> versions = new LinkedHashMap<>();
				for (var version : product.versions()) {
					var status = vulnerability.productStatus().get(ProductRef.of(vendor.name(), product.name(), version));
					if (status != null) {
						versions.put(version, status);
					}
				}
				if (whole == null && versions.isEmpty()) {
					continue;
				}
				var entry = affected.addObject();
				entry.put("vendor", vendor.name());
				entry.put("product", product.name());
				if (!versions.isEmpty()) {
					var list = entry.putArray("versions");
					versions.forEach((version, status) -> {
						var item = list.addObject();
						item.put("version", version);
						item.put("status", status.cve());
					});
				}
				entry.put("defaultStatus", whole == null ? "unknown" : whole.cve());
			}
		}
	}

	/** The advisory page first, then the vulnerability's and the advisory's references and fix URLs, each URL once. */
	private static void references(ArrayNode references, Advisory advisory, Vulnerability vulnerability) {
		var byUrl = new LinkedHashMap<String, @Nullable String>();
		byUrl.put(advisory.url().toString(), advisory.tracking().id());
		vulnerability.references().forEach(r -> byUrl.putIfAbsent(r.url().toString(), r.summary()));
		advisory.references().forEach(r -> byUrl.putIfAbsent(r.url().toString(), r.summary()));
		vulnerability.remediations().stream().filter(r -> r.url() != null)
				.forEach(r -> byUrl.putIfAbsent(String.valueOf(r.url()), null));
		byUrl.forEach((url, name) -> {
			var entry = references.addObject();
			entry.put("url", url);
			if (name != null) {
				entry.put("name", limit(name, 512, "reference name"));
			}
		});
	}

	private static void metrics(ObjectNode container, Vulnerability vulnerability) {
		var scores = new ArrayList<CvssScore>();
		if (vulnerability.cvssV4() != null) {
			scores.add(vulnerability.cvssV4());
		}
		if (vulnerability.cvssV3() != null) {
			scores.add(vulnerability.cvssV3());
		}
		if (scores.isEmpty()) {
			return;
		}
		var metrics = container.putArray("metrics");
		for (var score : scores) {
			var metric = metrics.addObject();
			metric.put("format", "CVSS");
			var scenario = metric.putArray("scenarios").addObject();
			scenario.put("lang", "en");
			scenario.put("value", "GENERAL");
			var cvss = metric.putObject("cvssV" + score.version().replace('.', '_'));
			cvss.put("version", score.version());
			cvss.put("vectorString", score.vector());
			cvss.put("baseScore", score.baseScore());
			cvss.put("baseSeverity", score.severity().name());
		}
	}

	/** Vendor fixes as solutions; workarounds and mitigations as workarounds; each in English and Japanese. */
	private static void solutions(ObjectNode container, Vulnerability vulnerability) {
		for (var remediation : vulnerability.remediations()) {
			var field = remediation.category() == Remediation.Category.VENDOR_FIX ? "solutions" : "workarounds";
			var list = container.has(field) ? (ArrayNode) container.get(field) : container.putArray(field);
			var en = limit(remediation.details().en(), MAX_DESCRIPTION, field);
			var ja = limit(remediation.details().ja(), MAX_DESCRIPTION, field);
			if (!contains(list, "en", en)) {
				text(list, "en", en);
			}
			if (!contains(list, "ja", ja)) {
				text(list, "ja", ja);
			}
		}
	}

	private static boolean contains(ArrayNode list, String lang, String value) {
		for (var item : list) {
			if (item.path("lang").asString("").equals(lang) && item.path("value").asString("").equals(value)) {
				return true;
			}
		}
		return false;
	}

	private static void text(ArrayNode list, String lang, String value) {
		var entry = list.addObject();
		entry.put("lang", lang);
		entry.put("value", value);
	}

	private static String limit(String text, int max, String what) {
		if (text.length() > max) {
			throw new IllegalArgumentException(what + " is longer than the CVE format allows (" + max + " characters)");
		}
		return text;
	}
}
