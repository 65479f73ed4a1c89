package org.kakehashi.audit.internal;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/** A stored audit entry, exactly as hashed. */
public record AuditRow(long seq, UUID id, Instant occurredAt, @Nullable UUID actorId, @Nullable String actorName,
		@Nullable UUID organisationId, String action, @Nullable String targetType, @Nullable String targetId,
		String details, @Nullable String ipAddress, String prevHash, String hash) {

	public AuditRow withHash(String newHash) {
		return new AuditRow(seq, id, occurredAt, actorId, actorName, organisationId, action, targetType, targetId,
				details, ipAddress, prevHash, newHash);
	}
}
