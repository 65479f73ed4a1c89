package org.kakehashi.intel.correlation.web;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.kakehashi.intel.correlation.Correlations;
import org.kakehashi.intel.correlation.Occurrence;

/** API payloads of the correlation endpoints (never the index rows themselves). */
final class CorrelationJson {

	private CorrelationJson() {
	}

	record Lookup(String type, String value, List<OccurrenceJson> occurrences, boolean truncated) {
	}

	record ReportCorrelations(UUID reportId, List<ObservableCorrelations> observables) {
	}

	record ObservableCorrelations(String type, String value, List<OccurrenceJson> occurrences, boolean truncated) {
	}

	/** {@code match}: exact, within, contains, parent-domain or subdomain. {@code source}: report or stix. */
	record OccurrenceJson(String match, String type, String value, String source, @Nullable ReportJson report,
			@Nullable ObjectJson object, Instant firstSeen, Instant lastSeen) {

		static OccurrenceJson of(Occurrence o) {
			var report = o.report() == null ? null
					: new ReportJson(o.report().id(), o.report().number(), "/reports/" + o.report().id());
			var object = o.object() == null ? null : ObjectJson.of(o.object());
			return new OccurrenceJson(o.match().code(), o.kind().code(), o.value(), o.inReport() ? "report" : "stix", report,
					object, o.firstSeen(), o.lastSeen());
		}

		static List<OccurrenceJson> of(Correlations.Found found) {
			return found.occurrences().stream().map(OccurrenceJson::of).toList();
		}
	}

	record ReportJson(UUID id, String number, String href) {
	}

	record ObjectJson(UUID collectionId, String collectionTitle, String stixId, String type, String href,
			@Nullable Instant validUntil, boolean expired, boolean falsePositive, @Nullable String falsePositiveReason,
			@Nullable Instant falsePositiveAt, boolean active, @Nullable SightingsJson sightings) {

		static ObjectJson of(Occurrence.ObjectHit hit) {
			var fp = hit.falsePositive();
			var sightings = hit.sightings() == null ? null
					: new SightingsJson(hit.sightings().count(), hit.sightings().firstSeen(), hit.sightings().lastSeen());
			return new ObjectJson(hit.collectionId(), hit.collectionTitle(), hit.stixId(), hit.stixType(),
					"/intel/objects/" + hit.collectionId() + "/" + hit.stixId(), hit.validUntil(), hit.expired(), fp != null,
					fp == null ? null : fp.reason(), fp == null ? null : fp.markedAt(), hit.active(), sightings);
		}
	}

	record SightingsJson(long count, Instant firstSeen, Instant lastSeen) {
	}

	record NewSighting(@Nullable String indicator, @Nullable Long count, @Nullable UUID collection,
			@Nullable String firstSeen, @Nullable String lastSeen) {
	}

	record SightingCreated(String id, UUID collectionId, String indicator, long count, String href) {
	}

	record FalsePositiveInput(@Nullable String reason) {
	}

	record FalsePositiveJson(String stixId, boolean falsePositive, @Nullable String reason, @Nullable Instant markedAt) {
	}
}
