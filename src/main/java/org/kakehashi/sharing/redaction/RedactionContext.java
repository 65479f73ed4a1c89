package org.kakehashi.sharing.redaction;

import java.util.List;
import java.util.Set;

/**
 * What identifies the source: names from the directory (organisation names ja/en, short forms, users' display
 * names), the source's own domains (from its users' and contacts' e-mail addresses, its web sites) and
 * addresses/networks (IPv4/IPv6, CIDR), and values the analyst marked as attacker infrastructure (never suggested
 * for redaction).
 */
public record RedactionContext(List<String> organisationNames, List<String> personNames, Set<String> sourceDomains,
		Set<String> sourceNetworks, Set<String> attackerValues) {

	public RedactionContext {
		organisationNames = List.copyOf(organisationNames);
		personNames = List.copyOf(personNames);
		sourceDomains = Set.copyOf(sourceDomains);
		sourceNetworks = Set.copyOf(sourceNetworks);
		attackerValues = Set.copyOf(attackerValues);
	}

	/** A context that knows nothing about the source: only the generic rules (e-mail, phone, …) apply. */
	public static RedactionContext empty() {
		return new RedactionContext(List.of(), List.of(), Set.of(), Set.of(), Set.of());
	}
}
