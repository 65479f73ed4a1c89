package org.kakehashi.audit;

import org.jspecify.annotations.Nullable;

/**
 * Result of walking the whole chain.
 *
 * @param checked    entries examined
 * @param brokenAt   sequence number of the first entry whose link does not hold, or null when intact
 * @param reason     what was wrong with it
 */
public record AuditVerification(long checked, @Nullable Long brokenAt, @Nullable String reason) {

	public boolean intact() {
		return brokenAt == null;
	}
}
