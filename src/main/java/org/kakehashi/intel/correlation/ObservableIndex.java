package org.kakehashi.intel.correlation;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;
import org.kakehashi.intel.store.CopyRows;
import org.kakehashi.intel.store.StixTime;
import org.kakehashi.reporting.Observable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes the observable index. Each source (the last version of a STIX object in a collection, or a submitted
 * report) has its rows replaced as a whole whenever it changes, keeping when each value was first seen there.
 * Every method joins the caller's transaction, so what is stored and what is indexed commit together.
 */
@Service
public class ObservableIndex {

	/**
	 * The last version of an object just stored in a collection that held no version of it before, with what
	 * {@link ObservableExtraction#from} found in it (worked out by the caller, off the database's critical path).
	 */
	public record NewObject(long seq, String stixId, String type, ObservableExtraction.Extracted extracted, Instant added) {
	}

	private final JdbcClient jdbc;
	private final JsonMapper json;
	private final DataSource dataSource;

	ObservableIndex(JdbcClient jdbc, JsonMapper json, DataSource dataSource) {
		this.jdbc = jdbc;
		this.json = json;
		this.dataSource = dataSource;
	}

	/**
	 * Indexes objects new to a collection (bulk import): they have no entries to replace and no first_seen to keep,
	 * so their rows go in with one COPY instead of reading the objects back. Sightings take the general path.
	 */
	@Transactional
	public void indexNew(UUID collectionId, List<NewObject> objects) {
		var sightings = new ArrayList<String>();
		var collection = collectionId.toString();
		CopyRows.copy(dataSource, "intel_observable", "kind, value, match_key, network, source_kind, object_seq, "
				+ "collection_id, stix_id, stix_type, valid_until, first_seen, last_seen", rows -> {
			for (var object : objects) {
				if ("sighting".equals(object.type())) {
					sightings.add(object.stixId());
					continue;
				}
				var validUntil = object.extracted().validUntil();
				var seen = StixTime.format(object.added());
				for (var value : object.extracted().values()) {
					rows.value(value.kind().code()).value(value.value()).value(value.matchKey())
						.value(value.network() == null ? null : inet(value.network())).value("STIX_OBJECT").value(object.seq())
						.value(collection).value(object.stixId()).value(object.type())
						.value(validUntil == null ? null : StixTime.format(validUntil)).value(seen).value(seen)
						.endRow();
				}
			}
		});
		indexStored(collectionId, sightings);
	}

	/**
	 * Re-indexes the objects with these STIX ids in a collection from their last stored version: call it after
	 * storing (or deleting) versions, in the same transaction, with the ids of every object the batch touched. An
	 * object with no version left loses its entries; sightings are recorded for their sighted object.
	 */
	@Transactional
	public void indexStored(UUID collectionId, Collection<String> stixIds) {
		if (stixIds.isEmpty()) {
			return;
		}
		var ids = stixIds.stream().distinct().toArray(String[]::new);
		var rows = new Rows();
		var sightings = new ArrayList<Sighting>();
		jdbc.sql("""
				select seq, stix_id, stix_type, raw, date_added from intel_object
				where collection_id = :c and stix_id = any(:ids::text[]) and is_last
				""")
			.param("c", collectionId)
			.param("ids", ids)
			.query(rs -> {
				var seq = rs.getLong("seq");
				var stixId = rs.getString("stix_id");
				var type = rs.getString("stix_type");
				var added = rs.getObject("date_added", OffsetDateTime.class).toInstant();
				var object = json.readTree(rs.getString("raw"));
				var extracted = ObservableExtraction.from(object);
				for (var value : extracted.values()) {
					rows.add(value, seq, stixId, type, extracted.validUntil(), added);
				}
				if ("sighting".equals(type)) {
					sighting(seq, stixId, object, added).ifPresent(sightings::add);
				}
			});
		jdbc.sql("""
				with old as (
				  delete from intel_observable
				  where object_seq in (select seq from intel_object where collection_id = :c and stix_id = any(:ids::text[]))
				  returning stix_id, kind, match_key, first_seen)
				insert into intel_observable (kind, value, match_key, network, source_kind, object_seq, collection_id, stix_id,
				                              stix_type, valid_until, first_seen, last_seen)
				select t.kind, t.value, t.match_key, t.network::inet, 'STIX_OBJECT', t.seq, :c, t.stix_id, t.stix_type,
				       t.valid_until::timestamptz, coalesce(o.first_seen, t.seen::timestamptz), t.seen::timestamptz
				from unnest(:kinds::text[], :values::text[], :keys::text[], :networks::text[], :seqs::bigint[], :stixIds::text[],
				            :types::text[], :validUntils::text[], :seens::text[])
				     as t(kind, value, match_key, network, seq, stix_id, stix_type, valid_until, seen)
				left join (select stix_id, kind, match_key, min(first_seen) as first_seen from old group by 1, 2, 3) o
				       on o.stix_id = t.stix_id and o.kind = t.kind and o.match_key = t.match_key
				""")
			.param("c", collectionId)
			.param("ids", ids)
			.param("kinds", rows.kinds.toArray(String[]::new))
			.param("values", rows.values.toArray(String[]::new))
			.param("keys", rows.keys.toArray(String[]::new))
			.param("networks", rows.networks.toArray(String[]::new))
			.param("seqs", rows.seqs.toArray(Long[]::new))
			.param("stixIds", rows.stixIds.toArray(String[]::new))
			.param("types", rows.types.toArray(String[]::new))
			.param("validUntils", rows.validUntils.toArray(String[]::new))
			.param("seens", rows.seens.toArray(String[]::new))
			.update();
		jdbc.sql("delete from intel_sighting where collection_id = :c and stix_id = any(:ids::text[])")
			.param("c", collectionId)
			.param("ids", ids)
			.update();
		for (var s : sightings) {
			jdbc.sql("""
					insert into intel_sighting (object_seq, collection_id, stix_id, sighting_of_ref, count, first_seen, last_seen)
					values (:seq, :c, :id, :of, :count, :first::timestamptz, :last::timestamptz)
					""")
				.param("seq", s.seq())
				.param("c", collectionId)
				.param("id", s.stixId())
				.param("of", s.sightingOf())
				.param("count", s.count())
				.param("first", StixTime.format(s.firstSeen()))
				.param("last", StixTime.format(s.lastSeen()))
				.update();
		}
	}

