package org.kakehashi.intel.importing;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.kakehashi.audit.AuditLog;
import org.kakehashi.identity.Directory;
import org.kakehashi.intel.correlation.ObservableIndex;
import org.kakehashi.intel.store.Collections;
import org.kakehashi.intel.store.Grant;
import org.kakehashi.intel.store.NewObject;
import org.kakehashi.intel.store.StixObjects;
import org.kakehashi.sharing.Tlp;
import org.kakehashi.warnings.WarningLookup;
import org.kakehashi.warnings.WarningLookup.PublishedWarning;
import org.kakehashi.warnings.WarningPublished;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.node.ObjectNode;

/**
 * Early warnings over TAXII, one collection per prior agreement that includes the TAXII channel. The collection is
 * made on the first warning the agreement carries, readable by the subscriber organisation alone and written by
 * nobody but this feed (its access is put back if someone widens it). Each published warning goes in as STIX
 * ({@link WarningStix}); an update stores new versions of the same objects (and revokes those the revision dropped),
 * a withdrawal revoked versions of them all. The listener runs after the warning's transaction commits, from the
 * event publication registry, so a crash in between only delays it; it always brings the collection to the
 * warning's current state, so a redelivered or late event stores nothing twice.
 */
@Service
public class WarningFeed {

	private static final int TITLE_MAX = 200;

	private final WarningLookup warnings;
	private final Collections collections;
	private final StixObjects objects;
	private final ObservableIndex index;
	private final FeedObjects feed;
	private final Directory directory;
	private final JdbcClient jdbc;
	private final AuditLog audit;
	private final Clock clock;

	WarningFeed(WarningLookup warnings, Collections collections, StixObjects objects, ObservableIndex index,
			FeedObjects feed, Directory directory, JdbcClient jdbc, AuditLog audit, Clock clock) {
		this.warnings = warnings;
		this.collections = collections;
		this.objects = objects;
		this.index = index;
		this.feed = feed;
		this.directory = directory;
		this.jdbc = jdbc;
		this.audit = audit;
		this.clock = clock;
	}

	@ApplicationModuleListener
	void on(WarningPublished published) {
		place(published.warningId());
	}

	/** Brings every TAXII collection the warning goes to up to its current state; the collections that changed. */
	@Transactional
	public List<UUID> place(UUID warningId) {
		// One writer per warning at a time: two events for it (an update and a withdrawal) never interleave.
		feed.lock("intel-warning|" + warningId);
		var warning = warnings.published(warningId).orElse(null);
		if (warning == null || warning.taxiiRecipients().isEmpty()) {
			return List.of();
		}
		var tlp = Tlp.parse(warning.tlp()).map(t -> Tlp2.valueOf(t.name()))
			.orElseThrow(() -> new IllegalStateException("Unknown TLP on warning " + warning.number()));
		if (tlp == Tlp2.RED) {
			// Warnings are never TLP:RED (named individuals); should one be, it does not go to a collection.
			return List.of();
		}
		var byAgreement = new LinkedHashMap<UUID, UUID>();
		warning.taxiiRecipients().forEach(r -> byAgreement.putIfAbsent(r.agreementId(), r.organisationId()));
		WarningStix.Sender sender = null;
		var changed = new ArrayList<UUID>();
		for (var recipient : byAgreement.entrySet()) {
			var placement = placement(warningId, collectionFor(recipient.getKey(), recipient.getValue(),
					warning.senderOrganisationId()));
			if (!due(placement, warning)) {
				continue;
			}
			if (sender == null) {
				sender = sender(warning.senderOrganisationId());
			}
			store(placement, warning, tlp, sender);
			changed.add(placement.collectionId());
		}
		return changed;
	}

