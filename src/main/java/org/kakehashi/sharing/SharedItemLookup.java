package org.kakehashi.sharing;

import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.kakehashi.identity.KakehashiUser;
import org.kakehashi.reporting.Observable;
import org.kakehashi.sharing.internal.RecipientView;
import org.kakehashi.sharing.internal.SharedItems;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What other modules may ask about shared items: a published item's recipient-safe content, the organisations
 * it reached (for placing it where exactly they can read it), and an item as a given user may receive it.
 */
@Service
public class SharedItemLookup {

	private final SharedItems items;
	private final JdbcClient jdbc;

	SharedItemLookup(SharedItems items, JdbcClient jdbc) {
		this.items = items;
		this.jdbc = jdbc;
	}

	/** For listeners acting on the platform's behalf: a published (or withdrawn) item, without a viewer. */
	@Transactional(readOnly = true)
	public Optional<PublishedItem> published(UUID id) {
		return items.published(id).map(SharedItemLookup::of);
	}

	/** The organisations a published item reached; empty for TLP:RED, which reaches named individuals only. */
	@Transactional(readOnly = true)
	public Set<UUID> recipientOrganisations(UUID id) {
		return Set.copyOf(jdbc.sql("""
				select r.organisation_id from shared_item_recipient r join shared_item i on i.id = r.item_id
				 where r.item_id = :id and i.tlp <> 'RED' and i.published_at is not null
				""").param("id", id).query(UUID.class).list());
	}

	/**
	 * The published item if this user may read it, counted as a read (and audited for TLP:RED and AMBER) like
	 * opening it: for exports.
	 */
	@Transactional
	public Optional<PublishedItem> received(KakehashiUser user, UUID id) {
		return items.view(items.viewer(user), id).flatMap(view -> {
			if (view instanceof SharedItems.ReceivedView received) {
				return Optional.of(of(received.item()));
			}
			if (view instanceof SharedItems.HubView hub && hub.item().status().published()) {
				return items.published(id).map(SharedItemLookup::of);
			}
			return Optional.empty();
		});
	}

	private static PublishedItem of(RecipientView v) {
		return new PublishedItem(v.id(), v.number(), v.tlp(), v.language(), v.title(), v.body(), v.analysis(),
				v.countermeasures(), v.observables().stream().map(o -> new Observable(o.type(), o.value())).toList(),
				v.hubOrganisationId(), v.publishedAt(), v.withdrawnAt());
	}
}
