package org.kakehashi.sharing.redaction;

/** One suggested redaction of text[start, end). id is stable for the same text and context. */
public record RedactionSuggestion(String id, RedactionCategory category, int start, int end, String original,
		String replacement) {
}
