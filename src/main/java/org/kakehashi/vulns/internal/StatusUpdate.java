package org.kakehashi.vulns.internal;

import org.jspecify.annotations.Nullable;

/**
 * A vendor's word on one vulnerability as typed: the status ({@link VendorStatus#UNKNOWN} takes it back), a
 * statement, and the affected and fixed versions (one per line or separated by commas).
 */
public record StatusUpdate(@Nullable VendorStatus status, String statement, String affectedVersions,
		String fixedVersions) {
}
