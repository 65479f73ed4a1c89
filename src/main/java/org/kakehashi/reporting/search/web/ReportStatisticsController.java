package org.kakehashi.reporting.search.web;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletResponse;

import org.jspecify.annotations.Nullable;
import org.kakehashi.identity.Directory;
import org.kakehashi.identity.KakehashiUser;
import org.kakehashi.platform.InvalidInput;
import org.kakehashi.reporting.ReportKind;
import org.kakehashi.reporting.internal.Viewers;
import org.kakehashi.platform.CellText;
import org.kakehashi.platform.FiscalYear;
import org.kakehashi.reporting.search.ReportStatistics;
import org.kakehashi.reporting.search.ReportStatistics.Count;
import org.kakehashi.reporting.search.ReportStatistics.Period;
import org.kakehashi.reporting.search.ReportStatistics.Statistics;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.ContentDisposition;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import tools.jackson.databind.json.JsonMapper;

/**
 * Report statistics per Japanese fiscal year: ECharts charts drawn by a static script from data attributes
 * (no inline script under the CSP), each with a table holding the same numbers, and the same as CSV.
 */
@Controller
class ReportStatisticsController {

	private final ReportStatistics statistics;
	private final Viewers viewers;
	private final Directory directory;
	private final MessageSource messages;
	private final JsonMapper json;

	ReportStatisticsController(ReportStatistics statistics, Viewers viewers, Directory directory,
			MessageSource messages, JsonMapper json) {
		this.statistics = statistics;
		this.viewers = viewers;
		this.directory = directory;
		this.messages = messages;
		this.json = json;
	}

	@GetMapping("/reports/statistics")
	String page(@AuthenticationPrincipal KakehashiUser user, @RequestParam(required = false) @Nullable String fy,
			@RequestParam(required = false, defaultValue = "false") boolean era, Model model) {
		var locale = LocaleContextHolder.getLocale();
		var stats = statistics.of(viewers.of(user), year(fy));
		var labels = new Labels(locale, era);
		model.addAttribute("stats", stats);
		model.addAttribute("era", era);
		model.addAttribute("yearLabel", labels.year(stats.year()));
		model.addAttribute("yearOptions", stats.years().stream()
			.map(y -> Map.entry(String.valueOf(y.year()), labels.year(y))).toList());
		model.addAttribute("kinds", ReportKind.values());
		model.addAttribute("labels", labels);
		var charts = new LinkedHashMap<String, String>();
		charts.put("perYear", stacked(stats.perYear(), p -> labels.year(new FiscalYear(Integer.parseInt(p.code()))), labels));
		charts.put("months", stacked(stats.months(), p -> labels.month(p.code()), labels));
		charts.put("bySector", bars(stats.bySector(), labels::sector));
		charts.put("byKind", bars(stats.byKind(), c -> labels.message("reports.kind." + c)));
		charts.put("byEventType", bars(stats.byEventType(), c -> labels.message("reports.event-type." + c)));
		charts.put("byCause", bars(stats.byCause(), c -> labels.message("reports.cause." + c)));
		charts.put("bySeverity", bars(stats.bySeverity(), c -> labels.message("reports.severity.level", c)));
		model.addAttribute("charts", charts);
		model.addAttribute("dimensions", List.of(Map.entry("bySector", stats.bySector()), Map.entry("byKind", stats.byKind()),
				Map.entry("byEventType", stats.byEventType()), Map.entry("byCause", stats.byCause()),
				Map.entry("bySeverity", stats.bySeverity())));
		return "reporting/statistics";
	}

