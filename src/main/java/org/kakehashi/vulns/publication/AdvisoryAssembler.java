package org.kakehashi.vulns.publication;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.kakehashi.vulns.advisory.Advisory;
import org.kakehashi.vulns.advisory.AdvisoryNote;
import org.kakehashi.vulns.advisory.AdvisoryTlp;
import org.kakehashi.vulns.advisory.Bilingual;
import org.kakehashi.vulns.advisory.Credit;
import org.kakehashi.vulns.advisory.CvssScore;
import org.kakehashi.vulns.advisory.Cwe;
import org.kakehashi.vulns.advisory.ProductRef;
import org.kakehashi.vulns.advisory.ProductStatus;
import org.kakehashi.vulns.advisory.Publisher;
import org.kakehashi.vulns.advisory.Reference;
import org.kakehashi.vulns.advisory.Remediation;
import org.kakehashi.vulns.advisory.Tracking;
import org.kakehashi.vulns.advisory.Vendor;
import org.kakehashi.vulns.advisory.Vulnerability;
import org.kakehashi.vulns.cvss.CvssVector;
import org.kakehashi.vulns.internal.CaseKind;
import org.kakehashi.vulns.internal.CaseVendor;
import org.kakehashi.vulns.internal.CaseVulnerability;
import org.kakehashi.vulns.internal.VendorStatus;
import org.kakehashi.vulns.internal.VulnCase;

/**
 * Turns a case (its vulnerabilities, its vendors' statuses) and the coordinators' draft into what is published: the
 * {@link Advisory} the CSAF and CVE writers take, and the {@link AdvisoryPage} the public page shows. Also says what is
 * still missing before that can happen. Pure: everything comes in as arguments.
 *
 * <p>Vendor statuses map to CSAF product statuses per version: affected versions are known affected, fixed versions
 * fixed; a status without versions covers the product as a whole, or every version the advisory lists for that
 * product that the vulnerability does not name otherwise. Not affected is known not affected; under investigation and
 * a vendor's silence (unknown) are both published as under investigation — never as not affected.
 */
final class AdvisoryAssembler {

	/** Everything an advisory is made of, read by the caller in one transaction. */
	record Inputs(VulnCase vulnCase, AdvisoryDraft draft, List<CaseVulnerability> vulnerabilities, List<CaseVendor> vendors,
			List<String> blockers, Publisher publisher, URI url, String slug) {
	}

	private AdvisoryAssembler() {
	}

	static Readiness readiness(Inputs in) {
		var missing = new ArrayList<Readiness.Item>();
		if (in.vulnCase().kind() != CaseKind.PRODUCT) {
			missing.add(item("vulns.readiness.website"));
			return new Readiness(missing);
		}
		var d = in.draft();
		required(missing, d.titleJa(), "vulns.readiness.title-ja");
		required(missing, d.titleEn(), "vulns.readiness.title-en");
		required(missing, d.summaryJa(), "vulns.readiness.summary-ja");
		required(missing, d.summaryEn(), "vulns.readiness.summary-en");
		for (var problem : referenceProblems(d.referenceLines())) {
			missing.add(new Readiness.Item("vulns.readiness.reference", List.of(problem)));
		}
		if (in.vulnerabilities().isEmpty()) {
			missing.add(item("vulns.readiness.no-vulnerability"));
		}
		for (var v : in.vulnerabilities()) {
			if (v.titleJa().isBlank() || v.titleEn().isBlank()) {
				missing.add(new Readiness.Item("vulns.readiness.vulnerability-title", List.of(v.ordinal())));
			}
			if (v.descriptionJa().isBlank() || v.descriptionEn().isBlank()) {
				missing.add(new Readiness.Item("vulns.readiness.vulnerability-description", List.of(v.ordinal())));
			}
			if (v.cweId() == null || v.cweName().isBlank()) {
				missing.add(new Readiness.Item("vulns.readiness.vulnerability-cwe", List.of(v.ordinal())));
			}
		}
		if (in.vendors().isEmpty()) {
			missing.add(item("vulns.readiness.no-vendor"));
		}
		var names = new HashSet<String>();
		for (var vendor : in.vendors()) {
			if (vendor.productName().isBlank()) {
				missing.add(new Readiness.Item("vulns.readiness.vendor-product", List.of(vendor.name())));
			}
			if (!names.add(vendor.englishName().strip().toLowerCase(Locale.ROOT))) {
				missing.add(new Readiness.Item("vulns.readiness.vendor-name-twice", List.of(vendor.englishName())));
			}
		}
		in.blockers().forEach(key -> missing.add(item(key)));
		return new Readiness(missing);
	}

