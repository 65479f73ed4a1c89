package org.kakehashi.vulns.internal;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A vendor (or site operator) on a case: when it was invited and first answered, whether it is listed as
 * unreachable, how many contact attempts are documented, and its statuses by vulnerability (missing = unknown).
 */
public record CaseVendor(UUID vendorId, String name, String nameEn, boolean hasOrganisation, String productName,
		Instant invitedAt, @Nullable Instant firstResponseAt, @Nullable Instant unreachableAt, @Nullable Instant reachedAt,
		int attempts, Map<UUID, StatusEntry> statuses) {

	public CaseVendor {
		statuses = Map.copyOf(statuses);
	}

	/** One vendor's word on one vulnerability. */
	public record StatusEntry(UUID vulnerabilityId, VendorStatus status, String statement, List<String> affectedVersions,
			List<String> fixedVersions, Instant updatedAt, String updatedBy) {
	}

	/** Listed as unreachable and not heard from since. */
	public boolean unreachable() {
		return unreachableAt != null && reachedAt == null;
	}

	public VendorStatus status(UUID vulnerabilityId) {
		var entry = statuses.get(vulnerabilityId);
		return entry == null ? VendorStatus.UNKNOWN : entry.status();
	}

	public String englishName() {
		return nameEn.isBlank() ? name : nameEn;
	}

	public String name(java.util.Locale locale) {
		return "en".equals(locale.getLanguage()) && !nameEn.isBlank() ? nameEn : name;
	}
}
