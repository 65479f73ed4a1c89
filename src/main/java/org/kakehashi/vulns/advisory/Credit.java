package org.kakehashi.vulns.advisory;

import org.jspecify.annotations.Nullable;

/** A finder who agreed to be credited, with their organisation if they gave one. */
public record Credit(String name, @Nullable String organization) {

	public Credit {
		name = Checks.text(name, "credited name");
		organization = organization == null || organization.isBlank() ? null : organization.strip();
	}

	/** How the credit reads in one line: {@code Taro Yamada (Example Corp.)}. */
	public String line() {
		return organization == null ? name : name + " (" + organization + ")";
	}
}