	/** The advisory for the writers; call only when {@link #readiness} is empty. */
	static Advisory advisory(Inputs in, Tracking tracking) {
		var d = in.draft();
		var vendors = new ArrayList<Vendor>();
		var versionsByVendor = new LinkedHashMap<CaseVendor, List<String>>();
		for (var vendor : in.vendors()) {
			var versions = new LinkedHashSet<String>();
			vendor.statuses().values().forEach(s -> {
				versions.addAll(s.affectedVersions());
				versions.addAll(s.fixedVersions());
			});
			versionsByVendor.put(vendor, List.copyOf(versions));
			vendors.add(new Vendor(vendor.englishName(), List.of(new Vendor.Product(vendor.productName(), List.copyOf(versions)))));
		}
		var credits = d.credit().isBlank() ? List.<Credit>of() : List.of(new Credit(d.credit(), null));
		var vulnerabilities = new ArrayList<Vulnerability>();
		for (var v : in.vulnerabilities()) {
			var statuses = new LinkedHashMap<ProductRef, ProductStatus>();
			var remediations = new ArrayList<Remediation>();
			versionsByVendor.forEach((vendor, versions) -> statuses(vendor, versions, v, d, statuses, remediations));
			var references = new ArrayList<Reference>();
			if (v.cveId() != null) {
				references.add(new Reference(URI.create("https://www.cve.org/CVERecord?id=" + v.cveId()), v.cveId()));
			}
			var notes = new ArrayList<AdvisoryNote>();
			if (!d.impactJa().isBlank() && !d.impactEn().isBlank()) {
				notes.add(new AdvisoryNote(AdvisoryNote.Category.DETAILS, Bilingual.of("想定される影響", "Impact"),
						Bilingual.of(d.impactJa(), d.impactEn())));
			}
			vulnerabilities.add(new Vulnerability(v.cveId(), new Cwe(v.cweId(), v.cweName()),
					Bilingual.of(v.titleJa(), v.titleEn()), Bilingual.of(v.descriptionJa(), v.descriptionEn()), notes,
					score(v.cvssV3()), score(v.cvssV4()), statuses, remediations, references, credits));
		}
		var notes = new ArrayList<AdvisoryNote>();
		notes.add(new AdvisoryNote(AdvisoryNote.Category.SUMMARY, Bilingual.of("概要", "Summary"),
				Bilingual.of(d.summaryJa(), d.summaryEn())));
		if (!d.solutionJa().isBlank() && !d.solutionEn().isBlank()) {
			notes.add(new AdvisoryNote(AdvisoryNote.Category.GENERAL, Bilingual.of("対策方法", "Solution"),
					Bilingual.of(d.solutionJa(), d.solutionEn())));
		}
		return new Advisory(tracking, Bilingual.of(d.titleJa(), d.titleEn()), notes, in.publisher(), AdvisoryTlp.CLEAR,
				in.url(), vendors, vulnerabilities, references(d.referenceLines()));
	}

	/** One vendor's statuses for one vulnerability, as CSAF product statuses, and its fix as a remediation. */
	private static void statuses(CaseVendor vendor, List<String> treeVersions, CaseVulnerability v, AdvisoryDraft d,
			Map<ProductRef, ProductStatus> statuses, List<Remediation> remediations) {
		var name = vendor.englishName();
		var product = vendor.productName();
		var entry = vendor.statuses().get(v.id());
		var status = entry == null ? VendorStatus.UNKNOWN : entry.status();
		var affected = new ArrayList<ProductRef>();
		if (entry != null) {
			for (var version : entry.affectedVersions()) {
				var ref = ProductRef.of(name, product, version);
				statuses.put(ref, ProductStatus.KNOWN_AFFECTED);
				affected.add(ref);
			}
			for (var version : entry.fixedVersions()) {
				statuses.putIfAbsent(ProductRef.of(name, product, version), ProductStatus.FIXED);
			}
		}
		var rest = switch (status) {
			case AFFECTED -> ProductStatus.KNOWN_AFFECTED;
			case NOT_AFFECTED -> ProductStatus.KNOWN_NOT_AFFECTED;
			case UNDER_INVESTIGATION, UNKNOWN -> ProductStatus.UNDER_INVESTIGATION;
		};
		var covered = entry != null && !(entry.affectedVersions().isEmpty() && entry.fixedVersions().isEmpty());
		if (!covered) {
			if (treeVersions.isEmpty()) {
				var whole = ProductRef.wholeProduct(name, product);
				statuses.put(whole, rest);
				if (rest == ProductStatus.KNOWN_AFFECTED) {
					affected.add(whole);
				}
			}
			else {
				for (var version : treeVersions) {
					var ref = ProductRef.of(name, product, version);
					if (statuses.putIfAbsent(ref, rest) == null && rest == ProductStatus.KNOWN_AFFECTED) {
						affected.add(ref);
					}
				}
			}
		}
		if (affected.isEmpty()) {
			return;
		}
		var statement = entry == null ? "" : entry.statement();
		if (entry != null && !entry.fixedVersions().isEmpty()) {
			var fixed = String.join(", ", entry.fixedVersions());
			remediations.add(new Remediation(Remediation.Category.VENDOR_FIX,
					Bilingual.of(join(fixed + " 以降へアップデートしてください。", statement), join("Update to " + fixed + ".", statement)),
					null, affected));
		}
		else if (!d.solutionJa().isBlank() && !d.solutionEn().isBlank()) {
			remediations.add(new Remediation(Remediation.Category.WORKAROUND, Bilingual.of(d.solutionJa(), d.solutionEn()),
					null, affected));
		}
	}

