package org.kakehashi.sharing;

import java.time.Instant;
import java.util.UUID;

/** The hub withdrew a published item; copies elsewhere (TAXII collections) should be revoked. */
public record SharedItemWithdrawn(UUID itemId, String number, Instant withdrawnAt) {
}
