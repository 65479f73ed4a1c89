package org.kakehashi.vulns.advisory;

import java.util.Objects;

/** The same text in Japanese and in English; advisories are published in both (the scheme writes Japanese first). */
public record Bilingual(String ja, String en) {

	public Bilingual {
		ja = Checks.text(ja, "Japanese text");
		en = Checks.text(en, "English text");
	}

	public static Bilingual of(String ja, String en) {
		return new Bilingual(Objects.requireNonNull(ja), Objects.requireNonNull(en));
	}
}
