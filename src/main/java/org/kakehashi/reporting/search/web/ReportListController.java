package org.kakehashi.reporting.search.web;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import jakarta.servlet.http.HttpServletResponse;

import org.jspecify.annotations.Nullable;
import org.kakehashi.identity.Directory;
import org.kakehashi.identity.KakehashiUser;
import org.kakehashi.identity.OrganisationType;
import org.kakehashi.platform.InvalidInput;
import org.kakehashi.platform.Page;
import org.kakehashi.reporting.Cause;
import org.kakehashi.reporting.EventType;
import org.kakehashi.reporting.ReportKind;
import org.kakehashi.reporting.ReportStatus;
import org.kakehashi.reporting.Viewer;
import org.kakehashi.reporting.internal.Viewers;
import org.kakehashi.reporting.search.ReportExport;
import org.kakehashi.reporting.search.ReportQuery;
import org.kakehashi.reporting.search.ReportRow;
import org.kakehashi.reporting.search.ReportSearch;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;

/** The report list for everyone signed in: each sees what their organisation may (see ReportVisibility). */
@Controller
class ReportListController {

	static final int PAGE_SIZE = 25;

	private static final Map<String, String> FIELD_LABELS = Map.ofEntries(Map.entry("q", "reports.filter.text"),
			Map.entry("sector", "reports.field.sectors"), Map.entry("kind", "reports.field.kind"),
			Map.entry("eventType", "reports.field.event-types"), Map.entry("cause", "reports.field.causes"),
			Map.entry("severity", "reports.field.severity"), Map.entry("minSeverity", "reports.filter.min-severity"),
			Map.entry("status", "reports.field.status"), Map.entry("dateField", "reports.filter.date-field"),
			Map.entry("from", "reports.filter.from"), Map.entry("to", "reports.filter.to"),
			Map.entry("organisation", "reports.field.organisation"), Map.entry("sort", "reports.filter.sort"));

	private final ReportSearch search;
	private final Viewers viewers;
	private final Directory directory;
	private final MessageSource messages;

	ReportListController(ReportSearch search, Viewers viewers, Directory directory, MessageSource messages) {
		this.search = search;
		this.viewers = viewers;
		this.directory = directory;
		this.messages = messages;
	}

	@GetMapping("/reports")
	String list(@AuthenticationPrincipal KakehashiUser user, @ModelAttribute("form") ReportFilterForm form,
			@RequestParam(required = false) @Nullable Integer page,
			@RequestHeader(name = "HX-Request", required = false) @Nullable String htmx, Model model,
			HttpServletResponse response) {
		var viewer = viewers.of(user);
		var locale = LocaleContextHolder.getLocale();
		int zeroBased = page == null ? 0 : Math.max(0, page - 1);
		Page<ReportRow> result;
		try {
			result = search.search(viewer, form.query(), zeroBased, PAGE_SIZE);
		} catch (InvalidInput e) {
			// A filter that cannot be read is shown beside the form; the list stays empty rather than unfiltered.
			response.setStatus(400);
			var field = messages.getMessage(FIELD_LABELS.getOrDefault(e.field(), "reports.filter.text"), null, locale);
			model.addAttribute("filterError", messages.getMessage("reports.filter.error",
					new Object[] { field, messages.getMessage(e.messageKey(), null, e.getMessage(), locale) }, locale));
			result = new Page<>(List.of(), 0, PAGE_SIZE, 0);
		}
		var queryString = form.queryString();
		var suffix = queryString.isEmpty() ? "" : "?" + queryString;
		var pageLink = "/reports?" + (queryString.isEmpty() ? "" : queryString + "&") + "page=";
		model.addAttribute("result", result);
		model.addAttribute("countLimit", ReportSearch.COUNT_LIMIT);
		model.addAttribute("exportLimit", ReportExport.MAX_ROWS);
		model.addAttribute("exportCsv", "/reports/export.csv" + suffix);
		model.addAttribute("exportXlsx", "/reports/export.xlsx" + suffix);
		model.addAttribute("exportStix", "/reports/export.stix.json" + suffix);
		model.addAttribute("previousPage", pageLink + result.page());
		model.addAttribute("nextPage", pageLink + (result.page() + 2));
		model.addAttribute("sectors", directory.sectors());
		model.addAttribute("sectorNames", directory.sectors().stream()
			.collect(Collectors.toMap(Directory.SectorRef::code, s -> s.name(locale))));
		model.addAttribute("kinds", ReportKind.values());
		model.addAttribute("eventTypes", EventType.values());
		model.addAttribute("causes", Cause.values());
		model.addAttribute("statuses", ReportStatus.values());
		model.addAttribute("levels", IntStream.rangeClosed(0, 4).boxed().toList());
		model.addAttribute("dateFields", ReportQuery.DateField.values());
		model.addAttribute("sorts", ReportQuery.Sort.values());
		model.addAttribute("organisations", organisations(viewer));
		return htmx != null ? "reporting/list :: results" : "reporting/list";
	}

	/** Whose reports a viewer may narrow the list to: the operators they receive reports from. */
	private List<Map.Entry<String, String>> organisations(Viewer viewer) {
		if (!viewer.is(OrganisationType.SECTOR_MINISTRY) && !viewer.is(OrganisationType.NATIONAL_CENTRE)) {
			return List.of();
		}
		var locale = LocaleContextHolder.getLocale();
		var sectors = viewer.is(OrganisationType.SECTOR_MINISTRY) ? viewer.sectors() : List.<String>of();
		return directory.organisationsOfType(OrganisationType.OPERATOR, sectors).stream()
			.map(o -> Map.entry(o.id().toString(), o.name(locale)))
			.sorted(Map.Entry.comparingByValue())
			.toList();
	}
}
