package org.kakehashi.vulns.internal;

import java.time.Instant;

/** A documented attempt to reach a vendor: by whom, how and when (automatic ones are Kakehashi's own e-mails). */
public record ContactAttempt(long id, Instant attemptedAt, Channel channel, String note, boolean automatic,
		String byName, Instant recordedAt) {

	public enum Channel {
		EMAIL, PHONE, POST, WEB_FORM, OTHER
	}
}
