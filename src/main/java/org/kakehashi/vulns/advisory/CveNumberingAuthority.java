package org.kakehashi.vulns.advisory;

import java.util.Objects;
import java.util.UUID;

/** The CNA that assigns the CVE ids and provides the records' {@code cna} container: its CVE Services org UUID and short name. */
public record CveNumberingAuthority(UUID orgId, String shortName) {

	public CveNumberingAuthority {
		Objects.requireNonNull(orgId, "CNA org id");
		shortName = Checks.text(shortName, "CNA short name");
		if (shortName.length() < 2 || shortName.length() > 32) {
			throw new IllegalArgumentException("a CNA short name has 2 to 32 characters: " + shortName);
		}
	}
}
