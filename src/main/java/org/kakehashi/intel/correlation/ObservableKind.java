package org.kakehashi.intel.correlation;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

import org.kakehashi.reporting.ObservableType;

/** The kinds of value the index holds; {@link #code()} is what the API and the database call them. */
public enum ObservableKind {

	IPV4, IPV6, DOMAIN, URL, EMAIL, MD5, SHA1, SHA256;

	public String code() {
		return name().toLowerCase(Locale.ROOT);
	}

	public boolean address() {
		return this == IPV4 || this == IPV6;
	}

	public boolean hash() {
		return this == MD5 || this == SHA1 || this == SHA256;
	}

	/** By code, case-insensitively; hash names may be written as STIX does ({@code SHA-256}). */
	public static Optional<ObservableKind> of(String code) {
		var plain = code.strip().toUpperCase(Locale.ROOT).replace("-", "").replace("_", "");
		return Arrays.stream(values()).filter(k -> k.name().equals(plain)).findFirst();
	}

	static ObservableKind of(ObservableType type) {
		return valueOf(type.name());
	}
}
