package org.kakehashi.reporting.clocks;

import java.time.Instant;

import org.kakehashi.reporting.ReportStatus;

/** One submitted version of a report, as the clocks see it. */
public record Submission(int version, ReportStatus status, Instant submittedAt, boolean ransomPaid) {
}