	/** The collection of one agreement, made on first use; its access is restored if it was changed. */
	@Transactional
	public UUID collectionFor(UUID agreementId, UUID subscriberId, UUID senderId) {
		feed.lock("intel-warning-agreement|" + agreementId);
		var existing = jdbc.sql("select collection_id from intel_warning_collection where agreement_id = :a")
			.param("a", agreementId).query(UUID.class).optional();
		if (existing.isPresent()) {
			restrictAccess(existing.get(), subscriberId);
			return existing.get();
		}
		var sender = directory.organisation(senderId);
		var subscriber = directory.organisation(subscriberId);
		var senderJa = sender.map(Directory.OrganisationRef::name).orElse("送信元");
		var senderEn = sender.map(o -> o.nameEn() != null ? o.nameEn() : o.name()).orElse("the sender");
		var subscriberJa = subscriber.map(Directory.OrganisationRef::name).orElse("受信組織");
		var subscriberEn = subscriber.map(o -> o.nameEn() != null ? o.nameEn() : o.name()).orElse("the subscriber");
		var title = cut("早期警戒情報 — " + cut(senderJa, 80) + " / Early warnings — " + cut(senderEn, 80), TITLE_MAX);
		var description = senderJa + " との事前の合意に基づき " + subscriberJa + " に届く早期警戒情報。"
				+ "警戒情報は STIX 2.1 の report、course-of-action、vulnerability、indicator として格納され、"
				+ "更新は同じオブジェクトの新しい版、撤回は revoked の版になる。\n"
				+ "Early warnings " + senderEn + " sends " + subscriberEn + " under their prior agreement, stored as "
				+ "STIX 2.1 reports, courses of action, vulnerabilities and indicators; an update is a new version of "
				+ "the same objects, a withdrawal a revoked version.";
		var created = collections.create(new Collections.Draft(title, cut(description, 2000), null, false, false), null);
		collections.replaceGrants(created.id(), List.of(readOnly(subscriberId)));
		jdbc.sql("""
				insert into intel_warning_collection (agreement_id, collection_id, organisation_id, created_at)
				values (:a, :c, :org, :now)
				""")
			.param("a", agreementId).param("c", created.id()).param("org", subscriberId)
			.param("now", Timestamp.from(Instant.now(clock))).update();
		audit.record("intel.warning-collection.created", "intel_collection", created.id(),
				Map.of("agreement", agreementId.toString(), "reader", subscriberId.toString()));
		return created.id();
	}

	/** The collection made for an agreement, if its first warning has gone out. */
	@Transactional(readOnly = true)
	public Optional<UUID> collectionOf(UUID agreementId) {
		return jdbc.sql("select collection_id from intel_warning_collection where agreement_id = :a")
			.param("a", agreementId).query(UUID.class).optional();
	}

	private void restrictAccess(UUID collectionId, UUID subscriberId) {
		var collection = collections.byId(collectionId).orElseThrow();
		var grants = collections.grants(collectionId);
		if (!collection.readableByAll() && !collection.readableByCentre() && grants.equals(List.of(readOnly(subscriberId)))) {
			return;
		}
		collections.lock(collectionId);
		collections.setOpenness(collectionId, false, false);
		collections.replaceGrants(collectionId, List.of(readOnly(subscriberId)));
		audit.record("intel.warning-collection.access-restored", "intel_collection", collectionId,
				Map.of("reader", subscriberId.toString()));
	}

	private static Grant readOnly(UUID organisationId) {
		return new Grant(organisationId, null, null, true, false);
	}

	private record Placement(UUID warningId, UUID collectionId, boolean exists, int revision, boolean withdrawn,
			Instant lastModified, List<String> objectIds, Set<String> revokedIds) {
	}

	private Placement placement(UUID warningId, UUID collectionId) {
		return jdbc.sql("select * from intel_warning_placement where warning_id = :w and collection_id = :c")
			.param("w", warningId).param("c", collectionId)
			.query((rs, n) -> new Placement(warningId, collectionId, true, rs.getInt("revision"),
					rs.getBoolean("withdrawn"), rs.getTimestamp("last_modified").toInstant(),
					List.of((String[]) rs.getArray("object_ids").getArray()),
					new LinkedHashSet<>(List.of((String[]) rs.getArray("revoked_ids").getArray()))))
			.optional()
			.orElse(new Placement(warningId, collectionId, false, 0, false, Instant.EPOCH, List.of(), Set.of()));
	}

	/** Whether the collection lags behind the warning: a newer revision, or a withdrawal not yet stored. */
	private static boolean due(Placement placement, PublishedWarning warning) {
		var withdrawn = warning.withdrawnAt() != null;
		if (!placement.exists()) {
			// A withdrawn warning that never reached the collection has nothing there to revoke.
			return !withdrawn;
		}
		if (placement.withdrawn()) {
			return false;
		}
		return withdrawn || warning.revision() > placement.revision();
	}

