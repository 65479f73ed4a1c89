package org.kakehashi.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Locale;

import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/** Japanese fiscal years and their quarters: April to March in Japan's time, whatever the instant's zone. */
class FiscalYearProperties {

	@Property
	void everyInstantFallsInsideItsFiscalYear(@ForAll @LongRange(min = 946_684_800L, max = 4_102_444_800L) long seconds,
			@ForAll @IntRange(min = 0, max = 999_999_999) int nanos) {
		var instant = Instant.ofEpochSecond(seconds, nanos);
		var year = FiscalYear.of(instant);
		assertThat(year.start()).isBeforeOrEqualTo(instant);
		assertThat(instant).isBefore(year.end());
		assertThat(year.end()).isEqualTo(new FiscalYear(year.year() + 1).start());
	}

	@Property
	void aYearStartsAtMidnightOnTheFirstOfAprilInTokyo(@ForAll @IntRange(min = 2000, max = 2100) int y) {
		var year = new FiscalYear(y);
		assertThat(year.start()).isEqualTo(Instant.parse(y + "-03-31T15:00:00Z"));
		assertThat(FiscalYear.of(year.start())).isEqualTo(year);
		assertThat(FiscalYear.of(year.start().minusNanos(1))).isEqualTo(new FiscalYear(y - 1));
		assertThat(year.months()).hasSize(12);
		assertThat(year.months().get(0).toString()).isEqualTo(y + "-04");
		assertThat(year.months().get(11).toString()).isEqualTo((y + 1) + "-03");
	}

	@Property
	void theQuartersTileTheYearAndEveryInstantFallsInExactlyOne(
			@ForAll @LongRange(min = 946_684_800L, max = 4_102_444_800L) long seconds) {
		var instant = Instant.ofEpochSecond(seconds);
		var year = FiscalYear.of(instant);
		var quarters = year.quarters();
		assertThat(quarters.get(0).start()).isEqualTo(year.start());
		assertThat(quarters.get(3).end()).isEqualTo(year.end());
		for (int i = 1; i < 4; i++) {
			assertThat(quarters.get(i).start()).isEqualTo(quarters.get(i - 1).end());
		}
		assertThat(quarters).filteredOn(q -> !instant.isBefore(q.start()) && instant.isBefore(q.end())).hasSize(1);
	}

	@Example
	void theFourthQuarterIsJanuaryToMarchOfTheNextCalendarYearInTokyo() {
		var q4 = new FiscalYear(2026).quarters().get(3);
		assertThat(q4.number()).isEqualTo(4);
		assertThat(q4.firstMonth().toString()).isEqualTo("2027-01");
		assertThat(q4.lastMonth().toString()).isEqualTo("2027-03");
		assertThat(q4.start()).isEqualTo(Instant.parse("2026-12-31T15:00:00Z"));
		assertThat(new FiscalYear(2026).quarters().get(1).start()).isEqualTo(Instant.parse("2026-06-30T15:00:00Z"));
	}

	@Example
	void theBoundaryIsTokyoMidnightNotUtcMidnight() {
		assertThat(FiscalYear.of(Instant.parse("2026-03-31T14:59:59Z"))).isEqualTo(new FiscalYear(2025));
		assertThat(FiscalYear.of(Instant.parse("2026-03-31T15:00:00Z"))).isEqualTo(new FiscalYear(2026));
		assertThat(FiscalYear.of(Instant.parse("2026-04-01T00:00:00Z"))).isEqualTo(new FiscalYear(2026));
		assertThat(FiscalYear.of(Instant.parse("2027-03-31T14:59:59Z"))).isEqualTo(new FiscalYear(2026));
		assertThat(new FiscalYear(2026).end()).isEqualTo(Instant.parse("2027-03-31T15:00:00Z"));
	}

	@Example
	void labelsInJapaneseWithOrWithoutTheEraAndInEnglish() {
		assertThat(new FiscalYear(2026).label(Locale.JAPANESE, false)).isEqualTo("2026年度");
		assertThat(new FiscalYear(2026).label(Locale.JAPANESE, true)).isEqualTo("令和8年度");
		assertThat(new FiscalYear(2018).eraLabel()).isEqualTo("平成30年度");
		assertThat(new FiscalYear(2026).label(Locale.ENGLISH, true)).isEqualTo("FY2026");
	}

	@Property
	void formulaLikeCellsAreAlwaysDefusedInCsv(@ForAll String text) {
		var cell = CellText.csv(text);
		var unquoted = cell.startsWith("\"") ? cell.substring(1) : cell;
		if (!text.isEmpty()) {
			assertThat("=+-@\t\r＝＋－＠".indexOf(unquoted.charAt(0))).isEqualTo(-1);
		}
	}

	@Example
	void csvCellsQuoteSeparatorsAndPrefixFormulas() {
		assertThat(CellText.csv("=1+2")).isEqualTo("'=1+2");
		assertThat(CellText.csv("a,b")).isEqualTo("\"a,b\"");
		assertThat(CellText.csv("=A1,\"x\"")).isEqualTo("\"'=A1,\"\"x\"\"\"");
		assertThat(CellText.csv("\tcmd")).isEqualTo("'\tcmd");
		assertThat(CellText.csv("普通の件名")).isEqualTo("普通の件名");
		assertThat(CellText.csv(null)).isEmpty();
	}
}
