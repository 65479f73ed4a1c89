package org.kakehashi.vulns.internal;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A vendor (or web-site operator) of the coordinators' directory: its names, its Kakehashi organisation if it has
 * one (whose PSIRT staff then take part in its cases), its product lines and its security contacts.
 */
public record VendorEntry(UUID id, String name, String nameEn, @Nullable UUID organisationId,
		@Nullable String organisationName, String products, String notes, List<Contact> contacts, Instant createdAt,
		Instant updatedAt) {

	/** A security contact: e-mails about cases go here, in its language first. */
	public record Contact(String name, String email, String language) {
	}

	public String name(java.util.Locale locale) {
		return "en".equals(locale.getLanguage()) && !nameEn.isBlank() ? nameEn : name;
	}

	/** The English name, or the name when none is given (CSAF and CVE records are written in English). */
	public String englishName() {
		return nameEn.isBlank() ? name : nameEn;
	}
}
