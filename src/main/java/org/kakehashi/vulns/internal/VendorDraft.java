package org.kakehashi.vulns.internal;

import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/** A directory entry as typed (checked by {@link VendorDirectory}). */
public record VendorDraft(String name, String nameEn, @Nullable UUID organisationId, String products, String notes,
		List<VendorEntry.Contact> contacts) {
}
