package org.kakehashi.vulns.internal;

import java.util.UUID;

import org.jspecify.annotations.Nullable;

/** A vendor as a line of the directory: with how many contacts it has and how many open cases it is in. */
public record VendorLine(UUID id, String name, String nameEn, @Nullable String organisationName, String products,
		int contacts, int openCases) {
}
