package org.kakehashi.intel.correlation;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.kakehashi.intel.store.CollectionAccess;
import org.kakehashi.intel.store.Collections;
import org.kakehashi.intel.store.IntelReader;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** Where an object is stored, as far as a reader may know, and its last version for the object page. */
@Service
public class StoredObjects {

	/** The last stored version of an object in a collection the reader may read. */
	public record LastVersion(CollectionAccess access, String stixId, String type, String version, Instant dateAdded,
			String raw) {
	}

	private final JdbcClient jdbc;
	private final Collections collections;

	StoredObjects(JdbcClient jdbc, Collections collections) {
		this.jdbc = jdbc;
		this.collections = collections;
	}

	/** The collections visible to the reader that hold a version of the object, with the reader's access to each. */
	public List<CollectionAccess> holders(IntelReader reader, String stixId) {
		var visible = collections.visibleTo(reader);
		if (visible.isEmpty()) {
			return List.of();
		}
		// Probed per visible collection: (collection_id, stix_id, version_at) is indexed, stix_id alone is not.
		var holding = new HashSet<>(jdbc.sql("""
				select distinct collection_id from intel_object
				 where collection_id = any(:collections) and stix_id = :id and is_last
				""")
			.param("collections", visible.stream().map(a -> a.collection().id()).toArray(UUID[]::new))
			.param("id", stixId)
			.query(UUID.class)
			.list());
		return visible.stream().filter(a -> holding.contains(a.collection().id())).toList();
	}

	/** The object's last version, when the reader may read the collection; empty otherwise, as if it did not exist. */
	public Optional<LastVersion> lastVersion(IntelReader reader, UUID collectionId, String stixId) {
		var access = collections.find(reader, collectionId.toString()).filter(CollectionAccess::canRead);
		if (access.isEmpty()) {
			return Optional.empty();
		}
		return jdbc.sql("""
				select stix_id, stix_type, version, date_added, raw from intel_object
				where collection_id = :c and stix_id = :id and is_last
				""")
			.param("c", collectionId)
			.param("id", stixId)
			.query((rs, n) -> new LastVersion(access.get(), rs.getString("stix_id"), rs.getString("stix_type"),
					rs.getString("version"), rs.getObject("date_added", OffsetDateTime.class).toInstant(), rs.getString("raw")))
			.optional();
	}
}
