package org.kakehashi.intel.correlation;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.kakehashi.intel.store.CollectionAccess;
import org.kakehashi.intel.store.Collections;
import org.kakehashi.intel.store.IntelReader;
import org.kakehashi.reporting.ReportLookup;
import org.kakehashi.reporting.Viewer;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reads the observable index: every place a value occurs that the asker may see. Objects are filtered in SQL to the
 * collections the reader may read (the store's own access rules); reports through {@link ReportLookup#visible},
 * before anything is counted or returned, so an invisible report or object leaves no trace in the answer.
 */
@Service
public class Correlations {

	/** Report candidates read per value before visibility filtering; beyond this the answer may be incomplete. */
	static final int REPORT_CANDIDATES = 5000;

	/**
	 * Who asks: the collections they may read (empty when their credential has no intel:read) and, when they may
	 * read reports at all, the report viewer.
	 */
	public record Audience(Map<UUID, String> readableCollections, @Nullable Viewer viewer) {

		public Audience {
			readableCollections = Map.copyOf(readableCollections);
		}

		UUID[] collectionIds() {
			return readableCollections.keySet().toArray(UUID[]::new);
		}
	}

	/** A source to leave out of the answer: the report or object being looked at. */
	public record Except(@Nullable UUID reportId, @Nullable UUID collectionId, @Nullable String stixId) {

		public static final Except NOTHING = new Except(null, null, null);
	}

	/** What was found, newest first; {@code truncated} when there was more than the limit. */
	public record Found(List<Occurrence> occurrences, boolean truncated) {
	}

	private final JdbcClient jdbc;
	private final Collections collections;
	private final ReportLookup reports;
	private final Clock clock;

	Correlations(JdbcClient jdbc, Collections collections, ReportLookup reports, Clock clock) {
		this.jdbc = jdbc;
		this.collections = collections;
		this.reports = reports;
		this.clock = clock;
	}

	/** One value of a report or object and where else it occurs. */
	public record ValueCorrelations(ObservableValue value, Found found) {
	}

	/** For each observable of a report's current version (none for drafts), where else it occurs. */
	@Transactional(readOnly = true)
	public List<ValueCorrelations> forReport(Audience audience, UUID reportId, int limitPerValue) {
		var values = new java.util.LinkedHashMap<String, ObservableValue>();
		for (var observable : reports.observables(reportId)) {
			ObservableValue.of(ObservableKind.of(observable.type()), observable.value())
				.ifPresent(v -> values.putIfAbsent(v.kind() + " " + v.matchKey(), v));
		}
		var except = new Except(reportId, null, null);
		return values.values().stream().map(v -> new ValueCorrelations(v, find(audience, v, except, limitPerValue))).toList();
	}

	/** For each observable value a STIX object carries, where else it occurs (the object itself left out). */
	@Transactional(readOnly = true)
	public List<ValueCorrelations> forObject(Audience audience, UUID collectionId, String stixId,
			List<ObservableValue> values, int limitPerValue) {
		var except = new Except(null, collectionId, stixId);
		return values.stream().map(v -> new ValueCorrelations(v, find(audience, v, except, limitPerValue))).toList();
	}

	/** The audience of a reader (null: no intelligence at all) and a report viewer (null: no reports). */
	public Audience audience(@Nullable IntelReader reader, @Nullable Viewer viewer) {
		var readable = new HashMap<UUID, String>();
		if (reader != null) {
			collections.visibleTo(reader).stream().filter(CollectionAccess::canRead)
				.forEach(a -> readable.put(a.collection().id(), a.collection().title()));
		}
		return new Audience(readable, viewer);
	}

	/** Runs without a transaction of its own: a few single-statement reads, each planned and answered on its own. */
	public Found find(Audience audience, ObservableValue value, Except except, int limit) {
		var found = new ArrayList<Occurrence>();
		var objects = objects(audience, value, except, limit + 1);
		var reportHits = reports(audience, value, except, limit + 1);
		found.addAll(objects);
		found.addAll(reportHits);
		found.sort(Comparator.comparing(Occurrence::lastSeen).reversed());
		boolean truncated = objects.size() > limit || reportHits.size() > limit || found.size() > limit;
		return new Found(List.copyOf(found.subList(0, Math.min(limit, found.size()))), truncated);
	}

	private List<Occurrence> objects(Audience audience, ObservableValue value, Except except, int limit) {
		if (audience.readableCollections().isEmpty()) {
			return List.of();
		}
		var match = Match.of(value);
		// No joins: with a parameter-dependent index condition PostgreSQL plans this statement on every call, and
		// planning time grows with every joined table. Titles come with the audience, marks in a second small read.
		var sql = """
				select o.kind, o.value, o.collection_id, o.stix_id, o.stix_type, o.valid_until, o.first_seen, o.last_seen
				from intel_observable o
				where o.source_kind = 'STIX_OBJECT' and o.collection_id = any(:readable)""" + " and " + match.sql()
				+ (except.stixId() == null ? "" : " and not (o.collection_id = :exceptCollection and o.stix_id = :exceptStix)")
				+ " order by o.last_seen desc, o.id limit :limit";
		var spec = match.bind(jdbc.sql(sql))
			.param("readable", audience.collectionIds())
			.param("limit", limit);
		if (except.stixId() != null) {
			spec = spec.param("exceptCollection", except.collectionId()).param("exceptStix", except.stixId());
		}
		var now = Instant.now(clock);
		var rows = spec.query((rs, n) -> objectRow(rs)).list();
		var ids = rows.stream().map(ObjectRow::stixId).toList();
		var sightings = sightings(audience, ids);
		var marks = falsePositives(ids);
		var result = new ArrayList<Occurrence>();
		for (var row : rows) {
			var stored = ObservableValue.of(row.kind(), row.value());
			var relation = stored.flatMap(value::relation);
			if (relation.isEmpty()) {
				continue;
			}
			result.add(new Occurrence(relation.get(), row.kind(), row.value(), null,
					new Occurrence.ObjectHit(row.collectionId(), audience.readableCollections().getOrDefault(row.collectionId(), ""),
							row.stixId(), row.stixType(), row.validUntil(), row.validUntil() != null && !row.validUntil().isAfter(now),
							marks.get(row.stixId()), sightings.get(row.stixId())),
					row.firstSeen(), row.lastSeen()));
		}
		return result;
	}

	private List<Occurrence> reports(Audience audience, ObservableValue value, Except except, int limit) {
		if (audience.viewer() == null) {
			return List.of();
		}
		var match = Match.of(value);
		var sql = "select o.report_id, o.kind, o.value, o.first_seen, o.last_seen from intel_observable o"
				+ " where o.source_kind = 'REPORT' and " + match.sql()
				+ (except.reportId() == null ? "" : " and o.report_id <> :exceptReport")
				+ " order by o.last_seen desc, o.id limit :limit";
		var spec = match.bind(jdbc.sql(sql)).param("limit", REPORT_CANDIDATES);
		if (except.reportId() != null) {
			spec = spec.param("exceptReport", except.reportId());
		}
		record Row(UUID reportId, ObservableKind kind, String value, Instant firstSeen, Instant lastSeen) {
		}
		var candidates = spec.query((rs, n) -> new Row(rs.getObject("report_id", UUID.class),
				ObservableKind.valueOf(rs.getString("kind").toUpperCase(java.util.Locale.ROOT)), rs.getString("value"),
				instant(rs, "first_seen"), instant(rs, "last_seen"))).list();
		if (candidates.isEmpty()) {
			return List.of();
		}
		var visible = reports.visible(audience.viewer(), candidates.stream().map(Row::reportId).collect(java.util.stream.Collectors.toSet()));
		var kept = candidates.stream().filter(r -> visible.contains(r.reportId())).limit(limit).toList();
		var numbers = reports.numbers(kept.stream().map(Row::reportId).toList());
		var result = new ArrayList<Occurrence>();
		for (var row : kept) {
			var relation = ObservableValue.of(row.kind(), row.value()).flatMap(value::relation);
			relation.ifPresent(m -> result.add(new Occurrence(m, row.kind(), row.value(),
					new Occurrence.ReportHit(row.reportId(), numbers.getOrDefault(row.reportId(), "")), null, row.firstSeen(),
					row.lastSeen())));
		}
		return result;
	}

	/** Sightings of these objects in the collections the audience may read. */
	public Map<String, Occurrence.SightingCount> sightings(Audience audience, Collection<String> stixIds) {
		var counts = new HashMap<String, Occurrence.SightingCount>();
		if (stixIds.isEmpty() || audience.readableCollections().isEmpty()) {
			return counts;
		}
		jdbc.sql("""
				select sighting_of_ref, sum(count) as total, min(first_seen) as first_seen, max(last_seen) as last_seen
				from intel_sighting
				where sighting_of_ref = any(:ids::text[]) and collection_id = any(:readable)
				group by sighting_of_ref
				""")
			.param("ids", new LinkedHashSet<>(stixIds).toArray(String[]::new))
			.param("readable", audience.collectionIds())
			.query(rs -> {
				counts.put(rs.getString("sighting_of_ref"), new Occurrence.SightingCount(rs.getLong("total"),
						instant(rs, "first_seen"), instant(rs, "last_seen")));
			});
		return counts;
	}

	private Map<String, Occurrence.FalsePositive> falsePositives(Collection<String> stixIds) {
		var marks = new HashMap<String, Occurrence.FalsePositive>();
		if (!stixIds.isEmpty()) {
			jdbc.sql("select stix_id, reason, marked_at from intel_false_positive where stix_id = any(:ids::text[])")
				.param("ids", new LinkedHashSet<>(stixIds).toArray(String[]::new))
				.query(rs -> {
					marks.put(rs.getString("stix_id"), new Occurrence.FalsePositive(rs.getString("reason"), instant(rs, "marked_at")));
				});
		}
		return marks;
	}

	/** The false-positive mark on an object, if any (only call for objects the reader may read). */
	public Optional<Occurrence.FalsePositive> falsePositive(String stixId) {
		return jdbc.sql("select reason, marked_at from intel_false_positive where stix_id = :id")
			.param("id", stixId)
			.query((rs, n) -> new Occurrence.FalsePositive(rs.getString("reason"), instant(rs, "marked_at")))
			.optional();
	}

	private record ObjectRow(ObservableKind kind, String value, UUID collectionId, String stixId, String stixType,
			@Nullable Instant validUntil, Instant firstSeen, Instant lastSeen) {
	}

	private static ObjectRow objectRow(ResultSet rs) throws SQLException {
		return new ObjectRow(ObservableKind.valueOf(rs.getString("kind").toUpperCase(java.util.Locale.ROOT)),
				rs.getString("value"), rs.getObject("collection_id", UUID.class), rs.getString("stix_id"),
				rs.getString("stix_type"), nullableInstant(rs, "valid_until"), instant(rs, "first_seen"),
				instant(rs, "last_seen"));
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		return rs.getObject(column, OffsetDateTime.class).toInstant();
	}

	private static @Nullable Instant nullableInstant(ResultSet rs, String column) throws SQLException {
		var value = rs.getObject(column, OffsetDateTime.class);
		return value == null ? null : value.toInstant();
	}

	/** The index condition for a value, on alias {@code o}: one index probe per kind. */
	record Match(String sql, ObservableValue value) {

		/** The predicate of the GiST index intel_observable_networks (V12), word for word, so the planner uses it. */
		static final String NETWORKS_ONLY = "((family(o.network) = 4 and masklen(o.network) < 32)"
				+ " or (family(o.network) = 6 and masklen(o.network) < 128))";

		static Match of(ObservableValue value) {
			if (value.network() != null && value.network().single()) {
				// The address itself (an equal key) or a stored network holding it (GiST over networks only).
				return new Match("((o.kind = :kind and o.match_key = :key) or (" + NETWORKS_ONLY
						+ " and o.network >>= cast(:network as inet)))", value);
			}
			if (value.network() != null) {
				// Stored networks overlapping it (GiST), or stored addresses inside it (a btree range on the inet).
				return new Match("((" + NETWORKS_ONLY + " and o.network && cast(:network as inet))"
						+ " or (o.network is not null and o.network <<= cast(:network as inet)))", value);
			}
			if (value.kind() == ObservableKind.DOMAIN) {
				// The domain and its parents are equal keys; its subdomains are the keys after it up to the bound.
				return new Match("o.kind = 'domain' and (o.match_key = any(:keys::text[])"
						+ " or (o.match_key > :key and o.match_key < :bound))", value);
			}
			return new Match("o.kind = :kind and o.match_key = :key", value);
		}

		JdbcClient.StatementSpec bind(JdbcClient.StatementSpec spec) {
			if (value.network() != null && value.network().single()) {
				return spec.param("kind", value.kind().code()).param("key", value.matchKey())
					.param("network", ObservableIndex.inet(value.network()));
			}
			if (value.network() != null) {
				return spec.param("network", ObservableIndex.inet(value.network()));
			}
			if (value.kind() == ObservableKind.DOMAIN) {
				return spec.param("keys", value.domainKeyAndParents().toArray(String[]::new))
					.param("key", value.matchKey())
					.param("bound", value.subdomainKeyBound());
			}
			return spec.param("kind", value.kind().code()).param("key", value.matchKey());
		}
	}
}
