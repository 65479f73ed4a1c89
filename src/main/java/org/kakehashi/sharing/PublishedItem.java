package org.kakehashi.sharing;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.kakehashi.reporting.Observable;

/**
 * A published shared item as any recipient may see it: the sanitised text, the hub's analysis and
 * countermeasures, and only the observables the hub marked as attacker infrastructure. Nothing in it names the
 * source.
 */
public record PublishedItem(UUID id, String number, Tlp tlp, String language, String title, String body,
		String analysis, String countermeasures, List<Observable> attackerObservables, UUID hubOrganisationId,
		Instant publishedAt, @Nullable Instant withdrawnAt) {
}
