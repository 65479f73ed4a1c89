package org.kakehashi.audit.internal;

import java.util.SortedMap;

import org.kakehashi.platform.Secrets;

/**
 * How an entry is hashed. Every field is written with its length in front, so no two different entries
 * can produce the same input by shifting text between fields.
 */
public final class AuditChain {

	public static final String GENESIS = "0".repeat(64);

	private AuditChain() {
	}

	public static String hash(AuditRow row) {
		var input = new StringBuilder();
		for (Object field : new Object[] { row.prevHash(), row.seq(), row.id(), row.occurredAt(), row.actorId(),
				row.actorName(), row.organisationId(), row.action(), row.targetType(), row.targetId(), row.details(),
				row.ipAddress() }) {
			var text = field == null ? "\u0000" : field.toString();
			input.append(text.length()).append(':').append(text).append('|');
		}
		return Secrets.sha256Hex(input.toString());
	}

	/** Details as JSON with keys in order and only string values: one text per content. */
	public static String canonicalJson(SortedMap<String, String> details) {
		var json = new StringBuilder("{");
		details.forEach((key, value) -> {
			if (json.length() > 1) {
				json.append(',');
			}
			quote(json, key).append(':');
			quote(json, value);
		});
		return json.append('}').toString();
	}

	private static StringBuilder quote(StringBuilder out, String value) {
		out.append('"');
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			switch (c) {
				case '"' -> out.append("\\\"");
				case '\\' -> out.append("\\\\");
				case '\n' -> out.append("\\n");
				case '\r' -> out.append("\\r");
				case '\t' -> out.append("\\t");
				default -> {
					if (c < 0x20) {
						out.append(String.format("\\u%04x", (int) c));
					} else {
						out.append(c);
					}
				}
			}
		}
		return out.append('"');
	}
}
