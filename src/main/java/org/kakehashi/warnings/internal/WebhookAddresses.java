package org.kakehashi.warnings.internal;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;

/**
 * Where webhooks may go. A subscriber's administrator sets the address, so Kakehashi must not be turned into a
 * way to reach its own network: loopback, private (RFC 1918, unique-local fc00::/7), link-local (cloud metadata),
 * shared (100.64/10), unspecified and multicast addresses are refused unless
 * {@code kakehashi.warnings.delivery.allow-private-addresses} is set (a closed national network, or tests). The
 * name is resolved when the agreement is saved and again before each call, so a name later pointed inside is
 * caught too (short of a resolver that answers differently within the same second).
 */
final class WebhookAddresses {

	private WebhookAddresses() {
	}

	/** Whether every address {@code url}'s host resolves to may be called; false if it does not resolve. */
	static boolean allowed(String url, boolean allowPrivate) {
		if (allowPrivate) {
			return true;
		}
		try {
			var host = URI.create(url).getHost();
			if (host == null) {
				return false;
			}
			for (var address : InetAddress.getAllByName(host)) {
				if (!publicAddress(address)) {
					return false;
				}
			}
			return true;
		}
		catch (IllegalArgumentException | UnknownHostException e) {
			return false;
		}
	}

	static boolean publicAddress(InetAddress address) {
		if (address.isLoopbackAddress() || address.isAnyLocalAddress() || address.isLinkLocalAddress()
				|| address.isSiteLocalAddress() || address.isMulticastAddress()) {
			return false;
		}
		var bytes = address.getAddress();
		if (address instanceof Inet6Address) {
			// Unique local fc00::/7; IPv4-mapped addresses are returned by Java as Inet4Address already.
			return (bytes[0] & 0xfe) != 0xfc;
		}
		var first = bytes[0] & 0xff;
		var second = bytes[1] & 0xff;
		// 0.0.0.0/8 and the carrier-grade shared range 100.64.0.0/10.
		return first != 0 && !(first == 100 && second >= 64 && second <= 127);
	}
}
