package org.kakehashi.intel.importing;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.kakehashi.audit.AuditLog;
import org.kakehashi.intel.store.Collections;
import org.kakehashi.intel.store.StixObjects;
import org.kakehashi.vulns.AdvisoryLookup;
import org.kakehashi.vulns.AdvisoryLookup.PublishedAdvisory;
import org.kakehashi.vulns.AdvisoryPublished;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Published vulnerability advisories over TAXII, all in one collection: an advisory is public, so every organisation
 * reads it, and nobody but this feed writes it (its access is put back if someone changes it). The collection is made
 * on the first publication. Each advisory goes in as STIX ({@link AdvisoryStix}); a revision stores new versions of
 * the same objects and revokes those it dropped. Only what {@link AdvisoryLookup} returns, which is never a case under
 * embargo, can get here. The listener runs after the publication commits, from the event publication registry, so a
 * crash in between only delays it; it always brings the collection to the advisory's latest revision, so a
 * redelivered or late event stores nothing twice.
 */
@Service
public class AdvisoryFeed {

	static final String TITLE = "公表済みの脆弱性情報 / Published vulnerability advisories";
	private static final String DESCRIPTION = """
			公表済みの脆弱性対策情報。脆弱性ごとの STIX 2.1 vulnerability (CVE、CWE、公表ページへの参照) と、\
			それらをまとめる report として格納され、日本語の名称と説明は language-content にある。改訂は同じオブジェクトの\
			新しい版、改訂で除かれた脆弱性は revoked の版になる。
			Published vulnerability advisories: a STIX 2.1 vulnerability per vulnerability (CVE, CWE, a reference to the \
			public advisory) and a report tying them together, with the Japanese name and description as \
			language-content. A revision is a new version of the same objects; a vulnerability a revision drops gets a \
			revoked version.""";

	private final AdvisoryLookup advisories;
	private final Collections collections;
	private final StixObjects objects;
	private final FeedObjects feed;
	private final JdbcClient jdbc;
	private final AuditLog audit;
	private final Clock clock;

	AdvisoryFeed(AdvisoryLookup advisories, Collections collections, StixObjects objects, FeedObjects feed,
			JdbcClient jdbc, AuditLog audit, Clock clock) {
		this.advisories = advisories;
		this.collections = collections;
		this.objects = objects;
		this.feed = feed;
		this.jdbc = jdbc;
		this.audit = audit;
		this.clock = clock;
	}

	@ApplicationModuleListener
	void on(AdvisoryPublished published) {
		place(published.caseId());
	}

	/** Brings the collection up to the advisory's latest published revision; the collection, if that changed it. */
	@Transactional
	public Optional<UUID> place(UUID caseId) {
		// One writer per advisory at a time: two revisions' events never interleave.
		feed.lock("intel-advisory|" + caseId);
		var advisory = advisories.published(caseId).orElse(null);
		if (advisory == null) {
			return Optional.empty();
		}
		var placement = placement(caseId, collection());
		if (placement.exists() && advisory.revision() <= placement.revision()) {
			return Optional.empty();
		}
		store(placement, advisory, publisher(advisory.publisher()));
		return Optional.of(placement.collectionId());
	}

	/** The collection, made on first use; its access is restored if it was changed. */
	@Transactional
	public UUID collection() {
		feed.lock("intel-advisory-collection");
		var existing = collectionId();
		if (existing.isPresent()) {
			restoreAccess(existing.get());
			return existing.get();
		}
		var created = collections.create(new Collections.Draft(TITLE, DESCRIPTION, null, true, false), null);
		collections.replaceGrants(created.id(), List.of());
		jdbc.sql("insert into intel_advisory_collection (collection_id, created_at) values (:c, :now)")
			.param("c", created.id()).param("now", Timestamp.from(Instant.now(clock))).update();
		audit.record("intel.advisory-collection.created", "intel_collection", created.id(), Map.of());
		return created.id();
	}

	/** The collection, if the first advisory has gone out. */
	@Transactional(readOnly = true)
	public Optional<UUID> collectionId() {
		return jdbc.sql("select collection_id from intel_advisory_collection").query(UUID.class).optional();
	}

