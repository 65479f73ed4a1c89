package org.kakehashi.reporting.clocks;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A reporting regime (the Japanese default, EU NIS2, US CIRCIA…) with its versions, newest last. Calendar
 * offsets are counted in {@link #zone()}.
 */
public record Regime(String code, String nameJa, String nameEn, ZoneId zone, List<RegimeVersion> versions) {

	/** The code of the regime an organisation without any assignment reports under. */
	public static final String DEFAULT = "JP";

	public Regime {
		versions = versions.stream().sorted(Comparator.comparing(RegimeVersion::effectiveFrom)).toList();
	}

	public String name(Locale locale) {
		return "en".equals(locale.getLanguage()) ? nameEn : nameJa;
	}

	/**
	 * The version in force at the aware time: the latest one whose effective date (a local date in the regime's
	 * zone) had begun. Empty when the event predates the regime, which then imposes nothing on it.
	 */
	public Optional<RegimeVersion> versionAt(Instant awareAt) {
		RegimeVersion applicable = null;
		for (var version : versions) {
			if (!version.effectiveFrom().atStartOfDay(zone).toInstant().isAfter(awareAt)) {
				applicable = version;
			}
		}
		return Optional.ofNullable(applicable);
	}

	/** One version of a regime's rules, in force from a date. */
	public record RegimeVersion(LocalDate effectiveFrom, String basisJa, String basisEn, List<RegimeRule> rules) {

		public RegimeVersion {
			rules = rules.stream().sorted(Comparator.comparingInt(RegimeRule::position)).toList();
		}

		public String basis(Locale locale) {
			return "en".equals(locale.getLanguage()) ? basisEn : basisJa;
		}
	}
}
