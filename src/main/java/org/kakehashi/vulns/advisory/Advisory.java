package org.kakehashi.vulns.advisory;

import java.net.URI;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;

/**
 * A published advisory, everything the machine-readable outputs need: tracking and revision history, bilingual
 * title and notes, the publishing coordinator, the distribution label, the advisory page's own URL, the product
 * tree and the vulnerabilities. Every product a vulnerability or remediation names must be in the tree.
 */
public record Advisory(Tracking tracking, Bilingual title, List<AdvisoryNote> notes, Publisher publisher, AdvisoryTlp tlp,
		URI url, List<Vendor> vendors, List<Vulnerability> vulnerabilities, List<Reference> references) {

	public Advisory {
		Objects.requireNonNull(tracking, "tracking");
		Objects.requireNonNull(title, "title");
		notes = Checks.list(notes, "notes");
		Objects.requireNonNull(publisher, "publisher");
		Objects.requireNonNull(tlp, "TLP");
		url = Checks.webUrl(url, "advisory URL");
		vendors = Checks.nonEmpty(vendors, "vendors");
		var names = new HashSet<String>();
		for (var vendor : vendors) {
			if (!names.add(vendor.name())) {
				throw new IllegalArgumentException("vendor " + vendor.name() + " is listed twice");
			}
		}
		vulnerabilities = Checks.nonEmpty(vulnerabilities, "vulnerabilities");
		references = Checks.list(references, "references");
		var ids = ProductIds.of(vendors);
		for (var vulnerability : vulnerabilities) {
			vulnerability.productStatus().keySet().forEach(ids::id);
			vulnerability.remediations().forEach(remediation -> remediation.products().forEach(ids::id));
		}
	}

	/** The same advisory re-published with a new revision (the caller brings the new content, if any). */
	public Advisory withTracking(Tracking revised) {
		if (!revised.id().equals(tracking.id())) {
			throw new IllegalArgumentException("tracking id " + revised.id() + " is not " + tracking.id());
		}
		return new Advisory(revised, title, notes, publisher, tlp, url, vendors, vulnerabilities, references);
	}
}
