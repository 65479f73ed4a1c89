package org.kakehashi.sharing.redaction;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Who owns a host, address or URL found in a text: the source (its domains and networks), the attacker (values
 * the analyst marked) or neither. Everything is compared in {@link NormalisedText#fold folded} form, so
 * {@code EXAMPLE[.]JP} and {@code example.jp} are the same domain.
 */
final class Infrastructure {

	private final Set<String> sourceDomains = new HashSet<>();
	private final List<IpNetwork> sourceNetworks = new ArrayList<>();
	private final Set<String> attackerDomains = new HashSet<>();
	private final List<IpNetwork> attackerNetworks = new ArrayList<>();
	private final Set<String> attackerLiterals = new HashSet<>();
	private final PhraseMatcher<String> attackerMatcher = new PhraseMatcher<>();

	Infrastructure(RedactionContext context) {
		for (String domain : context.sourceDomains()) {
			domainOf(NormalisedText.fold(domain)).ifPresent(sourceDomains::add);
		}
		for (String network : context.sourceNetworks()) {
			// Unparsable entries come from directory data, not configuration; they cannot match an address.
			IpNetwork.parse(NormalisedText.fold(network)).ifPresent(sourceNetworks::add);
		}
		for (String value : context.attackerValues()) {
			String folded = NormalisedText.fold(value);
			if (folded.isEmpty()) {
				continue;
			}
			attackerLiterals.add(folded);
			attackerMatcher.add(folded, folded);
			var network = IpNetwork.parse(folded);
			if (network.isPresent()) {
				attackerNetworks.add(network.get());
			} else if (!folded.contains("://") && !folded.contains("@")) {
				domainOf(folded).ifPresent(attackerDomains::add);
			}
		}
	}

	/** The domain in a value given as a domain, a wildcard, an e-mail address or a URL. */
	static Optional<String> domainOf(String folded) {
		String value = folded.strip();
		int scheme = value.indexOf("://");
		if (scheme >= 0) {
			value = hostOfUrl(value).orElse("");
		}
		value = value.substring(value.lastIndexOf('@') + 1);
		if (value.startsWith("*.")) {
			value = value.substring(2);
		}
		while (value.endsWith(".")) {
			value = value.substring(0, value.length() - 1);
		}
		while (value.startsWith(".")) {
			value = value.substring(1);
		}
		return value.isEmpty() || value.contains(" ") || value.contains("/") ? Optional.empty() : Optional.of(value);
	}

	/** The host of a folded URL: without user info, port or brackets. */
	static Optional<String> hostOfUrl(String url) {
		int scheme = url.indexOf("://");
		if (scheme < 0) {
			return Optional.empty();
		}
		String rest = url.substring(scheme + 3);
		int end = rest.length();
		for (char stop : new char[] { '/', '?', '#', '\\' }) {
			int at = rest.indexOf(stop);
			if (at >= 0 && at < end) {
				end = at;
			}
		}
		String authority = rest.substring(0, end);
		authority = authority.substring(authority.lastIndexOf('@') + 1);
		if (authority.startsWith("[")) {
			int close = authority.indexOf(']');
			return close < 0 ? Optional.empty() : Optional.of(authority.substring(1, close));
		}
		int colon = authority.indexOf(':');
		String host = colon < 0 ? authority : authority.substring(0, colon);
		while (host.endsWith(".")) {
			host = host.substring(0, host.length() - 1);
		}
		return host.isEmpty() ? Optional.empty() : Optional.of(host);
	}

	boolean isSourceHost(String host) {
		return withinAny(host, sourceDomains);
	}

	boolean isAttackerHost(String host) {
		if (attackerLiterals.contains(host)) {
			return true;
		}
		var address = IpNetwork.parse(host);
		return address.isPresent() ? isAttackerAddress(address.get()) : withinAny(host, attackerDomains);
	}

	boolean isSourceAddress(IpNetwork address) {
		return sourceNetworks.stream().anyMatch(network -> network.overlaps(address));
	}

	/** An address inside a marked attacker network, or a network in the text that holds a marked address. */
	boolean isAttackerAddress(IpNetwork address) {
		return attackerNetworks.stream().anyMatch(network -> network.overlaps(address));
	}

	boolean isAttackerLiteral(String folded) {
		return attackerLiterals.contains(folded);
	}

	/** Where marked attacker values occur literally in the text: nothing there may be redacted. */
	List<PhraseMatcher.Hit<String>> attackerOccurrences(NormalisedText text) {
		return attackerMatcher.find(text);
	}

	/** Source domains, for the check that a pseudonym cannot spell one. */
	Set<String> sourceDomains() {
		return sourceDomains;
	}

	private static boolean withinAny(String host, Set<String> domains) {
		String name = host;
		while (name.endsWith(".")) {
			name = name.substring(0, name.length() - 1);
		}
		while (true) {
			if (domains.contains(name)) {
				return true;
			}
			int dot = name.indexOf('.');
			if (dot < 0) {
				return false;
			}
			name = name.substring(dot + 1);
		}
	}
}
