package org.kakehashi.vulns.advisory;

import java.util.Objects;

/** A titled text of the advisory (summary, details …) in both languages. */
public record AdvisoryNote(Category category, Bilingual title, Bilingual text) {

	/** CSAF's note categories. */
	public enum Category {
		SUMMARY, DESCRIPTION, DETAILS, GENERAL, FAQ, LEGAL_DISCLAIMER, OTHER;

		public String csaf() {
			return name().toLowerCase(java.util.Locale.ROOT);
		}
	}

	public AdvisoryNote {
		Objects.requireNonNull(category, "note category");
		Objects.requireNonNull(title, "note title");
		Objects.requireNonNull(text, "note text");
	}
}
