package org.kakehashi.warnings.drills;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/** A running drill that waits for the viewer's organisation: to confirm receipt, or (ministries, CEPTOARs) to forward. */
public record PendingHop(UUID drillId, String number, String title, Instant deadline, int level, Instant sentAt,
		@Nullable Instant confirmedAt, @Nullable Instant forwardedAt) {

	public boolean confirmed() {
		return confirmedAt != null;
	}
}
