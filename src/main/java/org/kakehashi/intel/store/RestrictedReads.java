package org.kakehashi.intel.store;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.kakehashi.audit.AuditEvent;
import org.kakehashi.audit.AuditLog;
import org.kakehashi.identity.KakehashiUser;
import org.springframework.stereotype.Component;

/**
 * Every read of TLP:RED or AMBER material goes to the audit log (DESIGN.md, audit): a TAXII page, an object page or
 * an export that hands out objects marked with a RED, AMBER or AMBER+STRICT marking definition (TLP 2.0, and TLP 1.0's
 * RED and AMBER) records one entry naming the collection, the counts per level and the first object ids — never
 * their content. Pages without such objects record nothing, so polling a CLEAR feed stays cheap.
 */
@Component
public class RestrictedReads {

	/** Marking-definition ids per audited level, from the TLP 2.0 and 1.0 STIX definitions. */
	private static final Map<String, String> MARKINGS = Map.of(
			"marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1", "RED",
			"marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003", "AMBER_STRICT",
			"marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421", "AMBER",
			"marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed", "RED",
			"marking-definition--f88d31f6-486f-44da-b317-01333bde0b82", "AMBER");

	private static final int IDS_LISTED = 20;

	private final AuditLog audit;

	RestrictedReads(AuditLog audit) {
		this.audit = audit;
	}

	/** Records the read if any of the rows (with their stored text) carries a RED or AMBER marking. */
	public void record(KakehashiUser reader, UUID collectionId, String channel, List<StoredVersion> rows) {
		record(reader, collectionId, channel, rows.stream().map(r -> Map.entry(r.stixId(), r.raw() == null ? "" : r.raw()))
			.toList());
	}

	/** The same for one object shown on its page. */
	public void record(KakehashiUser reader, UUID collectionId, String channel, String stixId, String raw) {
		record(reader, collectionId, channel, List.of(Map.entry(stixId, raw)));
	}

	private void record(KakehashiUser reader, UUID collectionId, String channel, Iterable<Map.Entry<String, String>> objects) {
		var counts = new LinkedHashMap<String, Integer>();
		var ids = new ArrayList<String>();
		for (var object : objects) {
			var level = level(object.getValue());
			if (level != null) {
				counts.merge(level, 1, Integer::sum);
				if (ids.size() < IDS_LISTED) {
					ids.add(object.getKey());
				}
			}
		}
		if (counts.isEmpty()) {
			return;
		}
		var details = new LinkedHashMap<String, String>();
		details.put("channel", channel);
		counts.forEach((level, n) -> details.put(level, String.valueOf(n)));
		details.put("objects", String.join(",", ids));
		audit.record(AuditEvent.by(reader, "intel.restricted-read", "intel_collection", collectionId, details));
	}

	/** The most restrictive audited level the object's text names, or null. */
	static @Nullable String level(String raw) {
		if (!raw.contains("marking-definition--")) {
			return null;
		}
		@Nullable String found = null;
		for (var marking : MARKINGS.entrySet()) {
			if (raw.contains(marking.getKey())) {
				var level = marking.getValue();
				if (found == null || rank(level) > rank(found)) {
					found = level;
				}
			}
		}
		return found;
	}

	private static int rank(String level) {
		return switch (level) {
			case "RED" -> 3;
			case "AMBER_STRICT" -> 2;
			default -> 1;
		};
	}
}
