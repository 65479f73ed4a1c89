package org.kakehashi.vulns.advisory;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/** Argument checks shared by the advisory records: refuse what would make an invalid CSAF or CVE document. */
final class Checks {

	private Checks() {
	}

	/** Non-blank and without leading or trailing white space (CSAF's {@code ^[\S](.*[\S])?$} for ids and names). */
	static String text(String value, String what) {
		Objects.requireNonNull(value, what);
		var trimmed = value.strip();
		if (trimmed.isEmpty()) {
			throw new IllegalArgumentException(what + " must not be blank");
		}
		return trimmed;
	}

	static URI webUrl(URI url, String what) {
		Objects.requireNonNull(url, what);
		var scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
		if (!url.isAbsolute() || !(scheme.equals("https") || scheme.equals("http")) || url.getHost() == null) {
			throw new IllegalArgumentException(what + " must be an absolute http(s) URL: " + url);
		}
		return url;
	}

	static <T> List<T> list(List<T> values, String what) {
		Objects.requireNonNull(values, what);
		return List.copyOf(values);
	}

	static <T> List<T> nonEmpty(List<T> values, String what) {
		var copy = list(values, what);
		if (copy.isEmpty()) {
			throw new IllegalArgumentException(what + " must not be empty");
		}
		return copy;
	}
}