	@GetMapping("/reports/statistics.csv")
	void csv(@AuthenticationPrincipal KakehashiUser user, @RequestParam(required = false) @Nullable String fy,
			HttpServletResponse response) throws IOException {
		var labels = new Labels(LocaleContextHolder.getLocale(), false);
		var stats = statistics.of(viewers.of(user), year(fy));
		response.setContentType("text/csv;charset=UTF-8");
		response.setHeader("Content-Disposition", ContentDisposition.attachment()
			.filename("report-statistics-FY" + stats.year().year() + ".csv").build().toString());
		Writer out = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8);
		out.write('\uFEFF');
		out.write("dimension,period,code,label,count\r\n");
		for (var p : stats.perYear()) {
			periodRows(out, "fiscal-year", p, labels);
		}
		for (var p : stats.months()) {
			periodRows(out, "month", p, labels);
		}
		var year = String.valueOf(stats.year().year());
		countRows(out, "sector", year, stats.bySector(), labels::sector);
		countRows(out, "kind", year, stats.byKind(), c -> labels.message("reports.kind." + c));
		countRows(out, "event-type", year, stats.byEventType(), c -> labels.message("reports.event-type." + c));
		countRows(out, "cause", year, stats.byCause(), c -> labels.message("reports.cause." + c));
		countRows(out, "severity", year, stats.bySeverity(), c -> labels.message("reports.severity.level", c));
		out.flush();
	}

	@ExceptionHandler(InvalidInput.class)
	void invalid(InvalidInput e, HttpServletResponse response) throws IOException {
		response.sendError(400, e.getMessage());
	}

	private FiscalYear year(@Nullable String fy) {
		if (fy == null || fy.isBlank()) {
			return statistics.currentYear();
		}
		try {
			int year = Integer.parseInt(fy.strip());
			if (year >= 2000 && year <= 2100) {
				return new FiscalYear(year);
			}
		} catch (NumberFormatException e) {
			// falls through to the refusal below
		}
		throw new InvalidInput("fy", "reports.stats.error.year", "A fiscal year between 2000 and 2100.");
	}

	private void periodRows(Writer out, String dimension, Period p, Labels labels) throws IOException {
		out.write(String.join(",", dimension, p.code(), "total", csv(labels.message("reports.stats.total")),
				String.valueOf(p.total())) + "\r\n");
		for (var kind : ReportKind.values()) {
			out.write(String.join(",", dimension, p.code(), kind.name(), csv(labels.message("reports.kind." + kind)),
					String.valueOf(p.count(kind))) + "\r\n");
		}
	}

	private void countRows(Writer out, String dimension, String year, List<Count> counts, Function<String, String> label)
			throws IOException {
		for (var c : counts) {
			out.write(String.join(",", dimension, year, c.code(), csv(label.apply(c.code())), String.valueOf(c.count()))
					+ "\r\n");
		}
	}

	private static String csv(String text) {
		return CellText.csv(text);
	}

	private String stacked(List<Period> periods, Function<Period, String> category, Labels labels) {
		var series = new ArrayList<Map<String, Object>>();
		for (var kind : ReportKind.values()) {
			series.add(Map.of("name", labels.message("reports.kind." + kind),
					"data", periods.stream().map(p -> p.count(kind)).toList()));
		}
		return json.writeValueAsString(Map.of("categories", periods.stream().map(category).toList(), "series", series,
				"stacked", true));
	}

	private String bars(List<Count> counts, Function<String, String> label) {
		return json.writeValueAsString(Map.of("categories", counts.stream().map(c -> label.apply(c.code())).toList(),
				"series", List.of(Map.of("name", messages.getMessage("reports.stats.count", null,
						LocaleContextHolder.getLocale()), "data", counts.stream().map(Count::count).toList())),
				"stacked", false));
	}

	/** Names for codes and periods in the reader's language; templates use it too. */
	final class Labels {

		private final Locale locale;
		private final boolean era;
		private final Map<String, String> sectors;

		Labels(Locale locale, boolean era) {
			this.locale = locale;
			this.era = era;
			this.sectors = directory.sectors().stream()
				.collect(Collectors.toMap(Directory.SectorRef::code, s -> s.name(locale)));
		}

		public String year(FiscalYear year) {
			return year.label(locale, era);
		}

		public String fiscalYear(String year) {
			return year(new FiscalYear(Integer.parseInt(year)));
		}

		public String month(String yearMonth) {
			var month = YearMonth.parse(yearMonth);
			return "ja".equals(locale.getLanguage()) ? month.getYear() + "年" + month.getMonthValue() + "月"
					: DateTimeFormatter.ofPattern("MMM uuuu", Locale.ENGLISH).format(month);
		}

		public String sector(String code) {
			return sectors.getOrDefault(code, code);
		}

		public String message(String key, Object... args) {
			return messages.getMessage(key, args, key, locale);
		}
	}
}
