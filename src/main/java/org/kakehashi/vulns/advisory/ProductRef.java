package org.kakehashi.vulns.advisory;

import org.jspecify.annotations.Nullable;

/**
 * Points into the product tree: a version of a vendor's product, or the product itself when the tree lists no
 * versions for it. The writers turn these into the product ids they generate.
 */
public record ProductRef(String vendor, String product, @Nullable String version) {

	public ProductRef {
		vendor = Checks.text(vendor, "vendor name");
		product = Checks.text(product, "product name");
		version = version == null ? null : Checks.text(version, "version");
	}

	public static ProductRef of(String vendor, String product, String version) {
		return new ProductRef(vendor, product, version);
	}

	public static ProductRef wholeProduct(String vendor, String product) {
		return new ProductRef(vendor, product, null);
	}

	@Override
	public String toString() {
		return vendor + " " + product + (version == null ? "" : " " + version);
	}
}
