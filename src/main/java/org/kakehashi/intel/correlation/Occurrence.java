package org.kakehashi.intel.correlation;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * One place a looked-up value occurs: in a report or in a STIX object (exactly one of {@code report} and
 * {@code object} is set), how it matched, the stored value and when that source first and last carried it.
 */
public record Occurrence(ObservableValue.Match match, ObservableKind kind, String value, @Nullable ReportHit report,
		@Nullable ObjectHit object, Instant firstSeen, Instant lastSeen) {

	/** A report the viewer may see. */
	public record ReportHit(UUID id, String number) {
	}

	/** An object version in a collection the reader may read, with what analysts said about it. */
	public record ObjectHit(UUID collectionId, String collectionTitle, String stixId, String stixType,
			@Nullable Instant validUntil, boolean expired, @Nullable FalsePositive falsePositive,
			@Nullable SightingCount sightings) {

		/** Neither marked false positive nor past its valid_until. */
		public boolean active() {
			return falsePositive == null && !expired;
		}
	}

	/** An analyst's false-positive mark on an indicator. */
	public record FalsePositive(String reason, Instant markedAt) {
	}

	/** Sightings of an object, summed over the collections the reader may read. */
	public record SightingCount(long count, Instant firstSeen, Instant lastSeen) {
	}

	public boolean inReport() {
		return report != null;
	}
}
