package org.kakehashi.warnings.internal;

import java.util.ArrayList;
import java.util.List;

import org.kakehashi.sharing.Tlp;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A warning's revision as its recipients got it (the snapshot published with that revision), read back for the
 * outbox: what an e-mail or a webhook call carries.
 */
record DeliveredWarning(Urgency urgency, Tlp tlp, Text title, Text summary, Text threat, Text countermeasures,
		String affectedProducts, List<String> cveIds, List<String> referenceUrls) {

	/** A text in both languages; either may be empty. */
	record Text(String ja, String en) {

		/** In {@code language}, or in the other one when the sender wrote only that. */
		String in(String language) {
			var preferred = "en".equals(language) ? en : ja;
			return preferred.isBlank() ? ("en".equals(language) ? ja : en) : preferred;
		}
	}

	/** Only TLP:CLEAR and TLP:GREEN text leaves Kakehashi by e-mail; AMBER text is read in Kakehashi. */
	boolean textAllowedInEmail() {
		return tlp == Tlp.CLEAR || tlp == Tlp.GREEN;
	}

	static DeliveredWarning parse(JsonMapper json, String content) {
		var node = json.readTree(content);
		return new DeliveredWarning(Urgency.valueOf(node.path("urgency").asString("MEDIUM")),
				Tlp.valueOf(node.path("tlp").asString("AMBER")), text(node, "title"), text(node, "summary"),
				text(node, "threat"), text(node, "countermeasures"), node.path("affectedProducts").asString(""),
				strings(node.path("cveIds")), strings(node.path("referenceUrls")));
	}

	private static Text text(JsonNode node, String field) {
		return new Text(node.path(field + "Ja").asString(""), node.path(field + "En").asString(""));
	}

	private static List<String> strings(JsonNode array) {
		var out = new ArrayList<String>();
		for (var item : array) {
			out.add(item.asString(""));
		}
		return List.copyOf(out);
	}
}
