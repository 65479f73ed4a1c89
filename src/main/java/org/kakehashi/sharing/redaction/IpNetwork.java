package org.kakehashi.sharing.redaction;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * An IPv4 or IPv6 address or network (CIDR), parsed without the JDK's resolver so that text never causes a DNS
 * lookup. A single address is a network with a full-length prefix.
 */
record IpNetwork(byte[] address, int prefix) {

	private static final List<IpNetwork> INTERNAL = List.of(
			// RFC 1918, RFC 6598 shared address space, link-local; IPv6 unique-local and link-local.
			parse("10.0.0.0/8").orElseThrow(), parse("172.16.0.0/12").orElseThrow(),
			parse("192.168.0.0/16").orElseThrow(), parse("100.64.0.0/10").orElseThrow(),
			parse("169.254.0.0/16").orElseThrow(), parse("fc00::/7").orElseThrow(), parse("fe80::/10").orElseThrow());

	// Loopback, unspecified and broadcast say nothing about anyone.
	private static final List<IpNetwork> MEANINGLESS = List.of(parse("127.0.0.0/8").orElseThrow(),
			parse("0.0.0.0/32").orElseThrow(), parse("255.255.255.255/32").orElseThrow(), parse("::/128").orElseThrow(),
			parse("::1/128").orElseThrow());

	static Optional<IpNetwork> parse(String text) {
		String value = text.strip();
		int slash = value.indexOf('/');
		String host = slash < 0 ? value : value.substring(0, slash);
		if (host.startsWith("[") && host.endsWith("]")) {
			host = host.substring(1, host.length() - 1);
		}
		byte[] address = host.indexOf(':') >= 0 ? ipv6(host) : ipv4(host);
		if (address == null) {
			return Optional.empty();
		}
		int bits = address.length * 8;
		int prefix = bits;
		if (slash >= 0) {
			String length = value.substring(slash + 1);
			if (length.isEmpty() || length.length() > 3 || !length.chars().allMatch(Character::isDigit)) {
				return Optional.empty();
			}
			prefix = Integer.parseInt(length);
			if (prefix > bits) {
				return Optional.empty();
			}
		}
		return Optional.of(new IpNetwork(address, prefix));
	}

	static byte @Nullable [] ipv4(String text) {
		String[] parts = text.split("\\.", -1);
		if (parts.length != 4) {
			return null;
		}
		var bytes = new byte[4];
		for (int i = 0; i < 4; i++) {
			String part = parts[i];
			if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(c -> c >= '0' && c <= '9')) {
				return null;
			}
			int value = Integer.parseInt(part);
			if (value > 255) {
				return null;
			}
			bytes[i] = (byte) value;
		}
		return bytes;
	}

	static byte @Nullable [] ipv6(String text) {
		String value = text.toLowerCase(Locale.ROOT);
		int zone = value.indexOf('%');
		if (zone >= 0) {
			value = value.substring(0, zone);
		}
		int gap = value.indexOf("::");
		if (gap >= 0 && value.indexOf("::", gap + 1) >= 0) {
			return null;
		}
		List<Integer> head = groups(gap < 0 ? value : value.substring(0, gap));
		List<Integer> tail = gap < 0 ? List.of() : groups(value.substring(gap + 2));
		if (head == null || tail == null) {
			return null;
		}
		int count = head.size() + tail.size();
		if (gap < 0 ? count != 8 : count > 7) {
			return null;
		}
		var bytes = new byte[16];
		for (int i = 0; i < head.size(); i++) {
			put(bytes, i, head.get(i));
		}
		for (int i = 0; i < tail.size(); i++) {
			put(bytes, 8 - tail.size() + i, tail.get(i));
		}
		return bytes;
	}

	/** Hex groups separated by single colons; a dotted IPv4 address may close the list as two groups. */
	private static @Nullable List<Integer> groups(String text) {
		var groups = new ArrayList<Integer>();
		if (text.isEmpty()) {
			return groups;
		}
		String[] parts = text.split(":", -1);
		for (int i = 0; i < parts.length; i++) {
			String part = parts[i];
			if (i == parts.length - 1 && part.indexOf('.') >= 0) {
				byte[] v4 = ipv4(part);
				if (v4 == null) {
					return null;
				}
				groups.add(((v4[0] & 0xff) << 8) | (v4[1] & 0xff));
				groups.add(((v4[2] & 0xff) << 8) | (v4[3] & 0xff));
				continue;
			}
			if (part.isEmpty() || part.length() > 4 || !part.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
				return null;
			}
			groups.add(Integer.parseInt(part, 16));
		}
		return groups;
	}

	private static void put(byte[] bytes, int group, int value) {
		bytes[group * 2] = (byte) (value >> 8);
		bytes[group * 2 + 1] = (byte) value;
	}

	boolean contains(IpNetwork other) {
		if (other.address.length != address.length || other.prefix < prefix) {
			return false;
		}
		int full = prefix / 8;
		for (int i = 0; i < full; i++) {
			if (address[i] != other.address[i]) {
				return false;
			}
		}
		int rest = prefix % 8;
		if (rest == 0) {
			return true;
		}
		int mask = (0xff << (8 - rest)) & 0xff;
		return (address[full] & mask) == (other.address[full] & mask);
	}

	/** Overlapping networks: one contains the other (a CIDR in the text touching a source network counts). */
	boolean overlaps(IpNetwork other) {
		return contains(other) || other.contains(this);
	}

	boolean isInternal() {
		return INTERNAL.stream().anyMatch(network -> network.contains(this));
	}

	boolean isMeaningless() {
		return MEANINGLESS.stream().anyMatch(network -> network.contains(this));
	}

	/** One spelling per network, so that 2001:DB8::1 and 2001:db8:0::1 share a pseudonym. */
	String canonical() {
		return HexFormat.of().formatHex(address) + "/" + prefix;
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof IpNetwork network && prefix == network.prefix
				&& Arrays.equals(address, network.address);
	}

	@Override
	public int hashCode() {
		return 31 * Arrays.hashCode(address) + prefix;
	}

	@Override
	public String toString() {
		return canonical();
	}
}
