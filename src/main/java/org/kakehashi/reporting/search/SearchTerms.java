package org.kakehashi.reporting.search;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.kakehashi.platform.InvalidInput;

/**
 * Free text split into the terms that must all occur. NFKC first, so a full-width space (U+3000) separates
 * terms like an ASCII one and ＡＢＣ is one term with abc; the database lowers and normalises each term again
 * with the same functions that built the indexed column, so both sides always agree.
 */
record SearchTerms(List<Term> terms) {

	static final int MAX_LENGTH = 200;
	static final int MAX_TERMS = 8;

	/**
	 * One term and whether trigrams can find it: it has three letters or digits (pg_trgm skips punctuation).
	 * Otherwise it goes by its pairs of adjacent characters (V9), and so do the other terms of its query
	 * (see {@link ReportFilter}).
	 */
	record Term(String text, boolean trigrams) {
	}

	static SearchTerms parse(@Nullable String text) {
		if (text == null || text.isBlank()) {
			return new SearchTerms(List.of());
		}
		if (text.length() > MAX_LENGTH) {
			throw new InvalidInput("q", "reports.search.error.text-too-long",
					"Search text is at most " + MAX_LENGTH + " characters.");
		}
		var words = Arrays.stream(Normalizer.normalize(text, Normalizer.Form.NFKC).strip().split("[\\s\\p{Z}]+"))
			.filter(w -> !w.isEmpty())
			.distinct()
			.toList();
		if (words.size() > MAX_TERMS) {
			throw new InvalidInput("q", "reports.search.error.too-many-words", "Search for at most " + MAX_TERMS + " words.");
		}
		return new SearchTerms(words.stream().map(w -> new Term(w, lettersOrDigits(w) >= 3)).toList());
	}

	private static long lettersOrDigits(String word) {
		return word.codePoints().filter(Character::isLetterOrDigit).count();
	}
}
