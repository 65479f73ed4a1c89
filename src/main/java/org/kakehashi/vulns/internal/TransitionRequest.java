package org.kakehashi.vulns.internal;

import java.time.LocalDate;
import java.time.LocalDateTime;

import org.jspecify.annotations.Nullable;

/**
 * A coordinator's request to move a case: the target state, why, and what the target needs — an outcome to close,
 * the first vendor contact's date for VENDOR_CONTACTED, the agreed moment (wall-clock time in its zone) for
 * DATE_AGREED. {@code reasonVisibleToFinder} shares the reason with the finder (always so for NOT_ACCEPTED).
 */
public record TransitionRequest(@Nullable CaseStatus to, String reason, boolean reasonVisibleToFinder,
		@Nullable Outcome outcome, @Nullable LocalDate firstVendorContactOn, @Nullable LocalDateTime publicationAt,
		@Nullable String publicationZone) {
}
