package org.kakehashi.intel.importing;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Small STIX 2.1 bundles written for the import tests. */
final class Bundles {

	private Bundles() {
	}

	static String indicator(int n) {
		return indicator(n, "2025-03-01T00:00:00.000Z");
	}

	/** A valid indicator whose id and address follow from n, so the same n gives the same object. */
	static String indicator(int n, String modified) {
		var id = new UUID(0x1234_5678_9abc_4defL, 0x8000_0000_0000_0000L | n);
		return "{\"type\":\"indicator\",\"spec_version\":\"2.1\",\"id\":\"indicator--" + id + "\","
				+ "\"created\":\"2025-01-01T00:00:00.000Z\",\"modified\":\"" + modified + "\",\"name\":\"Test " + n + "\","
				+ "\"pattern\":\"[ipv4-addr:value = '10.0." + (n >> 8 & 255) + "." + (n & 255) + "']\","
				+ "\"pattern_type\":\"stix\",\"valid_from\":\"2025-01-01T00:00:00Z\"}";
	}

	static String indicatorId(int n) {
		return "indicator--" + new UUID(0x1234_5678_9abc_4defL, 0x8000_0000_0000_0000L | n);
	}

	static String bundle(List<String> objects) {
		return "{\"type\":\"bundle\",\"id\":\"bundle--" + UUID.randomUUID() + "\",\"objects\":[\n" + String.join(",\n", objects)
				+ "\n]}";
	}

	static List<String> indicators(int from, int count) {
		var list = new ArrayList<String>();
		for (int i = from; i < from + count; i++) {
			list.add(indicator(i));
		}
		return list;
	}
}
