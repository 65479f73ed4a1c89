package org.kakehashi.warnings.drills;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/** A reachability drill as its sender started it. */
public record Drill(UUID id, String number, UUID senderOrganisationId, String title, String messageJa,
		String messageEn, DrillStatus status, Instant createdAt, @Nullable Instant startedAt, @Nullable Instant closedAt,
		Instant deadline) {

	public String message(String language) {
		return "en".equals(language) && !messageEn.isBlank() || messageJa.isBlank() ? messageEn : messageJa;
	}

	public boolean running() {
		return status == DrillStatus.RUNNING;
	}
}