	private static String join(String first, String statement) {
		return statement.isBlank() ? first : first + "\n" + statement;
	}

	/** The page the public sees, from the same inputs and the full revision history. */
	static AdvisoryPage page(Inputs in, Tracking tracking) {
		var d = in.draft();
		var vulns = in.vulnerabilities().stream().map(v -> new AdvisoryPage.Vuln(v.ordinal(), v.cveId(),
				v.cweId() == null ? "" : v.cweId(), v.cweName(), v.titleJa(), v.titleEn(), v.descriptionJa(),
				v.descriptionEn(), pageScore(v.cvssV3()), pageScore(v.cvssV4()))).toList();
		var vendors = in.vendors().stream().map(vendor -> new AdvisoryPage.VendorEntry(vendor.name(), vendor.nameEn(),
				vendor.productName(), in.vulnerabilities().stream().map(v -> {
					var entry = vendor.statuses().get(v.id());
					return entry == null
							? new AdvisoryPage.StatusLine(v.ordinal(), VendorStatus.UNKNOWN.name(), List.of(), List.of(), "")
							: new AdvisoryPage.StatusLine(v.ordinal(), entry.status().name(), entry.affectedVersions(),
									entry.fixedVersions(), entry.statement());
				}).toList())).toList();
		var links = references(d.referenceLines()).stream()
			.map(r -> new AdvisoryPage.Link(r.url().toString(), r.summary())).toList();
		var revisions = tracking.revisions().stream()
			.map(r -> new AdvisoryPage.RevisionLine(r.number(), r.date(), r.summary())).toList();
		return new AdvisoryPage(tracking.id(), in.slug(), tracking.version(), tracking.initialReleaseDate(),
				tracking.currentReleaseDate(), d.titleJa(), d.titleEn(), d.summaryJa(), d.summaryEn(), d.impactJa(),
				d.impactEn(), d.solutionJa(), d.solutionEn(), in.vulnCase().ics(), vulns, vendors, links, d.credit(),
				revisions, in.publisher().name());
	}

	/** Reference lines as typed: {@code https://… description}, blank lines ignored. */
	static List<Reference> references(String lines) {
		var result = new ArrayList<Reference>();
		for (var line : lines.split("\\R")) {
			var typed = line.strip();
			if (typed.isEmpty()) {
				continue;
			}
			var space = typed.indexOf(' ');
			var url = space < 0 ? typed : typed.substring(0, space);
			var summary = space < 0 ? url : typed.substring(space + 1).strip();
			var uri = uri(url);
			if (uri != null) {
				result.add(new Reference(uri, summary));
			}
		}
		return result;
	}

	/** The lines that are not a usable reference, numbered from 1. */
	static List<Integer> referenceProblems(String lines) {
		var problems = new ArrayList<Integer>();
		var all = lines.split("\\R");
		for (int i = 0; i < all.length; i++) {
			var typed = all[i].strip();
			if (!typed.isEmpty() && uri(typed.split(" ", 2)[0]) == null) {
				problems.add(i + 1);
			}
		}
		return problems;
	}

	private static @Nullable URI uri(String url) {
		try {
			var uri = new URI(url);
			var scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
			return uri.isAbsolute() && (scheme.equals("https") || scheme.equals("http")) && uri.getHost() != null ? uri : null;
		}
		catch (URISyntaxException e) {
			return null;
		}
	}

	private static @Nullable CvssScore score(String vector) {
		if (vector.isBlank()) {
			return null;
		}
		var parsed = CvssVector.parse(vector);
		return new CvssScore(parsed.toString(), parsed.score(),
				org.kakehashi.vulns.advisory.CvssSeverity.valueOf(parsed.severity().name()));
	}

	private static AdvisoryPage.@Nullable Score pageScore(String vector) {
		if (vector.isBlank()) {
			return null;
		}
		var parsed = CvssVector.parse(vector);
		return new AdvisoryPage.Score(parsed.toString(), parsed.version(), parsed.score().toPlainString(),
				parsed.severity().name());
	}

	private static void required(List<Readiness.Item> missing, String value, String key) {
		if (value.isBlank()) {
			missing.add(item(key));
		}
	}

	private static Readiness.Item item(String key) {
		return new Readiness.Item(key, List.of());
	}
}
