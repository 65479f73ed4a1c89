package org.kakehashi.identity.internal;

import java.util.Locale;

public record Sector(String code, int position, String nameJa, String nameEn, String ministryJa, String ministryEn) {

	public String name(Locale locale) {
		return "ja".equals(locale.getLanguage()) ? nameJa : nameEn;
	}

	public String ministry(Locale locale) {
		return "ja".equals(locale.getLanguage()) ? ministryJa : ministryEn;
	}
}
