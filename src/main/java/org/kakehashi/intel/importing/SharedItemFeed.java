package org.kakehashi.intel.importing;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.kakehashi.audit.AuditEvent;
import org.kakehashi.audit.AuditLog;
import org.kakehashi.identity.Directory;
import org.kakehashi.identity.KakehashiUser;
import org.kakehashi.intel.correlation.ObservableIndex;
import org.kakehashi.intel.stix.StixValidator;
import org.kakehashi.intel.store.NewObject;
import org.kakehashi.intel.store.StixObjects;
import org.kakehashi.intel.taxii.StructuralCheck;
import org.kakehashi.sharing.PublishedItem;
import org.kakehashi.sharing.SharedItemLookup;
import org.kakehashi.sharing.SharedItemPublished;
import org.kakehashi.sharing.SharedItemWithdrawn;
import org.kakehashi.sharing.Tlp;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Places published shared items in TAXII collections. A collection takes shared items once a platform admin opts it
 * in; an item then goes into every such collection whose readers all received it (the hub's own staff aside), so a
 * TAXII client never reads an item its organisation was not sent. TLP:CLEAR goes into every opted-in collection;
 * TLP:RED, meant for named individuals, into none. A withdrawal stores a revoked version of the item's report in every
 * collection it went into. The listener runs after the publication commits, from the event publication registry, so
 * a crash in between only delays it.
 */
@Service
public class SharedItemFeed {

	/** Organisations that may read a collection (alias {@code c}), from its grants and openings. */
	private static final String READERS = """
			select g.organisation_id as organisation_id from intel_collection_grant g
			 where g.collection_id = c.id and g.can_read and g.organisation_id is not null
			union
			select m.organisation_id from intel_collection_grant g join group_membership m on m.group_id = g.group_id
			 where g.collection_id = c.id and g.can_read
			union
			select u.organisation_id from intel_collection_grant g
			  join user_role r on r.role = g.role join app_user u on u.id = r.user_id and u.active
			 where g.collection_id = c.id and g.can_read
			union
			select o.id from organisation o where c.readable_by_centre and o.type = 'NATIONAL_CENTRE'
			""";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final SharedItemLookup items;
	private final StixObjects objects;
	private final ObservableIndex index;
	private final ObjectProvider<StixValidator> validator;
	private final Directory directory;
	private final JdbcClient jdbc;
	private final AuditLog audit;
	private final Clock clock;

	SharedItemFeed(SharedItemLookup items, StixObjects objects, ObservableIndex index,
			ObjectProvider<StixValidator> validator, Directory directory, JdbcClient jdbc, AuditLog audit, Clock clock) {
		this.items = items;
		this.objects = objects;
		this.index = index;
		this.validator = validator;
		this.directory = directory;
		this.jdbc = jdbc;
		this.audit = audit;
		this.clock = clock;
	}

	@ApplicationModuleListener
	void on(SharedItemPublished published) {
		place(published.itemId());
	}

	@ApplicationModuleListener
	void on(SharedItemWithdrawn withdrawn) {
		revoke(withdrawn.itemId());
	}

	/** Puts the item into every matching opted-in collection it is not in yet; the collections it went into. */
	@Transactional
	public List<UUID> place(UUID itemId) {
		var item = items.published(itemId).filter(i -> i.withdrawnAt() == null).orElse(null);
		if (item == null || item.tlp() == Tlp.RED) {
			return List.of();
		}
		var recipients = items.recipientOrganisations(itemId).toArray(UUID[]::new);
		var targets = jdbc.sql("""
				select c.id from intel_collection c join intel_shared_feed f on f.collection_id = c.id
				 where not exists (select 1 from intel_shared_placement p where p.item_id = :item and p.collection_id = c.id)
				   and (:tlp = 'CLEAR'
				        or (not c.readable_by_all
				            and exists (%1$s)
				            and not exists (select 1 from (%1$s) readers
				                             where readers.organisation_id <> :hub
				                               and readers.organisation_id <> all(:recipients))))
				 order by c.id
				""".formatted(READERS))
			.param("item", itemId).param("tlp", item.tlp().name()).param("hub", item.hubOrganisationId())
			.param("recipients", recipients)
			.query(UUID.class).list();
		if (targets.isEmpty()) {
			return targets;
		}
		var stix = newObjects(SharedItemStix.objects(item, hubName(item)));
		var now = Instant.now(clock);
		for (var collection : targets) {
			objects.add(collection, stix);
			index.indexStored(collection, stix.stream().map(NewObject::stixId).toList());
			jdbc.sql("insert into intel_shared_placement (item_id, collection_id, placed_at) values (:item, :c, :now)")
				.param("item", itemId).param("c", collection).param("now", Timestamp.from(now)).update();
			audit.record("intel.shared-item.placed", "intel_collection", collection,
					Map.of("item", item.number(), "tlp", item.tlp().name()));
		}
		return targets;
	}

	/** Stores a revoked version of the item's report wherever it went. */
	@Transactional
	public void revoke(UUID itemId) {
		var item = items.published(itemId).filter(i -> i.withdrawnAt() != null).orElse(null);
		if (item == null) {
			return;
		}
		var collections = jdbc.sql("""
				update intel_shared_placement set revoked_at = :now where item_id = :item and revoked_at is null
				returning collection_id
				""").param("item", itemId).param("now", Timestamp.from(Instant.now(clock))).query(UUID.class).list();
		if (collections.isEmpty()) {
			return;
		}
		var all = SharedItemStix.objects(item, hubName(item), item.withdrawnAt());
		var report = newObjects(List.of(all.get(all.size() - 1)));
		for (var collection : collections) {
			objects.add(collection, report);
			audit.record("intel.shared-item.revoked", "intel_collection", collection, Map.of("item", item.number()));
		}
	}

	/** A published item the user may receive, as a STIX bundle (reading it counts as a read). */
	@Transactional
	public Optional<String> bundle(KakehashiUser user, UUID itemId) {
		return items.received(user, itemId).map(item -> {
			var objectsOfItem = item.withdrawnAt() == null ? SharedItemStix.objects(item, hubName(item))
					: SharedItemStix.objects(item, hubName(item), item.withdrawnAt());
			var bundle = JSON.createObjectNode();
			bundle.put("type", "bundle");
			bundle.put("id", "bundle--" + UUID.randomUUID());
			var array = bundle.putArray("objects");
			objectsOfItem.forEach(array::add);
			audit.record(AuditEvent.by(user, "intel.shared-item.exported", "shared_item", itemId,
					Map.of("number", item.number(), "tlp", item.tlp().name())));
			return JSON.writeValueAsString(bundle);
		});
	}

	/** Opts a collection in or out; placing already published items is not retroactive. */
	@Transactional
	public void enable(KakehashiUser admin, UUID collectionId, boolean enabled) {
		if (enabled) {
			jdbc.sql("""
					insert into intel_shared_feed (collection_id, enabled_at, enabled_by) values (:c, :now, :by)
					on conflict do nothing
					""").param("c", collectionId).param("now", Timestamp.from(Instant.now(clock))).param("by", admin.id())
				.update();
		}
		else {
			jdbc.sql("delete from intel_shared_feed where collection_id = :c").param("c", collectionId).update();
		}
		audit.record(AuditEvent.by(admin, "intel.collection.shared-items", "intel_collection", collectionId,
				Map.of("enabled", String.valueOf(enabled))));
	}

	@Transactional(readOnly = true)
	public boolean enabled(UUID collectionId) {
		return jdbc.sql("select exists (select 1 from intel_shared_feed where collection_id = :c)")
			.param("c", collectionId).query(Boolean.class).single();
	}

	private String hubName(PublishedItem item) {
		return directory.organisation(item.hubOrganisationId()).map(o -> o.nameEn() != null ? o.nameEn() : o.name())
			.orElse("Kakehashi hub");
	}

	/** Checks each object with the STIX validator (a failure is our bug, not input) and wraps it for the store. */
	private List<NewObject> newObjects(List<ObjectNode> nodes) {
		var stix = validator.getIfAvailable();
		var result = new ArrayList<NewObject>();
		for (var node : nodes) {
			if (stix != null) {
				var problems = stix.validate(node);
				if (!problems.isEmpty()) {
					throw new IllegalStateException("Shared item STIX is invalid: " + problems);
				}
			}
			var raw = JSON.writeValueAsString(node);
			var checked = StructuralCheck.check(node, raw);
			if (checked.object() == null) {
				throw new IllegalStateException("Shared item STIX cannot be stored: " + checked.problems());
			}
			result.add(checked.object());
		}
		return result;
	}
}
