package org.kakehashi.warnings.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;

import org.junit.jupiter.api.Test;

/** Webhooks never reach Kakehashi's own network unless allowed: loopback, private, link-local, shared ranges. */
class WebhookAddressesTests {

	@Test
	void internalAddressesAreRefusedAndPublicOnesAllowed() throws Exception {
		for (var inside : new String[] { "127.0.0.1", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254",
				"100.64.0.1", "0.0.0.0", "::1", "fe80::1", "fd12:3456::1", "224.0.0.1" }) {
			assertThat(WebhookAddresses.publicAddress(InetAddress.getByName(inside))).as(inside).isFalse();
		}
		for (var outside : new String[] { "203.0.113.10", "8.8.8.8", "100.128.0.1", "2001:db8::1" }) {
			assertThat(WebhookAddresses.publicAddress(InetAddress.getByName(outside))).as(outside).isTrue();
		}
		assertThat(WebhookAddresses.allowed("http://127.0.0.1:8080/hook", false)).isFalse();
		assertThat(WebhookAddresses.allowed("http://[::1]/hook", false)).isFalse();
		assertThat(WebhookAddresses.allowed("https://localhost/hook", false)).isFalse();
		assertThat(WebhookAddresses.allowed("https://no-such-host.invalid/hook", false)).isFalse();
		assertThat(WebhookAddresses.allowed("https://203.0.113.10/hook", false)).isTrue();
		assertThat(WebhookAddresses.allowed("http://127.0.0.1:8080/hook", true)).isTrue();
	}
}
