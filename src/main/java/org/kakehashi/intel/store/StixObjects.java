package org.kakehashi.intel.store;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.kakehashi.platform.SqlText;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * Object versions per collection. Writers to one collection are serialised on the collection's row, which also
 * hands out date_added values: unique, increasing and in commit order, so a reader paging by (date_added, seq)
 * never passes a row that a still-running writer will commit later. docs/adr/003 explains the choice.
 */
@Repository
public class StixObjects {

	/** What became of one object handed to {@link #add}. */
	public enum Added {
		/** Stored now. */
		STORED,
		/** This exact version was already in the collection (posting it again is not an error). */
		ALREADY_PRESENT,
		/** Another object with the same id and version is stored: versions are immutable. */
		CONFLICT
	}

	private final JdbcClient jdbc;

	StixObjects(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Takes the collection's write lock (held to the end of the caller's transaction) and reserves n consecutive
	 * microseconds of date_added, returning the first. Every writer to a collection goes through here: it is what
	 * keeps TAXII paging gap-free (ADR 003).
	 */
	@Transactional
	public OffsetDateTime reserveDateAdded(UUID collectionId, int n) {
		return jdbc.sql("""
				update intel_collection
				   set last_added_at = greatest(clock_timestamp(), last_added_at + interval '1 microsecond')
				                       + (:n - 1) * interval '1 microsecond'
				 where id = :id
				returning last_added_at - (:n - 1) * interval '1 microsecond' as base
				""")
			.param("n", n)
			.param("id", collectionId)
			.query(OffsetDateTime.class)
			.single();
	}

	/** Stores the objects in one transaction; the result has one entry per object, in order. */
	@Transactional
	public List<Added> add(UUID collectionId, List<NewObject> objects) {
		if (objects.isEmpty()) {
			return List.of();
		}
		int n = objects.size();
		var base = reserveDateAdded(collectionId, n);
		var ids = objects.stream().map(NewObject::stixId).toArray(String[]::new);
		var versionAts = objects.stream().map(o -> StixTime.format(o.versionAt())).toArray(String[]::new);
		var inserted = jdbc.sql("""
				insert into intel_object (collection_id, stix_id, stix_type, spec_version, version, version_at, date_added,
				                          is_first, is_last, raw, content)
				select :collection, t.id, t.type, t.spec, t.version, t.version_at::timestamptz,
				       :base + (t.ord - 1) * interval '1 microsecond', false, false, t.raw, t.raw::jsonb
				from unnest(:ids::text[], :types::text[], :specs::text[], :versions::text[], :versionAts::text[], :raws::text[])
				     with ordinality as t(id, type, spec, version, version_at, raw, ord)
				order by t.ord
				on conflict (collection_id, stix_id, version_at) do nothing
				returning stix_id, version_at
				""")
			.param("collection", collectionId)
			.param("base", base)
			.param("ids", ids)
			.param("types", objects.stream().map(NewObject::type).toArray(String[]::new))
			.param("specs", objects.stream().map(NewObject::specVersion).toArray(String[]::new))
			.param("versions", objects.stream().map(NewObject::version).toArray(String[]::new))
			.param("versionAts", versionAts)
			.param("raws", objects.stream().map(NewObject::raw).toArray(String[]::new))
			.query((rs, row) -> rs.getString("stix_id") + "|" + StixTime.format(rs.getObject("version_at", OffsetDateTime.class).toInstant()))
			.list();
		var newlyStored = new HashSet<>(inserted);
		var outcome = new ArrayList<Added>(n);
		var toCompare = new ArrayList<Integer>();
		for (int i = 0; i < n; i++) {
			// The first occurrence of a key that went in is the stored one; any repeat is compared like a re-post.
			if (newlyStored.remove(ids[i] + "|" + versionAts[i])) {
				outcome.add(Added.STORED);
			} else {
				outcome.add(null);
				toCompare.add(i);
			}
		}
		if (!toCompare.isEmpty()) {
			var same = jdbc.sql("""
					select t.ord, o.content = t.raw::jsonb as same
					from unnest(:ids::text[], :versionAts::text[], :raws::text[]) with ordinality as t(id, version_at, raw, ord)
					join intel_object o on o.collection_id = :collection and o.stix_id = t.id
					                   and o.version_at = t.version_at::timestamptz
					""")
				.param("collection", collectionId)
				.param("ids", toCompare.stream().map(i -> ids[i]).toArray(String[]::new))
				.param("versionAts", toCompare.stream().map(i -> versionAts[i]).toArray(String[]::new))
				.param("raws", toCompare.stream().map(i -> objects.get(i).raw()).toArray(String[]::new))
				.query((rs, row) -> new long[] { rs.getLong("ord"), rs.getBoolean("same") ? 1 : 0 })
				.list();
			for (var pair : same) {
				int index = toCompare.get((int) pair[0] - 1);
				outcome.set(index, pair[1] == 1 ? Added.ALREADY_PRESENT : Added.CONFLICT);
			}
		}
		markFirstAndLast(collectionId, new HashSet<>(List.of(ids)));
		return outcome;
	}

