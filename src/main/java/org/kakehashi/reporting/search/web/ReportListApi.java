package org.kakehashi.reporting.search.web;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;
import org.kakehashi.identity.KakehashiUser;
import org.kakehashi.platform.web.PageJson;
import org.kakehashi.reporting.ReportKind;
import org.kakehashi.reporting.ReportStatus;
import org.kakehashi.reporting.internal.Viewers;
import org.kakehashi.reporting.search.ReportRow;
import org.kakehashi.reporting.search.ReportSearch;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.HashMap;
import org.kakehashi.audit.AuditLog;
import org.kakehashi.reporting.ObservableBundles;
import org.kakehashi.reporting.search.ReportExport;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The report list over the API, with the page's filters; each caller sees what their organisation may. */
@RestController
@Tag(name = "Reports")
class ReportListApi {

	record ReportSummaryJson(UUID id, String number, @Nullable String title, ReportKind kind, ReportStatus status,
			List<String> sectors, @Nullable Integer severity, @Nullable Instant awareAt, @Nullable Instant submittedAt,
			Instant createdAt, UUID organisationId, String organisationName) {

		static ReportSummaryJson of(ReportRow r) {
			return new ReportSummaryJson(r.id(), r.number(), r.title(), r.kind(), r.status(), r.sectors(), r.severity(),
					r.awareAt(), r.submittedAt(), r.createdAt(), r.organisationId(), r.organisationName());
		}
	}

	private final ReportSearch search;
	private final Viewers viewers;
	private final ReportExport export;
	private final ObjectProvider<ObservableBundles> bundles;
	private final AuditLog audit;

	ReportListApi(ReportSearch search, Viewers viewers, ReportExport export, ObjectProvider<ObservableBundles> bundles,
			AuditLog audit) {
		this.search = search;
		this.viewers = viewers;
		this.export = export;
		this.bundles = bundles;
		this.audit = audit;
	}

	@GetMapping("/api/v1/reports/bundle")
	@PreAuthorize("hasAuthority('SCOPE_reports:read')")
	@Operation(summary = "The observables of the reports matching the same filters as GET /api/v1/reports, as one "
			+ "STIX 2.1 bundle (an SCO and an indicator per observable, a grouping per report; at most "
			+ ReportExport.MAX_ROWS + " reports; scope reports:read; audited)")
	void bundle(@AuthenticationPrincipal KakehashiUser user, @ModelAttribute ReportFilterForm form,
			HttpServletResponse response) throws IOException {
		var writer = bundles.getIfAvailable();
		if (writer == null) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND);
		}
		var ids = export.ids(viewers.of(user), form.query());
		var details = new HashMap<>(form.auditDetails());
		details.put("format", "stix");
		details.put("reports", String.valueOf(ids.size()));
		audit.record("report.exported", "report", null, details);
		response.setContentType("application/stix+json;version=2.1");
		writer.write(ids, response.getOutputStream());
	}

	@GetMapping("/api/v1/reports")
	@PreAuthorize("hasAuthority('SCOPE_reports:read')")
	@Operation(summary = "Reports you can see, filtered (scope reports:read). Parameters as on the list page: q, "
			+ "sector, kind, eventType, cause, severity, minSeverity, status, dateField (SUBMITTED|AWARE), from, to "
			+ "(yyyy-mm-dd, Japan time, inclusive), organisation, sort (NEWEST|SEVERITY). A total of "
			+ ReportSearch.COUNT_LIMIT + " + 1 means more than " + ReportSearch.COUNT_LIMIT + ".")
	PageJson<ReportSummaryJson> list(@AuthenticationPrincipal KakehashiUser user, @ModelAttribute ReportFilterForm form,
			@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
		return PageJson.of(search.search(viewers.of(user), form.query(), PageJson.page(page), PageJson.size(size)),
				ReportSummaryJson::of);
	}
}
