package org.kakehashi.reporting.internal;

import java.net.IDN;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import org.kakehashi.reporting.Observable;
import org.kakehashi.reporting.ObservableType;

/**
 * Checks and normalises observables: addresses in canonical form, domains and e-mail domains in lower-case
 * ASCII (IDNs as punycode), hashes in lower-case hex. Nothing is ever resolved over the network.
 */
public final class Observables {

	public static final int MAX_LENGTH = 2048;
	private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
	private static final Pattern IPV6_CHARS = Pattern.compile("[0-9a-fA-F:.]+");
	private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
	private static final Pattern TLD = Pattern.compile("(xn--[a-z0-9-]+|[a-z]{2,63})");
	private static final Pattern LOCAL_PART = Pattern.compile("[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}");
	private static final Pattern HEX = Pattern.compile("[0-9a-fA-F]+");

	private Observables() {
	}

	/** The normalised observable, or empty when the value is not a valid instance of its type. */
	public static Optional<Observable> normalise(ObservableType type, String raw) {
		var value = raw.strip();
		if (value.isEmpty() || value.length() > MAX_LENGTH) {
			return Optional.empty();
		}
		var normalised = switch (type) {
			case IPV4 -> IPV4.matcher(value).matches() ? value : null;
			case IPV6 -> ipv6(value);
			case DOMAIN -> domain(value);
			case URL -> url(value);
			case MD5 -> hash(value, 32);
			case SHA1 -> hash(value, 40);
			case SHA256 -> hash(value, 64);
			case EMAIL -> email(value);
		};
		return Optional.ofNullable(normalised).map(v -> new Observable(type, v));
	}

	private static String ipv6(String value) {
		// Only literal characters reach InetAddress, so it parses and never looks anything up.
		if (!value.contains(":") || !IPV6_CHARS.matcher(value).matches()) {
			return null;
		}
		try {
			return InetAddress.getByName(value) instanceof Inet6Address v6 ? v6.getHostAddress() : null;
		} catch (UnknownHostException e) {
			return null;
		}
	}

	static String domain(String value) {
		var candidate = value.endsWith(".") ? value.substring(0, value.length() - 1) : value;
		String ascii;
		try {
			ascii = IDN.toASCII(candidate, IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT);
		} catch (IllegalArgumentException e) {
			return null;
		}
		if (ascii.length() > 253) {
			return null;
		}
		var labels = ascii.split("\\.", -1);
		if (labels.length < 2) {
			return null;
		}
		for (var label : labels) {
			if (!LABEL.matcher(label).matches()) {
				return null;
			}
		}
		return TLD.matcher(labels[labels.length - 1]).matches() ? ascii : null;
	}

	private static String url(String value) {
		try {
			var uri = new URI(value);
			var scheme = uri.getScheme();
			if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https")
					|| scheme.equalsIgnoreCase("ftp")) || uri.getHost() == null) {
				return null;
			}
			var host = uri.getHost().startsWith("[") ? uri.getHost()
					: IPV4.matcher(uri.getHost()).matches() ? uri.getHost() : domain(uri.getHost());
			if (host == null) {
				return null;
			}
			// Only scheme and host are case-insensitive; the rest is kept byte for byte (no re-encoding).
			var authority = uri.getRawAuthority().replace(uri.getHost(), host);
			var rest = value.substring(value.indexOf(uri.getRawAuthority()) + uri.getRawAuthority().length());
			return scheme.toLowerCase(Locale.ROOT) + "://" + authority + rest;
		} catch (URISyntaxException | IllegalArgumentException e) {
			return null;
		}
	}

	private static String hash(String value, int length) {
		return value.length() == length && HEX.matcher(value).matches() ? value.toLowerCase(Locale.ROOT) : null;
	}

	private static String email(String value) {
		var at = value.lastIndexOf('@');
		if (at <= 0 || at == value.length() - 1) {
			return null;
		}
		var local = value.substring(0, at);
		var domain = domain(value.substring(at + 1));
		if (domain == null || !LOCAL_PART.matcher(local).matches() || local.startsWith(".") || local.endsWith(".")
				|| local.contains("..")) {
			return null;
		}
		return local + "@" + domain;
	}
}
