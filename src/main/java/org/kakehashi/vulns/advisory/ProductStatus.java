package org.kakehashi.vulns.advisory;

/** What a vulnerability means for one product: CSAF's product status groups, and the CVE record's version status. */
public enum ProductStatus {

	KNOWN_AFFECTED("known_affected", "affected"),
	FIXED("fixed", "unaffected"),
	KNOWN_NOT_AFFECTED("known_not_affected", "unaffected"),
	/** Also how a vendor's silence is published: never as "not affected". */
	UNDER_INVESTIGATION("under_investigation", "unknown");

	private final String csaf;
	private final String cve;

	ProductStatus(String csaf, String cve) {
		this.csaf = csaf;
		this.cve = cve;
	}

	/** The member of {@code vulnerabilities[].product_status}. */
	public String csaf() {
		return csaf;
	}

	/** The {@code status} of a CVE JSON 5 {@code affected[].versions[]} entry. */
	public String cve() {
		return cve;
	}
}
