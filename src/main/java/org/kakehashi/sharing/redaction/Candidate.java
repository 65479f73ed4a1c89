package org.kakehashi.sharing.redaction;

/**
 * Something the engine would redact, in original-text offsets, before overlaps are resolved and pseudonyms numbered.
 * key is what pseudonyms are shared by: two candidates with the same category and key get the same token.
 */
record Candidate(RedactionCategory category, int start, int end, String key) {

	int length() {
		return end - start;
	}

	boolean overlaps(int otherStart, int otherEnd) {
		return start < otherEnd && otherStart < end;
	}
}
