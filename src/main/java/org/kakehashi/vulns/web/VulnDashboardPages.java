package org.kakehashi.vulns.web;

import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import org.kakehashi.platform.FiscalYear;
import org.kakehashi.vulns.dashboard.VulnDashboard;
import org.kakehashi.vulns.dashboard.VulnDashboard.Figures;
import org.kakehashi.vulns.internal.CaseViewer;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import tools.jackson.databind.json.JsonMapper;

/**
 * The coordinators' dashboard page, one fiscal year at a time. Its charts are drawn by the statistics script
 * ({@code js/report-charts.js}) from data attributes, so no inline script is needed under the CSP; each chart stands
 * beside a table with the same numbers, which is what screen readers and printouts get.
 */
@Controller
class VulnDashboardPages {

	private final VulnDashboard dashboard;
	private final MessageSource messages;
	private final JsonMapper json;

	VulnDashboardPages(VulnDashboard dashboard, MessageSource messages, JsonMapper json) {
		this.dashboard = dashboard;
		this.messages = messages;
		this.json = json;
	}

	@GetMapping("/vulns/dashboard")
	String dashboard(CaseViewer viewer, @RequestParam(required = false) @Nullable String fy,
			@RequestParam(defaultValue = "false") boolean era, Model model) {
		var figures = dashboard.figures(viewer, fy);
		var year = new FiscalYear(figures.fiscalYear());
		var locale = LocaleContextHolder.getLocale();
		var labels = new Labels(locale, era);
		var current = dashboard.currentYear();
		model.addAttribute("f", figures);
		model.addAttribute("labels", labels);
		model.addAttribute("era", era);
		model.addAttribute("yearLabel", labels.year(year));
		model.addAttribute("previousYear", year.year() > VulnDashboard.FIRST_YEAR ? year.year() - 1 : null);
		model.addAttribute("nextYear", year.year() < current.year() ? year.year() + 1 : null);
		model.addAttribute("charts", charts(figures, labels));
		return "vulns/dashboard";
	}

	/** Each chart's {categories, series, stacked}, built from the very records the tables show. */
	private Map<String, String> charts(Figures f, Labels labels) {
		var kinds = List.of(labels.message("vulns.kind.short.PRODUCT"), labels.message("vulns.kind.short.WEBSITE"));
		var quarters = Arrays.stream(new int[] { 1, 2, 3, 4 }).mapToObj(labels::quarter).toList();
		var charts = new LinkedHashMap<String, String>();
		charts.put("open", chart(f.openByState().stream().map(s -> labels.message("vulns.status." + s.status())).toList(),
				kinds, List.of(column(f.openByState(), VulnDashboard.StateCount::product),
						column(f.openByState(), VulnDashboard.StateCount::website))));
		charts.put("age", chart(f.openByAge().stream().map(a -> labels.message("vulns.dashboard.age." + a.bucket())).toList(),
				kinds, List.of(column(f.openByAge(), VulnDashboard.AgeCount::product),
						column(f.openByAge(), VulnDashboard.AgeCount::website))));
		var publications = f.publications().quarters();
		charts.put("publications", chart(quarters,
				List.of(labels.message("vulns.dashboard.publications.within", VulnDashboard.PUBLICATION_TARGET_DAYS),
						labels.message("vulns.dashboard.publications.later", VulnDashboard.PUBLICATION_TARGET_DAYS)),
				List.of(column(publications, p -> p.withinTarget().count()),
						column(publications, p -> p.published() - p.withinTarget().count()))));
		var sites = f.siteFixes().quarters();
		charts.put("sites", chart(quarters,
				List.of(labels.message("vulns.dashboard.sites.within", VulnDashboard.SITE_FIX_TARGET_DAYS),
						labels.message("vulns.dashboard.sites.fixed-later", VulnDashboard.SITE_FIX_TARGET_DAYS),
						labels.message("vulns.dashboard.sites.closed-otherwise")),
				List.of(column(sites, s -> s.fixedWithinTarget().count()),
						column(sites, s -> s.fixed() - s.fixedWithinTarget().count()),
						column(sites, s -> s.closed() - s.fixed()))));
		var answers = f.vendorAnswers().quarters();
		charts.put("answers", chart(quarters,
				List.of(labels.message("vulns.dashboard.answers.up-to", VulnDashboard.QUICK_ANSWER_DAYS),
						labels.message("vulns.dashboard.answers.between", VulnDashboard.QUICK_ANSWER_DAYS + 1,
								VulnDashboard.ANSWER_DAYS),
						labels.message("vulns.dashboard.answers.after", VulnDashboard.ANSWER_DAYS),
						labels.message("vulns.dashboard.answers.unanswered")),
				List.of(column(answers, a -> a.within7Days().count()),
						column(answers, a -> a.within30Days().count() - a.within7Days().count()),
						column(answers, VulnDashboard.Answers::answeredLater),
						column(answers, VulnDashboard.Answers::unanswered))));
		return charts;
	}

	private String chart(List<String> categories, List<String> names, List<List<Long>> data) {
		var series = new java.util.ArrayList<Map<String, Object>>();
		for (int i = 0; i < names.size(); i++) {
			series.add(Map.of("name", names.get(i), "data", data.get(i)));
		}
		return json.writeValueAsString(Map.of("categories", categories, "series", series, "stacked", true));
	}

	private static <T> List<Long> column(List<T> rows, Function<T, Long> value) {
		return rows.stream().map(value).toList();
	}

	/** Names for years, quarters and shares in the reader's language; the template uses it too. */
	final class Labels {

		private static final DateTimeFormatter EN_MONTH = DateTimeFormatter.ofPattern("MMM", Locale.ENGLISH);
		private static final DateTimeFormatter JA_MONTH = DateTimeFormatter.ofPattern("M月", Locale.JAPANESE);

		private final Locale locale;
		private final boolean era;

		Labels(Locale locale, boolean era) {
			this.locale = locale;
			this.era = era;
		}

		public String year(FiscalYear year) {
			return year.label(locale, era);
		}

		public String year(int year) {
			return year(new FiscalYear(year));
		}

		/** {@code Q1 (Apr–Jun)}, {@code 第1四半期（4月〜6月）}: the months are the same in every fiscal year. */
		public String quarter(int number) {
			var quarter = new FiscalYear(2000).quarters().get(number - 1);
			var months = "ja".equals(locale.getLanguage()) ? JA_MONTH : EN_MONTH;
			return message("vulns.dashboard.quarter", number, months.format(quarter.firstMonth()),
					months.format(quarter.lastMonth()));
		}

		public String message(String key, Object... args) {
			return messages.getMessage(key, args, key, locale);
		}
	}
}