	private void store(Placement placement, PublishedWarning warning, Tlp2 tlp, WarningStix.Sender sender) {
		var withdrawn = warning.withdrawnAt() != null;
		var at = withdrawn ? warning.withdrawnAt() : warning.revision() == 1 ? warning.publishedAt() : warning.updatedAt();
		var modified = FeedObjects.later(at, placement.exists() ? placement.lastModified() : warning.publishedAt().minusMillis(1));
		var collection = placement.collectionId();
		var nodes = new ArrayList<ObjectNode>();
		List<String> current;
		var revoked = new LinkedHashSet<>(placement.revokedIds());
		if (withdrawn) {
			current = List.of();
			nodes.addAll(feed.revokedVersions(collection, placement.objectIds(), modified));
			revoked.addAll(placement.objectIds());
		}
		else {
			var built = WarningStix.objects(warning, tlp, sender, modified, placement.revokedIds());
			nodes.addAll(built);
			current = built.stream().filter(FeedObjects::versioned).map(n -> n.get("id").asString()).toList();
			var dropped = placement.objectIds().stream().filter(id -> !current.contains(id)).toList();
			nodes.addAll(feed.revokedVersions(collection, dropped, modified));
			revoked.addAll(dropped);
		}
		var stix = feed.checked(nodes, "Warning");
		objects.add(collection, stix);
		index.indexStored(collection, stix.stream().filter(o -> o.type().equals("indicator")).map(NewObject::stixId).toList());
		var now = Timestamp.from(Instant.now(clock));
		jdbc.sql("""
				insert into intel_warning_placement (warning_id, collection_id, revision, withdrawn, last_modified,
				       object_ids, revoked_ids, placed_at, updated_at)
				values (:w, :c, :revision, :withdrawn, :modified, :ids, :revoked, :now, :now)
				on conflict (warning_id, collection_id) do update set revision = excluded.revision,
				       withdrawn = excluded.withdrawn, last_modified = excluded.last_modified,
				       object_ids = excluded.object_ids, revoked_ids = excluded.revoked_ids, updated_at = excluded.updated_at
				""")
			.param("w", warning.id()).param("c", collection).param("revision", warning.revision())
			.param("withdrawn", withdrawn).param("modified", Timestamp.from(modified))
			.param("ids", current.toArray(String[]::new)).param("revoked", revoked.toArray(String[]::new))
			.param("now", now).update();
		audit.record(withdrawn ? "intel.warning.revoked" : "intel.warning.placed", "intel_collection", collection,
				Map.of("warning", warning.number(), "revision", String.valueOf(warning.revision()),
						"tlp", tlp.name(), "objects", String.valueOf(stix.size())));
	}

	/** The sender's identity: one creation time for good, a new version when its name changes. */
	private WarningStix.Sender sender(UUID organisationId) {
		var name = directory.organisation(organisationId).map(o -> o.nameEn() != null ? o.nameEn() : o.name())
			.orElse("Kakehashi warning sender");
		var now = Instant.now(clock).truncatedTo(ChronoUnit.MILLIS);
		jdbc.sql("""
				insert into intel_warning_sender (organisation_id, name, created_at, modified_at)
				values (:org, :name, :now, :now) on conflict do nothing
				""").param("org", organisationId).param("name", name).param("now", Timestamp.from(now)).update();
		var row = jdbc.sql("select name, created_at, modified_at from intel_warning_sender where organisation_id = :org for update")
			.param("org", organisationId)
			.query((rs, n) -> new WarningStix.Sender(organisationId, rs.getString("name"),
					rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("modified_at").toInstant()))
			.single();
		if (row.name().equals(name)) {
			return row;
		}
		var modified = FeedObjects.later(now, row.modified());
		jdbc.sql("update intel_warning_sender set name = :name, modified_at = :m where organisation_id = :org")
			.param("name", name).param("m", Timestamp.from(modified)).param("org", organisationId).update();
		return new WarningStix.Sender(organisationId, name, row.created(), modified);
	}

	private static String cut(String text, int max) {
		return text.length() <= max ? text : text.substring(0, max - 1) + "…";
	}
}