	/** Replaces a report's entries with the observables of its current version, submitted at {@code at}. */
	@Transactional
	public void indexReport(UUID reportId, List<Observable> observables, Instant at) {
		var values = new LinkedHashMap<String, ObservableValue>();
		for (var observable : observables) {
			ObservableValue.of(ObservableKind.of(observable.type()), observable.value())
				.ifPresent(v -> values.putIfAbsent(v.kind() + " " + v.matchKey(), v));
		}
		var rows = new Rows();
		values.values().forEach(v -> rows.add(v, null, null, null, null, at));
		jdbc.sql("""
				with old as (
				  delete from intel_observable where source_kind = 'REPORT' and report_id = :r
				  returning kind, match_key, first_seen)
				insert into intel_observable (kind, value, match_key, network, source_kind, report_id, first_seen, last_seen)
				select t.kind, t.value, t.match_key, t.network::inet, 'REPORT', :r, coalesce(o.first_seen, :at::timestamptz),
				       :at::timestamptz
				from unnest(:kinds::text[], :values::text[], :keys::text[], :networks::text[]) as t(kind, value, match_key, network)
				left join (select kind, match_key, min(first_seen) as first_seen from old group by 1, 2) o
				       on o.kind = t.kind and o.match_key = t.match_key
				""")
			.param("r", reportId)
			.param("at", StixTime.format(at))
			.param("kinds", rows.kinds.toArray(String[]::new))
			.param("values", rows.values.toArray(String[]::new))
			.param("keys", rows.keys.toArray(String[]::new))
			.param("networks", rows.networks.toArray(String[]::new))
			.update();
	}

	private record Sighting(long seq, String stixId, String sightingOf, long count, Instant firstSeen, Instant lastSeen) {
	}

	/** A sighting counts {@code count} times (once when absent), between first_seen and last_seen (else created). */
	private static Optional<Sighting> sighting(long seq, String stixId, JsonNode object, Instant added) {
		var of = ObservableExtraction.text(object, "sighting_of_ref");
		if (of == null) {
			return Optional.empty();
		}
		var count = object.path("count").canConvertToLong() ? Math.max(0, object.path("count").asLong()) : 1;
		var created = ObservableExtraction.instant(ObservableExtraction.text(object, "created"));
		var first = ObservableExtraction.instant(ObservableExtraction.text(object, "first_seen"));
		var last = ObservableExtraction.instant(ObservableExtraction.text(object, "last_seen"));
		var fallback = created != null ? created : added;
		var firstSeen = first != null ? first : last != null ? last : fallback;
		var lastSeen = last != null ? last : first != null ? first : fallback;
		return Optional.of(new Sighting(seq, stixId, of, count, firstSeen, lastSeen));
	}

	/** Column arrays for one set-based insert. */
	private static final class Rows {

		final List<String> kinds = new ArrayList<>();
		final List<String> values = new ArrayList<>();
		final List<String> keys = new ArrayList<>();
		final List<@Nullable String> networks = new ArrayList<>();
		final List<@Nullable Long> seqs = new ArrayList<>();
		final List<@Nullable String> stixIds = new ArrayList<>();
		final List<@Nullable String> types = new ArrayList<>();
		final List<@Nullable String> validUntils = new ArrayList<>();
		final List<String> seens = new ArrayList<>();

		void add(ObservableValue value, @Nullable Long seq, @Nullable String stixId, @Nullable String type,
				@Nullable Instant validUntil, Instant seen) {
			kinds.add(value.kind().code());
			values.add(value.value());
			keys.add(value.matchKey());
			networks.add(value.network() == null ? null : inet(value.network()));
			seqs.add(seq);
			stixIds.add(stixId);
			types.add(type);
			validUntils.add(validUntil == null ? null : StixTime.format(validUntil));
			seens.add(StixTime.format(seen));
		}
	}

	/** The network as PostgreSQL's inet reads it, prefix always written. */
	static String inet(IpNetwork network) {
		var text = network.toString();
		return network.single() ? text + "/" + network.prefix() : text;
	}
}
