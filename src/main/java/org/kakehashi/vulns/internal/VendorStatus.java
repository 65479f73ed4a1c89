package org.kakehashi.vulns.internal;

/**
 * What a vendor says of one vulnerability for its product. {@link #UNKNOWN} is never stored: it is what a vendor's
 * silence is shown as (and published as, under investigation), never "not affected".
 */
public enum VendorStatus {
	AFFECTED, NOT_AFFECTED, UNDER_INVESTIGATION, UNKNOWN
}
