package org.kakehashi.intel.importing;

import java.util.Locale;
import java.util.Optional;

/**
 * The five TLP 2.0 marking definitions published with the STIX 2.1 TLP 2.0 extension (fixed ids and content), and
 * MISP's {@code tlp:*} tags mapped onto them ({@code tlp:white} is TLP 1.0's name for TLP:CLEAR).
 */
enum Tlp2 {
	CLEAR("clear", "94868c89-83c2-464b-929b-a1a8aa3c8487"),
	GREEN("green", "bab4a63c-aed9-4cf5-a766-dfca5abac2bb"),
	AMBER("amber", "55d920b0-5e8b-4f79-9ee9-91f868d9b421"),
	AMBER_STRICT("amber+strict", "939a9414-2ddd-4d32-a0cd-375ea402b003"),
	RED("red", "e828b379-4e03-4974-9ac4-e53a884c97c1");

	static final String EXTENSION = "extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d";

	private final String level;
	private final String uuid;

	Tlp2(String level, String uuid) {
		this.level = level;
		this.uuid = uuid;
	}

	String id() {
		return "marking-definition--" + uuid;
	}

	/** The marking definition object, as published (compact JSON). */
	String json() {
		return "{\"type\":\"marking-definition\",\"spec_version\":\"2.1\",\"id\":\"" + id()
				+ "\",\"created\":\"2022-10-01T00:00:00.000Z\",\"name\":\"TLP:" + level.toUpperCase(Locale.ROOT)
				+ "\",\"extensions\":{\"" + EXTENSION + "\":{\"extension_type\":\"property-extension\",\"tlp_2_0\":\""
				+ level + "\"}}}";
	}

	/** The level a MISP tag names, if it is a TLP tag this platform knows. */
	static Optional<Tlp2> ofMispTag(String tag) {
		var name = tag.strip().toLowerCase(Locale.ROOT);
		if (!name.startsWith("tlp:")) {
			return Optional.empty();
		}
		return switch (name.substring(4)) {
			case "white", "clear" -> Optional.of(CLEAR);
			case "green" -> Optional.of(GREEN);
			case "amber" -> Optional.of(AMBER);
			case "amber+strict" -> Optional.of(AMBER_STRICT);
			case "red" -> Optional.of(RED);
			default -> Optional.empty();
		};
	}

	/** Of two levels, the one that shares less. */
	static Tlp2 stricter(Tlp2 a, Tlp2 b) {
		return a.ordinal() >= b.ordinal() ? a : b;
	}
}
