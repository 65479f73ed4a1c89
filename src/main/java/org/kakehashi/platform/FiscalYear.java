package org.kakehashi.platform;

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
 * zone a user reads dates in. Its quarters follow: Q1 April–June … Q4 January–March.
 */
public record FiscalYear(int year) {

	/** One of the year's quarters, {@code number} 1 (April–June) to 4 (January–March of the next calendar year). */
	public record Quarter(FiscalYear year, int number) {

		public Quarter {
			if (number < 1 || number > 4) {
				throw new IllegalArgumentException("A fiscal year has quarters 1 to 4, not " + number);
			}
		}

		public YearMonth firstMonth() {
			return YearMonth.of(year.year(), 4).plusMonths(3L * (number - 1));
		}

		public YearMonth lastMonth() {
			return firstMonth().plusMonths(2);
		}

		public Instant start() {
			return firstMonth().atDay(1).atStartOfDay(JAPAN).toInstant();
		}

		/** The first instant after the quarter. */
		public Instant end() {
			return firstMonth().plusMonths(3).atDay(1).atStartOfDay(JAPAN).toInstant();
		}
	}

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

	/** Q1 to Q4. */
	public List<Quarter> quarters() {
		return IntStream.rangeClosed(1, 4).mapToObj(n -> new Quarter(this, n)).toList();
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
