package org.kakehashi.intel.correlation;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Domain keys: normalisation is idempotent and case/trailing-dot blind, reversal is its own inverse, and the key
 * range the SQL lookup scans holds exactly the subdomains. IPv4 containment agrees with a reference written on bit
 * strings (so do the enclosing networks and last address the lookup probes with), and address text round-trips.
 */
class ObservableValueProperties {

	@Property(tries = 1000)
	void domainKeysReverseLabelsAndNormaliseOnce(@ForAll("domains") String domain) {
		var value = ObservableValue.of(ObservableKind.DOMAIN, domain).orElseThrow();
		assertThat(value.value()).isEqualTo(domain);
		assertThat(value.matchKey()).isEqualTo(String.join(".", reverse(domain.split("\\."))) + ".");
		assertThat(ObservableValue.unreversed(value.matchKey())).isEqualTo(domain);
		var shouted = ObservableValue.of(ObservableKind.DOMAIN, " " + domain.toUpperCase(Locale.ROOT) + ". ").orElseThrow();
		assertThat(shouted).isEqualTo(value);
		assertThat(ObservableValue.of(ObservableKind.DOMAIN, value.value())).contains(value);
	}

	@Property(tries = 1000)
	void aSubdomainIsFoundUnderItsParentAndNothingElseIs(@ForAll("domains") String parent, @ForAll("label") String label) {
		var stored = ObservableValue.of(ObservableKind.DOMAIN, parent).orElseThrow();
		var sub = ObservableValue.of(ObservableKind.DOMAIN, label + "." + parent).orElseThrow();
		// Looking up the subdomain finds the parent (an equal key among the subdomain's parents) ...
		assertThat(sub.relation(stored)).contains(ObservableValue.Match.PARENT_DOMAIN);
		assertThat(sub.domainKeyAndParents()).contains(stored.matchKey());
		// ... and looking up the parent finds the subdomain in its key range.
		assertThat(stored.relation(sub)).contains(ObservableValue.Match.SUBDOMAIN);
		assertThat(inRange(stored, sub.matchKey())).isTrue();
		// A name that merely ends with the same letters is neither.
		var lookalike = ObservableValue.of(ObservableKind.DOMAIN, label + parent).orElseThrow();
		assertThat(lookalike.relation(stored)).isEmpty();
		assertThat(stored.relation(lookalike)).isEmpty();
		assertThat(inRange(stored, lookalike.matchKey())).isFalse();
		assertThat(lookalike.domainKeyAndParents()).doesNotContain(stored.matchKey());
	}

	@Property(tries = 3000)
	void ipv4ContainmentAgreesWithBitStrings(@ForAll int base, @ForAll @IntRange(min = 0, max = 32) int prefix,
			@ForAll @IntRange(min = 0, max = 32) int flip) {
		// Flipping one bit of the network's address (or none) gives addresses inside and just outside it.
		int address = flip == 32 ? base : base ^ (1 << (31 - flip));
		var network = ObservableValue.of(ObservableKind.IPV4, dotted(base) + "/" + prefix).orElseThrow();
		var single = ObservableValue.of(ObservableKind.IPV4, dotted(address)).orElseThrow();
		boolean expected = bits(base).substring(0, prefix).equals(bits(address).substring(0, prefix));
		assertThat(network.network().contains(single.network())).as("%s in %s", single.value(), network.value())
			.isEqualTo(expected);
		var relation = single.relation(network);
		if (!expected) {
			assertThat(relation).isEmpty();
		} else {
			assertThat(relation).contains(prefix == 32 ? ObservableValue.Match.EXACT : ObservableValue.Match.WITHIN);
			assertThat(network.relation(single)).contains(prefix == 32 ? ObservableValue.Match.EXACT : ObservableValue.Match.CONTAINS);
		}
		// The lookup finds stored networks holding an address as equal keys: the address under each of its prefixes.
		assertThat(single.network().enclosing().contains(network.network())).isEqualTo(expected);
		assertThat(network.network().enclosing()).hasSize(prefix + 1).allMatch(n -> n.contains(network.network()));
		// The last address bounds the btree range of what lies inside the network.
		var last = network.network().last();
		assertThat(last.single()).isTrue();
		assertThat(network.network().contains(last)).isTrue();
		assertThat(bits((int) last.bits().longValue())).isEqualTo(bits(base).substring(0, prefix) + "1".repeat(32 - prefix));
		// The shown network has its host bits cleared and parses back to itself.
		assertThat(ObservableValue.of(ObservableKind.IPV4, network.value())).contains(network);
	}

