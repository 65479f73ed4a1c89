package org.kakehashi.sharing.web;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Locale;

import org.jspecify.annotations.Nullable;
import org.kakehashi.platform.InvalidInput;
import org.kakehashi.sharing.Tlp;
import org.kakehashi.sharing.internal.InboxQuery;

/** Inbox filters from request parameters (page and API alike); a bad value names its parameter. */
final class InboxFilters {

	private InboxFilters() {
	}

	/** Dates are whole days in the display zone; {@code to} includes its day. */
	static InboxQuery query(@Nullable String q, @Nullable String tlp, boolean unread, @Nullable String withdrawn,
			@Nullable String from, @Nullable String to, ZoneId zone) {
		var level = blank(tlp) ? null : Tlp.parse(tlp).orElseThrow(() -> new InvalidInput("tlp", "sharing.error.tlp",
				"tlp is one of TLP:RED, TLP:AMBER+STRICT, TLP:AMBER, TLP:GREEN, TLP:CLEAR."));
		InboxQuery.Withdrawn which;
		try {
			which = blank(withdrawn) ? InboxQuery.Withdrawn.INCLUDE
					: InboxQuery.Withdrawn.valueOf(withdrawn.strip().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException e) {
			throw new InvalidInput("withdrawn", "inbox.error.withdrawn", "withdrawn is include, exclude or only.");
		}
		var start = day(from, "from", zone, 0);
		var end = day(to, "to", zone, 1);
		return new InboxQuery(blank(q) ? null : q, level, unread, which, start, end);
	}

	private static @Nullable Instant day(@Nullable String value, String field, ZoneId zone, int plusDays) {
		if (blank(value)) {
			return null;
		}
		try {
			return LocalDate.parse(value.strip()).plusDays(plusDays).atStartOfDay(zone).toInstant();
		}
		catch (DateTimeParseException e) {
			throw new InvalidInput(field, "inbox.error.date", field + " is a date (yyyy-mm-dd).");
		}
	}

	private static boolean blank(@Nullable String value) {
		return value == null || value.isBlank();
	}
}