	/** Whether the collection holds any version of the object. */
	public boolean exists(UUID collectionId, String stixId) {
		return jdbc.sql("select exists (select 1 from intel_object where collection_id = :c and stix_id = :id)")
			.param("c", collectionId)
			.param("id", stixId)
			.query(Boolean.class)
			.single();
	}

	/**
	 * One page in date_added order. {@code withRaw} loads the stored bytes (Get Objects); without it only the
	 * manifest columns are read.
	 */
	public Slice<StoredVersion> find(UUID collectionId, ObjectQuery query, boolean withRaw) {
		var sql = new StringBuilder("select seq, stix_id, version, spec_version, date_added")
			.append(withRaw ? ", raw" : "")
			.append(" from intel_object where collection_id = :c");
		var where = Filter.of(query.versions(), query.ids(), query.types(), query.specVersions());
		sql.append(where.sql());
		if (query.addedAfter() != null) {
			sql.append(" and date_added > :addedAfter");
		}
		if (query.after() != null) {
			sql.append(" and (date_added, seq) > (:afterAdded, :afterSeq)");
		}
		sql.append(" order by date_added, seq limit :limit");
		var spec = where.bind(jdbc.sql(sql.toString()).param("c", collectionId)).param("limit", query.limit() + 1);
		if (query.addedAfter() != null) {
			spec = spec.param("addedAfter", StixTime.utc(query.addedAfter()));
		}
		if (query.after() != null) {
			spec = spec.param("afterAdded", StixTime.utc(query.after().dateAdded())).param("afterSeq", query.after().seq());
		}
		var rows = spec.query((rs, n) -> new StoredVersion(rs.getLong("seq"), rs.getString("stix_id"), rs.getString("version"),
				rs.getString("spec_version"), rs.getObject("date_added", OffsetDateTime.class).toInstant(),
				withRaw ? rs.getString("raw") : null)).list();
		boolean more = rows.size() > query.limit();
		return new Slice<>(more ? rows.subList(0, query.limit()) : rows, more);
	}

	/**
	 * One page of a collection's objects (last versions) for people, newest first: optionally of one type and with
	 * {@code text} in the id or the name, starting after {@code before} (keyset, so deep pages cost what the first
	 * does). The caller has checked that the reader may read the collection.
	 */
	public Slice<ObjectSummary> newest(UUID collectionId, @Nullable String type, @Nullable String text,
			ObjectQuery.@Nullable Position before, int limit) {
		var sql = new StringBuilder("""
				select seq, stix_id, stix_type, content ->> 'name' as name, version, date_added
				from intel_object where collection_id = :c and is_last""");
		if (type != null) {
			sql.append(" and stix_type = :type");
		}
		if (text != null) {
			sql.append(" and (stix_id like lower(:text) or content ->> 'name' ilike :text)");
		}
		if (before != null) {
			sql.append(" and (date_added, seq) < (:beforeAdded, :beforeSeq)");
		}
		sql.append(" order by date_added desc, seq desc limit :limit");
		var spec = jdbc.sql(sql.toString()).param("c", collectionId).param("limit", limit + 1);
		if (type != null) {
			spec = spec.param("type", type);
		}
		if (text != null) {
			spec = spec.param("text", SqlText.containing(text));
		}
		if (before != null) {
			spec = spec.param("beforeAdded", StixTime.utc(before.dateAdded())).param("beforeSeq", before.seq());
		}
		var rows = spec.query((rs, n) -> new ObjectSummary(rs.getLong("seq"), rs.getString("stix_id"), rs.getString("stix_type"),
				rs.getString("name"), rs.getString("version"), rs.getObject("date_added", OffsetDateTime.class).toInstant()))
			.list();
		boolean more = rows.size() > limit;
		return new Slice<>(more ? rows.subList(0, limit) : rows, more);
	}

