package org.kakehashi.vulns.advisory;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The product ids of an advisory's product tree: {@code CSAFPID-0001}, {@code CSAFPID-0002} … in tree order (vendor,
 * product, version as listed), so the same tree always gives the same ids, across revisions too as long as
 * entries are only appended.
 */
final class ProductIds {

	private final Map<ProductRef, String> ids;

	private ProductIds(Map<ProductRef, String> ids) {
		this.ids = ids;
	}

	static ProductIds of(List<Vendor> vendors) {
		var ids = new LinkedHashMap<ProductRef, String>();
		for (var vendor : vendors) {
			for (var product : vendor.products()) {
				if (product.versions().isEmpty()) {
					ids.put(ProductRef.wholeProduct(vendor.name(), product.name()), next(ids));
				}
				for (var version : product.versions()) {
					ids.put(ProductRef.of(vendor.name(), product.name(), version), next(ids));
				}
			}
		}
		return new ProductIds(ids);
	}

	private static String next(Map<ProductRef, String> ids) {
		return "CSAFPID-%04d".formatted(ids.size() + 1);
	}

	/** The id of a product the tree defines; anything else is a programming error in the caller. */
	String id(ProductRef product) {
		var id = ids.get(product);
		if (id == null) {
			throw new IllegalArgumentException("not in the product tree: " + product);
		}
		return id;
	}

	/** Ids in tree order, no duplicates. */
	List<String> ids(Collection<ProductRef> products) {
		var result = new ArrayList<String>(products.stream().map(this::id).distinct().toList());
		result.sort(Comparator.naturalOrder());
		return result;
	}
}
