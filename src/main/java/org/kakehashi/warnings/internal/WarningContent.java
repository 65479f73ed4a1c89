package org.kakehashi.warnings.internal;

import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.kakehashi.sharing.Tlp;

/**
 * What a sender writes: the text in Japanese and/or English, what the warning is about (matched against
 * agreements), its indicators, and recipients added by hand. Lists are never null once checked.
 */
public record WarningContent(Urgency urgency, Tlp tlp, String titleJa, String titleEn, String summaryJa,
		String summaryEn, String threatJa, String threatEn, String countermeasuresJa, String countermeasuresEn,
		String affectedProducts, List<String> cveIds, List<String> referenceUrls, List<String> sectors,
		List<String> topics, List<String> keywords, List<Indicator> indicators, List<UUID> additions) {

	/** An observable the warning carries; {@code stixId} links a stored STIX object. */
	public record Indicator(String type, String value, @Nullable String stixId) {
	}

	public boolean hasCountermeasures() {
		return !countermeasuresJa.isBlank() || !countermeasuresEn.isBlank();
	}

	public String title(String language) {
		return "en".equals(language) && !titleEn.isBlank() || titleJa.isBlank() ? titleEn : titleJa;
	}
}
