package org.kakehashi.vulns.advisory;

import java.net.URI;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/** What users of the named products can do: install the vendor's fix, apply a workaround, or mitigate. */
public record Remediation(Category category, Bilingual details, @Nullable URI url, List<ProductRef> products) {

	public enum Category {
		VENDOR_FIX("vendor_fix"), WORKAROUND("workaround"), MITIGATION("mitigation");

		private final String csaf;

		Category(String csaf) {
			this.csaf = csaf;
		}

		public String csaf() {
			return csaf;
		}
	}

	public Remediation {
		Objects.requireNonNull(category, "remediation category");
		Objects.requireNonNull(details, "remediation details");
		url = url == null ? null : Checks.webUrl(url, "remediation URL");
		products = Checks.nonEmpty(products, "products of a remediation");
	}
}
