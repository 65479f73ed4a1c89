package org.kakehashi.vulns.internal;

import java.time.Instant;

/**
 * One line of the public list of vendors that could not be reached (連絡不能開発者一覧): the vendor and product
 * names and since when — nothing else of the case, which stays under embargo.
 */
public record UnreachableListing(String vendorName, String vendorNameEn, String productName, Instant listedAt) {

	public String vendorName(java.util.Locale locale) {
		return "en".equals(locale.getLanguage()) && !vendorNameEn.isBlank() ? vendorNameEn : vendorName;
	}
}
