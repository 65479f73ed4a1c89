package org.kakehashi.vulns.advisory;

import java.util.HashSet;
import java.util.List;

/** A vendor in the advisory's product tree, with the products of it that the advisory speaks about. */
public record Vendor(String name, List<Product> products) {

	public Vendor {
		name = Checks.text(name, "vendor name");
		products = Checks.nonEmpty(products, "products of " + name);
		var seen = new HashSet<String>();
		for (var product : products) {
			if (!seen.add(product.name())) {
				throw new IllegalArgumentException("product " + product.name() + " of " + name + " is listed twice");
			}
		}
	}

	/**
	 * A product and the versions the advisory names (affected, fixed or not affected). With no versions, the
	 * product as a whole is the unit that statuses and remediations refer to (e.g. a web service).
	 */
	public record Product(String name, List<String> versions) {

		public Product {
			var product = Checks.text(name, "product name");
			name = product;
			versions = Checks.list(versions, "versions of " + product).stream().map(v -> Checks.text(v, "version of " + product))
					.toList();
			if (new HashSet<>(versions).size() != versions.size()) {
				throw new IllegalArgumentException("a version of " + name + " is listed twice: " + versions);
			}
		}
	}
}
