package org.kakehashi.reporting.clocks;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import org.jspecify.annotations.Nullable;

/** The seeded regimes of V7, built in memory for the pure clock tests (ClockIntegrationTests checks the seed itself). */
final class SeedRegimes {

	static final ZoneId BRUSSELS = ZoneId.of("Europe/Brussels");
	static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");

	static final Regime JP = new Regime("JP", "日本", "Japan", TOKYO, List.of(version("2022-06-17",
			rule("INITIAL", 1, "AWARE", "PT24H", true, "SUBMISSION:1"),
			rule("UPDATE", 2, "MILESTONE:INITIAL", null, true, "SUBMISSION:2"),
			rule("FINAL", 3, "AWARE", "P1M", true, "FINAL"))));

	static final Regime NIS2 = new Regime("EU_NIS2", "EU NIS2", "EU NIS2", BRUSSELS, List.of(version("2024-10-18",
			rule("EARLY_WARNING", 1, "AWARE", "PT24H", false, "SUBMISSION:1"),
			rule("NOTIFICATION", 2, "AWARE", "PT72H", false, "SUBMISSION:2"),
			rule("FINAL", 3, "MILESTONE:NOTIFICATION", "P1M", false, "FINAL"))));

	static final Regime CIRCIA = new Regime("US_CIRCIA", "CIRCIA", "CIRCIA", ZoneId.of("America/New_York"),
			List.of(version("2024-04-04",
					rule("INCIDENT_REPORT", 1, "AWARE", "PT72H", false, "SUBMISSION:1"),
					rule("RANSOM_PAYMENT", 2, "RANSOM_PAID", "PT24H", false, "RANSOM_REPORT"))));

	private SeedRegimes() {
	}

	static Regime.RegimeVersion version(String from, RegimeRule... rules) {
		return new Regime.RegimeVersion(LocalDate.parse(from), "basis", "basis", List.of(rules));
	}

	static RegimeRule rule(String milestone, int position, String anchor, @Nullable String offset, boolean soft,
			String satisfiedBy) {
		return new RegimeRule(milestone, position, milestone, milestone, RegimeRule.Anchor.parse(anchor),
				offset == null ? null : RegimeRule.DueOffset.parse(offset), soft, RegimeRule.Satisfaction.parse(satisfiedBy),
				null, null);
	}
}