	/** Readable by all, written by no grantee, fed no shared items: anything else is put back. */
	private void restoreAccess(UUID collectionId) {
		var collection = collections.byId(collectionId).orElseThrow();
		var optedIn = jdbc.sql("select exists (select 1 from intel_shared_feed where collection_id = :c)")
			.param("c", collectionId).query(Boolean.class).single();
		if (collection.readableByAll() && !collection.readableByCentre() && !optedIn
				&& collections.grants(collectionId).isEmpty()) {
			return;
		}
		collections.lock(collectionId);
		collections.setOpenness(collectionId, true, false);
		collections.replaceGrants(collectionId, List.of());
		jdbc.sql("delete from intel_shared_feed where collection_id = :c").param("c", collectionId).update();
		audit.record("intel.advisory-collection.access-restored", "intel_collection", collectionId, Map.of());
	}

	private record Placement(UUID caseId, UUID collectionId, boolean exists, int revision, Instant lastModified,
			List<String> objectIds, Set<String> revokedIds) {
	}

	private Placement placement(UUID caseId, UUID collectionId) {
		return jdbc.sql("select * from intel_advisory_placement where case_id = :case and collection_id = :c")
			.param("case", caseId).param("c", collectionId)
			.query((rs, n) -> new Placement(caseId, collectionId, true, rs.getInt("revision"),
					rs.getTimestamp("last_modified").toInstant(),
					List.of((String[]) rs.getArray("object_ids").getArray()),
					new LinkedHashSet<>(List.of((String[]) rs.getArray("revoked_ids").getArray()))))
			.optional()
			.orElse(new Placement(caseId, collectionId, false, 0, Instant.EPOCH, List.of(), Set.of()));
	}

	private void store(Placement placement, PublishedAdvisory advisory, AdvisoryStix.Publisher publisher) {
		// publishedAt is the latest revision's date (the first publication's for revision 1).
		var modified = FeedObjects.later(advisory.publishedAt(),
				placement.exists() ? placement.lastModified() : advisory.firstPublishedAt().minusMillis(1));
		var collection = placement.collectionId();
		var built = AdvisoryStix.objects(advisory, publisher, modified, placement.revokedIds());
		var current = built.stream().filter(FeedObjects::versioned).map(n -> n.get("id").asString()).toList();
		var dropped = placement.objectIds().stream().filter(id -> !current.contains(id)).toList();
		var nodes = new ArrayList<>(built);
		nodes.addAll(feed.revokedVersions(collection, dropped, modified));
		var revoked = new LinkedHashSet<>(placement.revokedIds());
		revoked.addAll(dropped);
		var stix = feed.checked(nodes, "Advisory");
		objects.add(collection, stix);
		var now = Timestamp.from(Instant.now(clock));
		jdbc.sql("""
				insert into intel_advisory_placement (case_id, collection_id, revision, last_modified, object_ids,
				       revoked_ids, placed_at, updated_at)
				values (:case, :c, :revision, :modified, :ids, :revoked, :now, :now)
				on conflict (case_id, collection_id) do update set revision = excluded.revision,
				       last_modified = excluded.last_modified, object_ids = excluded.object_ids,
				       revoked_ids = excluded.revoked_ids, updated_at = excluded.updated_at
				""")
			.param("case", advisory.caseId()).param("c", collection).param("revision", advisory.revision())
			.param("modified", Timestamp.from(modified)).param("ids", current.toArray(String[]::new))
			.param("revoked", revoked.toArray(String[]::new)).param("now", now).update();
		audit.record("intel.advisory.placed", "intel_collection", collection,
				Map.of("advisory", advisory.trackingId(), "revision", String.valueOf(advisory.revision()),
						"objects", String.valueOf(stix.size()), "revoked", String.valueOf(dropped.size())));
	}

	/** The publisher's identity: its creation time is kept, since every version of an object shares it. */
	private AdvisoryStix.Publisher publisher(String name) {
		jdbc.sql("""
				insert into intel_advisory_publisher (name, created_at) values (:name, :now) on conflict do nothing
				""").param("name", name).param("now", Timestamp.from(Instant.now(clock).truncatedTo(ChronoUnit.MILLIS)))
			.update();
		var created = jdbc.sql("select created_at from intel_advisory_publisher where name = :name")
			.param("name", name).query(Timestamp.class).single().toInstant();
		return new AdvisoryStix.Publisher(name, created);
	}
}
