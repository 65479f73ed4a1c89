package org.kakehashi.reporting.search;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;

import org.kakehashi.identity.Directory;
import org.kakehashi.platform.FiscalYear;
import org.kakehashi.reporting.Cause;
import org.kakehashi.reporting.EventType;
import org.kakehashi.reporting.ReportKind;
import org.kakehashi.reporting.Viewer;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Counts of submitted reports a viewer can see, per Japanese fiscal year and per month of one year. A report
 * counts in the fiscal year of its first submission (fixed once sent, unlike the times a reporter may correct).
 */
@Service
public class ReportStatistics {

	/** How many reports have one value of a dimension (a sector code, a kind, a severity level…). */
	public record Count(String code, long count) {
	}

	/** One row of a table: a period and its counts per report kind. */
	public record Period(String code, Map<ReportKind, Long> byKind) {

		public long total() {
			return byKind.values().stream().mapToLong(Long::longValue).sum();
		}

		public long count(ReportKind kind) {
			return byKind.getOrDefault(kind, 0L);
		}
	}

	/**
	 * @param years    every fiscal year with reports (and the current one), oldest first
	 * @param perYear  counts per fiscal year and kind
	 * @param months   the chosen year's twelve months, April first
	 */
	public record Statistics(FiscalYear year, List<FiscalYear> years, List<Period> perYear, List<Period> months,
			List<Count> bySector, List<Count> byKind, List<Count> byEventType, List<Count> byCause,
			List<Count> bySeverity) {

		public long total() {
			return byKind.stream().mapToLong(Count::count).sum();
		}
	}

	private static final String JAPAN = "(r.submitted_at at time zone 'Asia/Tokyo')";

	private final JdbcClient jdbc;
	private final ReportSearch search;
	private final Directory directory;
	private final Clock clock;

	ReportStatistics(JdbcClient jdbc, ReportSearch search, Directory directory, Clock clock) {
		this.jdbc = jdbc;
		this.search = search;
		this.directory = directory;
		this.clock = clock;
	}

	public FiscalYear currentYear() {
		return FiscalYear.of(Instant.now(clock));
	}

	@Transactional(readOnly = true)
	public Statistics of(Viewer viewer, FiscalYear year) {
		var perYear = periods(viewer, "extract(year from " + JAPAN + " - interval '3 months')::int::text", false, year);
		var years = new TreeMap<Integer, FiscalYear>();
		perYear.forEach(p -> years.put(Integer.parseInt(p.code()), new FiscalYear(Integer.parseInt(p.code()))));
		years.put(currentYear().year(), currentYear());
		years.put(year.year(), year);
		var monthly = new LinkedHashMap<String, Period>();
		periods(viewer, "to_char(" + JAPAN + ", 'YYYY-MM')", true, year).forEach(p -> monthly.put(p.code(), p));
		var months = year.months().stream().map(YearMonth::toString)
			.map(m -> monthly.getOrDefault(m, new Period(m, Map.of())))
			.toList();
		var sectors = counts(viewer, year, "s", ", unnest(r.sectors) s");
		var sectorOrder = directory.sectors().stream().map(Directory.SectorRef::code).toList();
		var bySector = new ArrayList<Count>();
		sectorOrder.stream().filter(sectors::containsKey).forEach(code -> bySector.add(new Count(code, sectors.get(code))));
		sectors.forEach((code, n) -> {
			if (!sectorOrder.contains(code)) {
				bySector.add(new Count(code, n));
			}
		});
		return new Statistics(year, List.copyOf(years.values()), perYear, months, bySector,
				filled(names(ReportKind.values()), counts(viewer, year, "r.kind", "")),
				filled(names(EventType.values()), counts(viewer, year, "e", ", unnest(r.event_types) e")),
				filled(names(Cause.values()), counts(viewer, year, "c", ", unnest(r.causes) c")),
				filled(IntStream.rangeClosed(0, 4).mapToObj(String::valueOf).toList(),
						counts(viewer, year, "r.severity::text", "")));
	}

	private List<Period> periods(Viewer viewer, String periodExpression, boolean withinYear, FiscalYear year) {
		var filter = search.filter(viewer, ReportQuery.all());
		var rows = filter.bind(jdbc.sql("select " + periodExpression + " as period, r.kind, count(*) as n from report r"
				+ " where " + filter.where() + " and r.status <> 'DRAFT'"
				+ (withinYear ? " and r.submitted_at >= :start and r.submitted_at < :end" : "")
				+ " group by 1, 2 order by 1"))
			.param("start", Timestamp.from(year.start()))
			.param("end", Timestamp.from(year.end()))
			.query((rs, n) -> new Object[] { rs.getString("period"), ReportKind.valueOf(rs.getString("kind")), rs.getLong("n") })
			.list();
		var periods = new LinkedHashMap<String, Map<ReportKind, Long>>();
		for (var row : rows) {
			periods.computeIfAbsent((String) row[0], k -> new java.util.EnumMap<>(ReportKind.class))
				.put((ReportKind) row[1], (Long) row[2]);
		}
		return periods.entrySet().stream().map(e -> new Period(e.getKey(), e.getValue())).toList();
	}

	private Map<String, Long> counts(Viewer viewer, FiscalYear year, String expression, String join) {
		var filter = search.filter(viewer, ReportQuery.all());
		var counts = new LinkedHashMap<String, Long>();
		filter.bind(jdbc.sql("select " + expression + " as code, count(*) as n from report r" + join
				+ " where " + filter.where() + " and r.status <> 'DRAFT'"
				+ " and r.submitted_at >= :start and r.submitted_at < :end group by 1 order by 1"))
			.param("start", Timestamp.from(year.start()))
			.param("end", Timestamp.from(year.end()))
			.query(rs -> {
				counts.put(rs.getString("code"), rs.getLong("n"));
			});
		return counts;
	}

	private static List<Count> filled(List<String> codes, Map<String, Long> counts) {
		return codes.stream().map(code -> new Count(code, counts.getOrDefault(code, 0L))).toList();
	}

	private static List<String> names(Enum<?>[] values) {
		return Arrays.stream(values).map(Enum::name).toList();
	}
}
