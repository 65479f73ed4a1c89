package org.kakehashi.sharing.internal;

import java.time.Instant;

import org.jspecify.annotations.Nullable;
import org.kakehashi.sharing.Tlp;

/**
 * Inbox filters: text in the number, title or body; one TLP; unread only; withdrawn items included, excluded
 * or alone; publication time from (inclusive) and to (exclusive).
 */
public record InboxQuery(@Nullable String text, @Nullable Tlp tlp, boolean unreadOnly, Withdrawn withdrawn,
		@Nullable Instant from, @Nullable Instant to) {

	public static final int MAX_TEXT = 200;

	public enum Withdrawn {
		INCLUDE, EXCLUDE, ONLY
	}

	public static InboxQuery all() {
		return new InboxQuery(null, null, false, Withdrawn.INCLUDE, null, null);
	}
}
