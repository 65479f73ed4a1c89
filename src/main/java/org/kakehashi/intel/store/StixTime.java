package org.kakehashi.intel.store;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Timestamps as STIX and TAXII write them: UTC with a literal {@code Z}. The database keeps microseconds (TAXII's
 * own precision), so every instant is cut to microseconds here, once, before it is compared or stored.
 */
public final class StixTime {

	/** STIX 2.1 timestamps: any number of fractional digits, always UTC "Z". */
	private static final Pattern SHAPE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?Z");
	private static final DateTimeFormatter TAXII = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'")
		.withZone(ZoneOffset.UTC);

	private StixTime() {
	}

	/** The instant of a well-formed timestamp, or empty (wrong shape, impossible date such as February 30). */
	public static Optional<Instant> parse(String text) {
		if (!SHAPE.matcher(text).matches()) {
			return Optional.empty();
		}
		try {
			return Optional.of(Instant.parse(text).truncatedTo(ChronoUnit.MICROS));
		} catch (java.time.format.DateTimeParseException e) {
			return Optional.empty();
		}
	}

	/** A TAXII timestamp: microsecond precision, UTC. */
	public static String format(Instant instant) {
		return TAXII.format(instant);
	}

	static OffsetDateTime utc(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}
}
