package org.kakehashi.vulns;

import java.util.UUID;

/**
 * A vulnerability advisory went public: first published ({@code revision} 1) or re-published with a new revision.
 * Published through the event publication registry, so a listener (the intel module's TAXII feed) never misses one;
 * listeners read the advisory through {@link AdvisoryLookup}.
 */
public record AdvisoryPublished(UUID caseId, String trackingId, int revision) {
}
