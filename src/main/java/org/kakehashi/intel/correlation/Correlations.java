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
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.kakehashi.intel.store.CollectionAccess;
import org.kakehashi.intel.store.Collections;
import org.kakehashi.intel.store.IntelReader;
import org.kakehashi.reporting.ReportLookup;
import org.kakehashi.reporting.Viewer;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronizationManager;

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
	private final RangedLookupConnections rangedConnections;

	Correlations(JdbcClient jdbc, Collections collections, ReportLookup reports, Clock clock,
			RangedLookupConnections rangedConnections) {
		this.rangedConnections = rangedConnections;
		this.jdbc = jdbc;
		this.collections = collections;
		this.reports = reports;
		this.clock = clock;
	}

	/** One value of a report or object and where else it occurs. */
	public record ValueCorrelations(ObservableValue value, Found found) {
	}

	/** For each observable of a report's current version (none for drafts), where else it occurs (a lookup each). */
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

	/**
	 * One statement per lookup: the object probe with its false-positive marks and sighting counts, and the report
	 * candidates, travel together. Its text depends only on the kind of value and which parts are wanted, never on
	 * the value, so PgJDBC prepares it on the server after a few calls and PostgreSQL can reuse a generic plan (see
	 * {@link Match} for why that plan is as good as one made for the value). Equal-key lookups get it by PostgreSQL's
	 * own choice, in one round trip; key ranges run on {@link RangedLookupConnections}, whose sessions force it. Report
	 * visibility is checked afterwards.
	 */
	public Found find(Audience audience, ObservableValue value, Except except, int limit) {
		boolean objects = !audience.readableCollections().isEmpty();
		boolean reportsToo = audience.viewer() != null;
		if (!objects && !reportsToo) {
			return new Found(List.of(), false);
		}
		var match = Match.of(value);
		var spec = bind(jdbc.sql(lookupSql(match, objects, reportsToo, except)), match, audience, except, limit, objects,
				reportsToo);
		var objectRows = new ArrayList<ObjectRow>();
		var reportRows = new ArrayList<ReportRow>();
		RowCallbackHandler rows = rs -> {
			if (rs.getObject("report_id") != null) {
				reportRows.add(new ReportRow(rs.getObject("report_id", UUID.class), kind(rs), rs.getString("value"),
						instant(rs, "first_seen"), instant(rs, "last_seen")));
			} else {
				objectRows.add(objectRow(rs));
			}
		};
		// Ranged lookups go to connections whose sessions force generic plans; inside a caller's transaction they
		// must see its uncommitted rows, so there they stay on its connection and are planned per call.
		if (match.ranged() && !TransactionSynchronizationManager.isActualTransactionActive()) {
			bind(rangedConnections.jdbc().sql(lookupSql(match, objects, reportsToo, except)), match, audience, except, limit,
					objects, reportsToo).query(rows);
		} else {
			spec.query(rows);
		}
		var objectHits = objectHits(audience, value, objectRows);
		var reportHits = reportHits(audience, value, reportRows, limit + 1);
		var found = new ArrayList<Occurrence>(objectHits.size() + reportHits.size());
		found.addAll(objectHits);
		found.addAll(reportHits);
		found.sort(Comparator.comparing(Occurrence::lastSeen).reversed());
		boolean truncated = objectHits.size() > limit || reportHits.size() > limit || found.size() > limit;
		return new Found(List.copyOf(found.subList(0, Math.min(limit, found.size()))), truncated);
	}

	private static JdbcClient.StatementSpec bind(JdbcClient.StatementSpec statement, Match match, Audience audience,
			Except except, int limit, boolean objects, boolean reportsToo) {
		var spec = match.bind(statement);
		if (objects) {
			spec = spec.param("readable", audience.collectionIds()).param("limit", limit + 1);
			if (except.stixId() != null) {
				spec = spec.param("exceptCollection", except.collectionId()).param("exceptStix", except.stixId());
			}
		}
		if (reportsToo) {
			spec = spec.param("candidates", REPORT_CANDIDATES);
			if (except.reportId() != null) {
				spec = spec.param("exceptReport", except.reportId());
			}
		}
		return spec;
	}

	/**
	 * The lookup statement: object hits (readable collections only, newest first, limited) joined to their marks and
	 * their sightings in readable collections, then report candidates (visibility is checked afterwards, in Java).
	 * Both halves carry every column so one result set holds both; a row with a report_id is a report candidate.
	 */
	private static String lookupSql(Match match, boolean objects, boolean reportsToo, Except except) {
		var parts = new ArrayList<String>();
		var sql = new StringBuilder();
		if (objects) {
			sql.append("""
					with hits as (
					  select o.id, o.kind, o.value, o.collection_id, o.stix_id, o.stix_type, o.valid_until, o.first_seen, o.last_seen
					  from intel_observable o
					  where o.source_kind = 'STIX_OBJECT' and o.collection_id = any(:readable) and\s""").append(match.sql());
			if (except.stixId() != null) {
				sql.append(" and not (o.collection_id = :exceptCollection and o.stix_id = :exceptStix)");
			}
			sql.append("""

					  order by o.last_seen desc, o.id limit :limit)
					""");
			// Marks and sightings are probed per hit through their indexes, whatever the plan thinks the hits number:
			// a generic plan overestimates them and would otherwise hash whole tables. "limit 1" keeps the mark's
			// subquery a per-row probe (stix_id is its key), as the aggregate does for sightings.
			parts.add("""
					(select h.kind, h.value, h.collection_id, h.stix_id, h.stix_type, h.valid_until, h.first_seen, h.last_seen,
					        null::uuid as report_id, f.reason, f.marked_at, s.total as sightings, s.first_seen as sighted_first,
					        s.last_seen as sighted_last
					 from hits h
					 left join lateral (
					   select f.reason, f.marked_at from intel_false_positive f where f.stix_id = h.stix_id limit 1) f on true
					 left join lateral (
					   select sum(s.count) as total, min(s.first_seen) as first_seen, max(s.last_seen) as last_seen
					   from intel_sighting s
					   where s.sighting_of_ref = h.stix_id and s.collection_id = any(:readable)) s on true)""");
		}
		if (reportsToo) {
			parts.add("""
					(select o.kind, o.value, null::uuid, null::text, null::text, null::timestamptz, o.first_seen, o.last_seen,
					        o.report_id, null::text, null::timestamptz, null::numeric, null::timestamptz, null::timestamptz
					 from intel_observable o
					 where o.source_kind = 'REPORT' and\s""" + match.sql()
					+ (except.reportId() == null ? "" : " and o.report_id <> :exceptReport")
					+ "\n order by o.last_seen desc, o.id limit :candidates)");
		}
		return sql.append(String.join("\nunion all\n", parts)).toString();
	}

	private List<Occurrence> objectHits(Audience audience, ObservableValue value, List<ObjectRow> rows) {
		var now = Instant.now(clock);
		var result = new ArrayList<Occurrence>();
		for (var row : rows) {
			var relation = ObservableValue.of(row.kind(), row.value()).flatMap(value::relation);
			if (relation.isEmpty()) {
				continue;
			}
			result.add(new Occurrence(relation.get(), row.kind(), row.value(), null,
					new Occurrence.ObjectHit(row.collectionId(), audience.readableCollections().getOrDefault(row.collectionId(), ""),
							row.stixId(), row.stixType(), row.validUntil(), row.validUntil() != null && !row.validUntil().isAfter(now),
							row.falsePositive(), row.sightings()),
					row.firstSeen(), row.lastSeen()));
		}
		return result;
	}

	private List<Occurrence> reportHits(Audience audience, ObservableValue value, List<ReportRow> candidates, int limit) {
		if (candidates.isEmpty() || audience.viewer() == null) {
			return List.of();
		}
		var visible = reports.visible(audience.viewer(), candidates.stream().map(ReportRow::reportId).collect(java.util.stream.Collectors.toSet()));
		var kept = candidates.stream().filter(r -> visible.contains(r.reportId())).limit(limit).toList();
		var numbers = reports.numbers(kept.stream().map(ReportRow::reportId).toList());
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

	/** The false-positive mark on an object, if any (only call for objects the reader may read). */
	public Optional<Occurrence.FalsePositive> falsePositive(String stixId) {
		return jdbc.sql("select reason, marked_at from intel_false_positive where stix_id = :id")
			.param("id", stixId)
			.query((rs, n) -> new Occurrence.FalsePositive(rs.getString("reason"), instant(rs, "marked_at")))
			.optional();
	}

	private record ObjectRow(ObservableKind kind, String value, UUID collectionId, String stixId, String stixType,
			@Nullable Instant validUntil, Instant firstSeen, Instant lastSeen, Occurrence.@Nullable FalsePositive falsePositive,
			Occurrence.@Nullable SightingCount sightings) {
	}

	private record ReportRow(UUID reportId, ObservableKind kind, String value, Instant firstSeen, Instant lastSeen) {
	}

	private static ObjectRow objectRow(ResultSet rs) throws SQLException {
		var reason = rs.getString("reason");
		var sightings = rs.getObject("sightings") == null ? null
				: new Occurrence.SightingCount(rs.getLong("sightings"), instant(rs, "sighted_first"), instant(rs, "sighted_last"));
		return new ObjectRow(kind(rs), rs.getString("value"), rs.getObject("collection_id", UUID.class), rs.getString("stix_id"),
				rs.getString("stix_type"), nullableInstant(rs, "valid_until"), instant(rs, "first_seen"), instant(rs, "last_seen"),
				reason == null ? null : new Occurrence.FalsePositive(reason, instant(rs, "marked_at")), sightings);
	}

	private static ObservableKind kind(ResultSet rs) throws SQLException {
		return ObservableKind.valueOf(rs.getString("kind").toUpperCase(java.util.Locale.ROOT));
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		return rs.getObject(column, OffsetDateTime.class).toInstant();
	}

	private static @Nullable Instant nullableInstant(ResultSet rs, String column) throws SQLException {
		var value = rs.getObject(column, OffsetDateTime.class);
		return value == null ? null : value.toInstant();
	}

	/**
	 * The index condition for a value, on alias {@code o}. Every condition is btree equality or a key range whose
	 * bounds are computed here, so a generic plan (parameters unknown) uses the same index scans a custom one would:
	 * PostgreSQL turns {@code <<=} into a btree range only for a constant operand, and a GiST {@code >>=} probe of
	 * the stored networks cost more than the few dozen equal-key probes that replace it.
	 */
	record Match(String sql, ObservableValue value) {

		/** Whether the condition has a key range, which PostgreSQL would plan for every value unless told not to. */
		boolean ranged() {
			return value.kind() == ObservableKind.DOMAIN || (value.network() != null && !value.network().single());
		}

		/** Stored rows with an address or network among the given ones (intel_observable_by_address, V12). */
		private static final String ENCLOSING = "o.network = any(cast(:enclosing as inet[]))";

		static Match of(ObservableValue value) {
			if (value.network() != null && value.network().single()) {
				// The address itself or a stored network holding it: equal to the address under one of its prefixes.
				return new Match("o.network is not null and " + ENCLOSING, value);
			}
			if (value.network() != null) {
				// Stored networks holding it (equal keys as above), or addresses and networks inside it: the btree range
				// PostgreSQL itself derives for <<= from a constant (first address with the prefix, last one as /32 or
				// /128), with <<= kept to recheck.
				return new Match("o.network is not null and (" + ENCLOSING + " or (o.network >= cast(:first as inet)"
						+ " and o.network <= cast(:last as inet) and o.network <<= cast(:network as inet)))", value);
			}
			if (value.kind() == ObservableKind.DOMAIN) {
				// The domain and its parents are equal keys; its subdomains are the keys after it up to the bound.
				return new Match("o.kind = 'domain' and (o.match_key = any(cast(:keys as text[]))"
						+ " or (o.match_key > :key and o.match_key < :bound))", value);
			}
			return new Match("o.kind = :kind and o.match_key = :key", value);
		}

		JdbcClient.StatementSpec bind(JdbcClient.StatementSpec spec) {
			var network = value.network();
			if (network != null) {
				spec = spec.param("enclosing", network.enclosing().stream().map(ObservableIndex::inet).toArray(String[]::new));
				return network.single() ? spec
						: spec.param("first", ObservableIndex.inet(network))
							.param("last", ObservableIndex.inet(network.last()))
							.param("network", ObservableIndex.inet(network));
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
