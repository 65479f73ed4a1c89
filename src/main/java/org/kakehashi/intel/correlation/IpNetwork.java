package org.kakehashi.intel.correlation;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * An IPv4 or IPv6 address or network: {@code bits} of {@code width} (32 or 128) with the host bits cleared, and a
 * prefix length. An address is a network with a full-length prefix. Parsed here by hand, so nothing is ever looked
 * up over the network and octal-looking or zone-scoped forms are refused rather than guessed at.
 */
public record IpNetwork(BigInteger bits, int prefix, int width) {

	private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
	private static final Pattern HEX_GROUP = Pattern.compile("[0-9a-fA-F]{1,4}");

	public IpNetwork {
		if (prefix < 0 || prefix > width || (width != 32 && width != 128)) {
			throw new IllegalArgumentException("prefix " + prefix + " for width " + width);
		}
		bits = bits.and(mask(prefix, width));
	}

	/** {@code 198.51.100.7} or {@code 198.51.100.0/24}; host bits set under the prefix are cleared. */
	static @Nullable IpNetwork parseV4(String text) {
		var slash = text.indexOf('/');
		var address = slash < 0 ? text : text.substring(0, slash);
		if (!IPV4.matcher(address).matches()) {
			return null;
		}
		var prefix = slash < 0 ? 32 : prefix(text.substring(slash + 1), 32);
		if (prefix < 0) {
			return null;
		}
		long value = 0;
		for (var octet : address.split("\\.")) {
			value = (value << 8) | Integer.parseInt(octet);
		}
		return new IpNetwork(BigInteger.valueOf(value), prefix, 32);
	}

	/** RFC 4291 text forms ({@code ::}, an embedded IPv4 tail) with an optional prefix. */
	static @Nullable IpNetwork parseV6(String text) {
		var slash = text.indexOf('/');
		var address = slash < 0 ? text : text.substring(0, slash);
		var prefix = slash < 0 ? 128 : prefix(text.substring(slash + 1), 128);
		if (prefix < 0 || address.isEmpty() || address.length() > 45) {
			return null;
		}
		var groups = new int[8];
		int count;
		var doubleColon = address.indexOf("::");
		if (doubleColon >= 0 && address.indexOf("::", doubleColon + 1) >= 0) {
			return null;
		}
		if (doubleColon < 0) {
			count = groups(address, groups, 0, true);
			if (count != 8) {
				return null;
			}
		} else {
			var head = new int[8];
			var tail = new int[8];
			int headCount = doubleColon == 0 ? 0 : groups(address.substring(0, doubleColon), head, 0, false);
			var tailText = address.substring(doubleColon + 2);
			int tailCount = tailText.isEmpty() ? 0 : groups(tailText, tail, 0, true);
			if (headCount < 0 || tailCount < 0 || headCount + tailCount > 7) {
				return null;
			}
			System.arraycopy(head, 0, groups, 0, headCount);
			System.arraycopy(tail, 0, groups, 8 - tailCount, tailCount);
		}
		var value = BigInteger.ZERO;
		for (var group : groups) {
			value = value.shiftLeft(16).or(BigInteger.valueOf(group));
		}
		return new IpNetwork(value, prefix, 128);
	}

	/** Fills 16-bit groups from text; the last part may be a dotted IPv4 address (two groups). -1 when malformed. */
	private static int groups(String text, int[] into, int start, boolean ipv4TailAllowed) {
		var parts = text.split(":", -1);
		int n = start;
		for (int i = 0; i < parts.length; i++) {
			var part = parts[i];
			if (i == parts.length - 1 && ipv4TailAllowed && part.contains(".")) {
				var v4 = parseV4(part);
				if (v4 == null || v4.prefix != 32 || n + 2 > 8) {
					return -1;
				}
				into[n++] = v4.bits.intValue() >>> 16;
				into[n++] = v4.bits.intValue() & 0xffff;
				continue;
			}
			if (!HEX_GROUP.matcher(part).matches() || n >= 8) {
				return -1;
			}
			into[n++] = Integer.parseInt(part, 16);
		}
		return n;
	}

	private static int prefix(String text, int width) {
		if (text.isEmpty() || text.length() > 3 || !text.chars().allMatch(Character::isDigit)
				|| (text.length() > 1 && text.charAt(0) == '0')) {
			return -1;
		}
		var prefix = Integer.parseInt(text);
		return prefix <= width ? prefix : -1;
	}

	private static BigInteger mask(int prefix, int width) {
		return BigInteger.ONE.shiftLeft(width).subtract(BigInteger.ONE)
			.xor(BigInteger.ONE.shiftLeft(width - prefix).subtract(BigInteger.ONE));
	}

	public boolean single() {
		return prefix == width;
	}

	/** Whether {@code other} (an address or a network) lies inside this network; a network contains itself. */
	public boolean contains(IpNetwork other) {
		return other.width == width && other.prefix >= prefix && other.bits.and(mask(prefix, width)).equals(bits);
	}

	/**
	 * Every network that contains this one, itself included: its bits under each prefix from 0 to its own. A stored
	 * network holds this one exactly when it equals one of these (stored networks have their host bits cleared), so
	 * "which stored networks contain it" is a set of equal keys rather than a containment search.
	 */
	public List<IpNetwork> enclosing() {
		var networks = new ArrayList<IpNetwork>(prefix + 1);
		for (int p = 0; p <= prefix; p++) {
			networks.add(new IpNetwork(bits, p, width));
		}
		return networks;
	}

	/** The last address inside this network (the first is {@link #bits} as an address). */
	public IpNetwork last() {
		return new IpNetwork(bits.or(BigInteger.ONE.shiftLeft(width - prefix).subtract(BigInteger.ONE)), width, width);
	}

	/** The canonical text: dotted quad, or RFC 5952 for IPv6; {@code /prefix} unless a single address. */
	@Override
	public String toString() {
		var address = width == 32 ? v4Text() : v6Text();
		return single() ? address : address + "/" + prefix;
	}

	private String v4Text() {
		long v = bits.longValue();
		return ((v >> 24) & 0xff) + "." + ((v >> 16) & 0xff) + "." + ((v >> 8) & 0xff) + "." + (v & 0xff);
	}

	private String v6Text() {
		var groups = new int[8];
		for (int i = 0; i < 8; i++) {
			groups[i] = bits.shiftRight(16 * (7 - i)).intValue() & 0xffff;
		}
		// RFC 5952: the longest run of two or more zero groups (the first if tied) becomes "::".
		int bestStart = -1;
		int bestLength = 1;
		for (int i = 0; i < 8;) {
			if (groups[i] != 0) {
				i++;
				continue;
			}
			int j = i;
			while (j < 8 && groups[j] == 0) {
				j++;
			}
			if (j - i > bestLength) {
				bestStart = i;
				bestLength = j - i;
			}
			i = j;
		}
		var text = new StringBuilder();
		for (int i = 0; i < 8; i++) {
			if (i == bestStart) {
				text.append("::");
				i += bestLength - 1;
				continue;
			}
			if (text.length() > 0 && text.charAt(text.length() - 1) != ':') {
				text.append(':');
			}
			text.append(Integer.toHexString(groups[i]));
		}
		return text.toString();
	}
}
