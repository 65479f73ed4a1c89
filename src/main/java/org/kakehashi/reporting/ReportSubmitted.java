package org.kakehashi.reporting;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A report version was submitted: the initial report, an update or the final report. Published inside the
 * submitting transaction; listeners (clocks, correlation, sharing) run after it commits.
 */
public record ReportSubmitted(UUID reportId, String number, UUID organisationId, List<String> sectors, int version,
		ReportStatus status, Instant at) {
}
