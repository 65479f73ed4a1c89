package org.kakehashi.vulns.cvss;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

import org.kakehashi.vulns.cvss.InvalidCvssVector.Reason;

/** Splits a vector string into metric values, enforcing the rules every CVSS version shares. */
final class VectorReader {

	private VectorReader() {
	}

	/**
	 * @param orderFixed whether metrics must follow the enum's order (CVSS v4.0) or may come in any order (v3.x)
	 */
	static <M extends Enum<M> & CvssMetric> EnumMap<M, String> read(String vector, String prefix, Class<M> type,
			boolean orderFixed) {
		String label = prefix.substring("CVSS:".length());
		if (!vector.startsWith(prefix + "/")) {
			throw new InvalidCvssVector(Reason.PREFIX, "CVSS", "a CVSS v" + label + " vector starts with " + prefix + "/");
		}
		var byAbbreviation = new HashMap<String, M>();
		for (M metric : type.getEnumConstants()) {
			byAbbreviation.put(metric.abbreviation(), metric);
		}
		var values = new EnumMap<M, String>(type);
		String[] parts = vector.substring(prefix.length() + 1).split("/", -1);
		M previous = null;
		for (String part : parts) {
			int colon = part.indexOf(':');
			if (colon <= 0 || colon != part.lastIndexOf(':') || colon == part.length() - 1) {
				String after = previous == null ? "the prefix" : previous.abbreviation();
				throw new InvalidCvssVector(Reason.MALFORMED, part, part.isEmpty()
						? "CVSS v" + label + " vector: empty part after " + after
						: "CVSS v" + label + " vector: \"" + part + "\" is not of the form metric:value");
			}
			String name = part.substring(0, colon);
			String value = part.substring(colon + 1);
			M metric = byAbbreviation.get(name);
			if (metric == null) {
				throw new InvalidCvssVector(Reason.UNKNOWN_METRIC, name,
						"CVSS v" + label + " has no metric " + name);
			}
			if (values.containsKey(metric)) {
				throw new InvalidCvssVector(Reason.DUPLICATE_METRIC, name,
						"CVSS v" + label + " vector: metric " + name + " appears more than once");
			}
			if (!metric.allowedValues().contains(value)) {
				throw new InvalidCvssVector(Reason.INVALID_VALUE, name, "CVSS v" + label + " vector: " + name + ":"
						+ value + " is not allowed; " + name + " takes " + String.join(", ", metric.allowedValues()));
			}
			if (orderFixed && previous != null && metric.ordinal() < previous.ordinal()) {
				throw new InvalidCvssVector(Reason.OUT_OF_ORDER, name, "CVSS v" + label + " vector: " + name
						+ " must come before " + previous.abbreviation() + " (the specification fixes the order)");
			}
			values.put(metric, value);
			previous = metric;
		}
		for (M metric : type.getEnumConstants()) {
			if (metric.mandatory() && !values.containsKey(metric)) {
				throw new InvalidCvssVector(Reason.MISSING_METRIC, metric.abbreviation(),
						"CVSS v" + label + " vector: mandatory metric " + metric.abbreviation() + " is missing");
			}
		}
		return values;
	}

	/** The prefix followed by every defined metric in the specification's order. */
	static <M extends Enum<M> & CvssMetric> String write(String prefix, Map<M, String> values) {
		var out = new StringBuilder(prefix);
		values.forEach((metric, value) -> {
			if (!"X".equals(value)) {
				out.append('/').append(metric.abbreviation()).append(':').append(value);
			}
		});
		return out.toString();
	}
}
