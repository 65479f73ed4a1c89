package org.kakehashi.reporting.search;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.chrono.JapaneseDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

/**
 * A Japanese fiscal year (年度): FY2026 runs from 1 April 2026 to 31 March 2027, in Japan's time, whatever
 * zone a user reads dates in.
 */
public record FiscalYear(int year) {

	public static final ZoneId JAPAN = ZoneId.of("Asia/Tokyo");

	public static FiscalYear of(Instant instant) {
		var date = instant.atZone(JAPAN).toLocalDate();
		return new FiscalYear(date.getMonthValue() >= 4 ? date.getYear() : date.getYear() - 1);
	}

	public Instant start() {
		return LocalDate.of(year, 4, 1).atStartOfDay(JAPAN).toInstant();
	}

	/** The first instant after the year. */
	public Instant end() {
		return LocalDate.of(year + 1, 4, 1).atStartOfDay(JAPAN).toInstant();
	}

	/** April to March. */
	public List<YearMonth> months() {
		return IntStream.range(0, 12).mapToObj(i -> YearMonth.of(year, 4).plusMonths(i)).toList();
	}

	/** {@code 2026年度} in Japanese (with {@code 令和8年度} when asked for), {@code FY2026} in English. */
	public String label(Locale locale, boolean era) {
		if (!"ja".equals(locale.getLanguage())) {
			return "FY" + year;
		}
		return era ? eraLabel() : year + "年度";
	}

	/** The year in the Japanese calendar, named by the era in force on 1 April: {@code 令和8年度}. */
	public String eraLabel() {
		var date = JapaneseDate.from(LocalDate.of(year, 4, 1));
		var yearOfEra = date.get(java.time.temporal.ChronoField.YEAR_OF_ERA);
		var era = DateTimeFormatter.ofPattern("GGGG", Locale.JAPANESE).format(date);
		return era + (yearOfEra == 1 ? "元" : String.valueOf(yearOfEra)) + "年度";
	}
}