	/** Deletes the matching versions of one object; the number deleted. */
	@Transactional
	public int delete(UUID collectionId, String stixId, ObjectQuery.Versions versions, Set<String> specVersions) {
		jdbc.sql("select id from intel_collection where id = :c for update").param("c", collectionId).query(UUID.class).optional();
		var where = Filter.of(versions, Set.of(stixId), Set.of(), specVersions);
		int deleted = where.bind(jdbc.sql("delete from intel_object where collection_id = :c" + where.sql())
			.param("c", collectionId)).update();
		if (deleted > 0) {
			markFirstAndLast(collectionId, Set.of(stixId));
		}
		return deleted;
	}

	/** Recomputes which stored version of each object is the first and the last, by version. */
	private void markFirstAndLast(UUID collectionId, Set<String> stixIds) {
		jdbc.sql("""
				update intel_object o set is_first = r.first, is_last = r.last
				from (select seq,
				             row_number() over (partition by stix_id order by version_at) = 1 as first,
				             row_number() over (partition by stix_id order by version_at desc) = 1 as last
				      from intel_object where collection_id = :c and stix_id = any(:ids::text[])) r
				where o.seq = r.seq and (o.is_first <> r.first or o.is_last <> r.last)
				""")
			.param("c", collectionId)
			.param("ids", stixIds.toArray(String[]::new))
			.update();
	}

	/** The match[...] part of a query as SQL conditions, appended with " and ...". */
	private record Filter(String sql, ObjectQuery.Versions versions, Set<String> ids, Set<String> types, Set<String> specs) {

		static Filter of(ObjectQuery.Versions versions, Set<String> ids, Set<String> types, Set<String> specs) {
			var sql = new StringBuilder();
			if (!versions.all()) {
				var any = new ArrayList<String>();
				// Written bare so the planner can use the partial indexes "where is_last".
				if (versions.last()) {
					any.add("is_last");
				}
				if (versions.first()) {
					any.add("is_first");
				}
				if (!versions.exact().isEmpty()) {
					any.add("version_at = any(:exactVersions::timestamptz[])");
				}
				sql.append(any.size() == 1 ? " and " + any.get(0) : " and (" + String.join(" or ", any) + ")");
			}
			if (!ids.isEmpty()) {
				sql.append(" and stix_id = any(:ids::text[])");
			}
			if (!types.isEmpty()) {
				sql.append(" and stix_type = any(:types::text[])");
			}
			if (!specs.isEmpty()) {
				sql.append(" and spec_version = any(:specs::text[])");
			}
			return new Filter(sql.toString(), versions, ids, types, specs);
		}

		JdbcClient.StatementSpec bind(JdbcClient.StatementSpec spec) {
			if (!versions.all() && !versions.exact().isEmpty()) {
				spec = spec.param("exactVersions", versions.exact().stream().map(StixTime::format).toArray(String[]::new));
			}
			if (!ids.isEmpty()) {
				spec = spec.param("ids", ids.toArray(String[]::new));
			}
			if (!types.isEmpty()) {
				spec = spec.param("types", types.toArray(String[]::new));
			}
			if (!specs.isEmpty()) {
				spec = spec.param("specs", specs.toArray(String[]::new));
			}
			return spec;
		}
	}
}
