package org.kakehashi.intel.importing;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.kakehashi.intel.stix.StixValidator;
import org.kakehashi.intel.store.NewObject;
import org.kakehashi.intel.taxii.StructuralCheck;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * What the feeds that place other modules' content in collections (early warnings, advisories) share: objects checked
 * before they are stored, revoked versions of what a revision dropped, a lock per placed item, and STIX's rule that
 * a new version's {@code modified} comes after the last one's.
 */
@Component
class FeedObjects {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final JdbcClient jdbc;
	private final ObjectProvider<StixValidator> validator;

	FeedObjects(JdbcClient jdbc, ObjectProvider<StixValidator> validator) {
		this.jdbc = jdbc;
		this.validator = validator;
	}

	/** Checks each object with the STIX validator (a failure is our bug, not input) and wraps it for the store. */
	List<NewObject> checked(List<ObjectNode> nodes, String what) {
		var stix = validator.getIfAvailable();
		var result = new ArrayList<NewObject>();
		for (var node : nodes) {
			if (stix != null) {
				var problems = stix.validate(node);
				if (!problems.isEmpty()) {
					throw new IllegalStateException(what + " STIX is invalid: " + problems);
				}
			}
			var checked = StructuralCheck.check(node, JSON.writeValueAsString(node));
			if (checked.object() == null) {
				throw new IllegalStateException(what + " STIX cannot be stored: " + checked.problems());
			}
			result.add(checked.object());
		}
		return result;
	}

	/** Revoked versions of the objects' last stored versions in the collection. */
	List<ObjectNode> revokedVersions(UUID collection, List<String> ids, Instant modified) {
		if (ids.isEmpty()) {
			return List.of();
		}
		return jdbc.sql("select raw from intel_object where collection_id = :c and stix_id = any(:ids::text[]) and is_last")
			.param("c", collection).param("ids", ids.toArray(String[]::new))
			.query(String.class).list().stream()
			.map(raw -> (ObjectNode) JSON.readTree(raw))
			.filter(node -> !node.path("revoked").asBoolean(false))
			.map(node -> WarningStix.revoked(node, modified))
			.toList();
	}

	/** One writer per key at a time, until the transaction ends. */
	void lock(String key) {
		jdbc.sql("select 1 from (select pg_advisory_xact_lock(hashtextextended(:key, 0))) locked")
			.param("key", key).query(Integer.class).single();
	}

	/** Objects that belong to the placed item (not the shared marking definitions or the author's identity). */
	static boolean versioned(ObjectNode node) {
		var type = node.get("type").asString();
		return !type.equals("marking-definition") && !type.equals("identity");
	}

	/** STIX needs a new version's modified later than the last one's; the same millisecond moves one on. */
	static Instant later(Instant at, Instant than) {
		var truncated = at.truncatedTo(ChronoUnit.MILLIS);
		var base = than.truncatedTo(ChronoUnit.MILLIS);
		return truncated.isAfter(base) ? truncated : base.plusMillis(1);
	}
}