	@Property(tries = 1000)
	void ipv6TextIsCanonicalAndAgreesWithTheJdk(@ForAll("ipv6") byte[] bytes) throws UnknownHostException {
		var jdk = InetAddress.getByAddress(bytes).getHostAddress();
		var value = ObservableValue.of(ObservableKind.IPV6, jdk).orElseThrow();
		assertThat(InetAddress.getByName(value.value()).getAddress()).isEqualTo(bytes);
		assertThat(ObservableValue.of(ObservableKind.IPV6, value.value())).contains(value);
		assertThat(value.value()).doesNotContain(":::").isEqualTo(value.value().toLowerCase(Locale.ROOT));
	}

	@Provide
	Arbitrary<String> label() {
		return Arbitraries.strings().withChars("abcdefghijklmnopqrstuvwxyz0123456789").ofMinLength(1).ofMaxLength(12);
	}

	@Provide
	Arbitrary<String> domains() {
		var tld = Arbitraries.strings().withChars("abcdefghijklmnopqrstuvwxyz").ofMinLength(2).ofMaxLength(6);
		var inner = label().list().ofMinSize(1).ofMaxSize(4);
		return Combinators.combine(inner, tld).as((labels, top) -> String.join(".", labels) + "." + top);
	}

	@Provide
	Arbitrary<byte[]> ipv6() {
		// Mostly zero groups, so "::" runs of every length and position come up.
		var group = Arbitraries.frequencyOf(
				net.jqwik.api.Tuple.of(3, Arbitraries.just(0)), net.jqwik.api.Tuple.of(2, Arbitraries.integers().between(0, 0xffff)));
		return group.list().ofSize(8).map(ObservableValueProperties::toBytes);
	}

	private static byte[] toBytes(List<Integer> groups) {
		var bytes = new byte[16];
		for (int i = 0; i < 8; i++) {
			bytes[2 * i] = (byte) (groups.get(i) >> 8);
			bytes[2 * i + 1] = (byte) (int) groups.get(i);
		}
		// The JDK prints IPv4-mapped addresses as IPv4; keep to proper IPv6.
		if (bytes[10] == (byte) 0xff && bytes[11] == (byte) 0xff && java.util.stream.IntStream.range(0, 10).allMatch(i -> bytes[i] == 0)) {
			bytes[0] = 0x20;
		}
		return bytes;
	}

	/** The SQL range: strictly after the key, before the key with its last dot raised to '/'. */
	private static boolean inRange(ObservableValue parent, String key) {
		return key.compareTo(parent.matchKey()) > 0 && key.compareTo(parent.subdomainKeyBound()) < 0;
	}

	private static String bits(int value) {
		var text = Integer.toBinaryString(value);
		return "0".repeat(32 - text.length()) + text;
	}

	private static String dotted(int value) {
		return ((value >>> 24) & 0xff) + "." + ((value >>> 16) & 0xff) + "." + ((value >>> 8) & 0xff) + "." + (value & 0xff);
	}

	private static String[] reverse(String[] labels) {
		var reversed = new String[labels.length];
		for (int i = 0; i < labels.length; i++) {
			reversed[i] = labels[labels.length - 1 - i];
		}
		return reversed;
	}
}
