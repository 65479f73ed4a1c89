package org.kakehashi.intel.store;

import java.time.Instant;

/**
 * One STIX object version about to be stored: its identity and version as TAXII sees them, and the exact text it
 * arrived in ({@code raw}, one JSON object, UTF-8).
 */
public record NewObject(String stixId, String type, String specVersion, String version, Instant versionAt, String raw) {
}
