package org.kakehashi.intel.importing;

import java.util.List;

import org.jspecify.annotations.Nullable;

import tools.jackson.databind.JsonNode;

/**
 * One element of an import's input, at its 0-based position: a STIX object (its exact text and its tree), or a
 * refusal made before the object could exist (a MISP attribute that cannot be mapped or may not be shared).
 */
record ImportItem(long position, @Nullable String raw, @Nullable JsonNode node, List<ImportError> refusal) {

	static ImportItem object(long position, String raw, JsonNode node) {
		return new ImportItem(position, raw, node, List.of());
	}

	static ImportItem refused(long position, ImportError error) {
		return new ImportItem(position, null, null, List.of(error));
	}
}
