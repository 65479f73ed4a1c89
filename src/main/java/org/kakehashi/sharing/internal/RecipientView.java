package org.kakehashi.sharing.internal;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.kakehashi.sharing.Tlp;

/**
 * A published item as a recipient sees it: the sanitised text, the hub's analysis, attacker observables and the
 * hub that published it. Never the sources, the audience, other recipients, redactions or approval history.
 */
public record RecipientView(UUID id, String number, UUID hubOrganisationId, Tlp tlp, String language, String title,
		String body, String analysis, String countermeasures, List<ItemObservable> observables, Instant publishedAt,
		@Nullable Instant withdrawnAt, @Nullable String withdrawnReason, @Nullable Instant readAt) {

	static RecipientView of(SharedItem item, @Nullable Instant readAt) {
		var content = item.content();
		return new RecipientView(item.id(), item.number(), item.hubOrganisationId(), content.tlp(), content.language(),
				content.title(), content.body(), content.analysis(), content.countermeasures(),
				content.observables().stream().filter(o -> o.role() == ItemObservable.Role.ATTACKER).toList(),
				java.util.Objects.requireNonNull(item.publishedAt()), item.withdrawnAt(), item.withdrawnReason(),
				readAt);
	}
}
