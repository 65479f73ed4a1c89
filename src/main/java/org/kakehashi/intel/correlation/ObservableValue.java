package org.kakehashi.intel.correlation;

import java.net.IDN;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * One observable, normalised: {@code value} as shown, {@code matchKey} as compared (reversed labels for domains,
 * lower case elsewhere) and, for addresses, the network. Built only through {@link #of}, which refuses what is not a
 * valid value of its kind. Nothing is ever resolved over the network.
 */
public record ObservableValue(ObservableKind kind, String value, String matchKey, @Nullable IpNetwork network) {

	/** Longer values are not indexed (btree keys have a size limit, and such values are not worth matching). */
	public static final int MAX_LENGTH = 2048;
	private static final Pattern LABEL = Pattern.compile("[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?");
	private static final Pattern DIGITS = Pattern.compile("[0-9]+");
	private static final Pattern LOCAL_PART = Pattern.compile("[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}");
	private static final Pattern HEX = Pattern.compile("[0-9a-fA-F]+");
	private static final Pattern SCHEME = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*");

	/** How a stored value relates to the one looked up. */
	public enum Match {
		/** The same value. */
		EXACT,
		/** The looked-up address or network lies inside the stored network. */
		WITHIN,
		/** The stored address or network lies inside the looked-up network. */
		CONTAINS,
		/** The stored domain is a parent of the looked-up one ({@code evil.example.com} for {@code login.evil.example.com}). */
		PARENT_DOMAIN,
		/** The stored domain is a subdomain of the looked-up one. */
		SUBDOMAIN;

		public String code() {
			return name().toLowerCase(Locale.ROOT).replace('_', '-');
		}
	}

	/** The normalised value, or empty when {@code raw} is not a valid value of the kind. */
	public static Optional<ObservableValue> of(ObservableKind kind, String raw) {
		var text = raw.strip();
		if (text.isEmpty() || text.length() > MAX_LENGTH) {
			return Optional.empty();
		}
		return Optional.ofNullable(switch (kind) {
			case IPV4 -> address(kind, IpNetwork.parseV4(text));
			case IPV6 -> address(kind, text.contains(":") ? IpNetwork.parseV6(text) : null);
			case DOMAIN -> {
				var domain = domain(text);
				yield domain == null ? null : new ObservableValue(kind, domain, reversed(domain), null);
			}
			case URL -> {
				var url = url(text);
				yield url == null ? null : new ObservableValue(kind, url, url, null);
			}
			case EMAIL -> {
				var email = email(text);
				yield email == null ? null : new ObservableValue(kind, email, email.toLowerCase(Locale.ROOT), null);
			}
			case MD5 -> hash(kind, text, 32);
			case SHA1 -> hash(kind, text, 40);
			case SHA256 -> hash(kind, text, 64);
		});
	}

	/**
	 * The domain's labels in reverse order, each followed by a dot: {@code evil.example.com} gives
	 * {@code com.example.evil.}. A parent domain's key is a prefix of its subdomains' keys, ending at a label border.
	 */
	public static String reversed(String domain) {
		var labels = domain.split("\\.");
		var key = new StringBuilder(domain.length() + 1);
		for (int i = labels.length - 1; i >= 0; i--) {
			key.append(labels[i]).append('.');
		}
		return key.toString();
	}

	/** The inverse of {@link #reversed}. */
	public static String unreversed(String key) {
		var labels = reversed(key.substring(0, key.length() - 1));
		return labels.substring(0, labels.length() - 1);
	}

	/** This domain's key and those of its parents with at least two labels, shortest first. */
	List<String> domainKeyAndParents() {
		var keys = new ArrayList<String>();
		for (int i = matchKey.indexOf('.'); i >= 0; i = matchKey.indexOf('.', i + 1)) {
			var key = matchKey.substring(0, i + 1);
			if (key.indexOf('.') < key.length() - 1) {
				keys.add(key);
			}
		}
		return keys;
	}

	/** The first key after every subdomain's key: the key with its last dot raised to the next byte, '/'. */
	String subdomainKeyBound() {
		return matchKey.substring(0, matchKey.length() - 1) + '/';
	}

	/** How a stored value relates to this looked-up value; empty when it does not match at all. */
	public Optional<Match> relation(ObservableValue stored) {
		if (stored.kind != kind) {
			return Optional.empty();
		}
		if (network != null && stored.network != null) {
			if (network.equals(stored.network)) {
				return Optional.of(Match.EXACT);
			}
			if (stored.network.contains(network)) {
				return Optional.of(Match.WITHIN);
			}
			return network.contains(stored.network) ? Optional.of(Match.CONTAINS) : Optional.empty();
		}
		if (stored.matchKey.equals(matchKey)) {
			return Optional.of(Match.EXACT);
		}
		if (kind == ObservableKind.DOMAIN) {
			if (matchKey.startsWith(stored.matchKey)) {
				return Optional.of(Match.PARENT_DOMAIN);
			}
			if (stored.matchKey.startsWith(matchKey)) {
				return Optional.of(Match.SUBDOMAIN);
			}
		}
		return Optional.empty();
	}

	private static @Nullable ObservableValue address(ObservableKind kind, @Nullable IpNetwork network) {
		return network == null ? null : new ObservableValue(kind, network.toString(), network.toString(), network);
	}

	private static @Nullable ObservableValue hash(ObservableKind kind, String text, int length) {
		if (text.length() != length || !HEX.matcher(text).matches()) {
			return null;
		}
		var lower = text.toLowerCase(Locale.ROOT);
		return new ObservableValue(kind, lower, lower, null);
	}

	/** Lower-case ASCII (IDNs as punycode), no trailing dot, at least two labels, not an IPv4 address. */
	static @Nullable String domain(String text) {
		var candidate = text.endsWith(".") ? text.substring(0, text.length() - 1) : text;
		String ascii;
		try {
			ascii = IDN.toASCII(candidate).toLowerCase(Locale.ROOT);
		} catch (IllegalArgumentException e) {
			return null;
		}
		if (ascii.isEmpty() || ascii.length() > 253) {
			return null;
		}
		var labels = ascii.split("\\.", -1);
		if (labels.length < 2 || DIGITS.matcher(labels[labels.length - 1]).matches()) {
			return null;
		}
		for (var label : labels) {
			if (!LABEL.matcher(label).matches()) {
				return null;
			}
		}
		return ascii;
	}

	/** Scheme and host in lower case (the host normalised as a domain or address), the rest byte for byte. */
	private static @Nullable String url(String text) {
		var colon = text.indexOf("://");
		if (colon <= 0 || !SCHEME.matcher(text.substring(0, colon)).matches() || text.chars().anyMatch(c -> c <= ' ')) {
			return null;
		}
		try {
			var uri = new URI(text);
			var authority = uri.getRawAuthority();
			var host = uri.getHost();
			if (authority == null || host == null) {
				return null;
			}
			String normalisedHost;
			if (host.startsWith("[")) {
				var v6 = IpNetwork.parseV6(host.substring(1, host.length() - 1));
				normalisedHost = v6 == null || !v6.single() ? null : "[" + v6 + "]";
			} else {
				var v4 = IpNetwork.parseV4(host);
				normalisedHost = v4 != null && v4.single() ? v4.toString() : domain(host);
			}
			if (normalisedHost == null) {
				return null;
			}
			var start = colon + 3;
			var rest = text.substring(start + authority.length());
			return uri.getScheme().toLowerCase(Locale.ROOT) + "://" + authority.replace(host, normalisedHost) + rest;
		} catch (URISyntaxException e) {
			return null;
		}
	}

	private static @Nullable String email(String text) {
		var at = text.lastIndexOf('@');
		if (at <= 0 || at == text.length() - 1) {
			return null;
		}
		var local = text.substring(0, at);
		var domain = domain(text.substring(at + 1));
		if (domain == null || !LOCAL_PART.matcher(local).matches() || local.startsWith(".") || local.endsWith(".")
				|| local.contains("..")) {
			return null;
		}
		return local + "@" + domain;
	}
}
