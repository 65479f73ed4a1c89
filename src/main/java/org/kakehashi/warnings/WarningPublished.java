package org.kakehashi.warnings;

import java.util.UUID;

/**
 * A warning reached its recipients: first published ({@code revision} 1), updated (a later revision) or
 * withdrawn. Published through the event publication registry, so a listener (the TAXII feed) never misses one.
 * Listeners read the content through {@link WarningLookup}.
 */
public record WarningPublished(UUID warningId, String number, int revision, Kind kind) {

	public enum Kind {
		PUBLISHED, UPDATED, WITHDRAWN
	}
}
