package org.kakehashi.reporting.search.web;

import java.io.IOException;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;

import jakarta.servlet.http.HttpServletResponse;

import org.kakehashi.audit.AuditLog;
import org.kakehashi.identity.KakehashiUser;
import org.kakehashi.platform.InvalidInput;
import org.kakehashi.platform.KakehashiProperties;
import org.kakehashi.reporting.ObservableBundles;
import org.kakehashi.reporting.internal.Viewers;
import org.kakehashi.reporting.search.ReportExport;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.ContentDisposition;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * The current list as a download. The filters are checked before the first byte goes out, so a bad one is
 * a 400 rather than half a file; each download is audited with its filters.
 */
@Controller
class ReportExportController {

	private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("uuuuMMdd-HHmm");

	private final ReportExport export;
	private final Viewers viewers;
	private final AuditLog audit;
	private final Clock clock;
	private final KakehashiProperties properties;

	private final ObjectProvider<ObservableBundles> bundles;

	ReportExportController(ReportExport export, Viewers viewers, AuditLog audit, Clock clock,
			KakehashiProperties properties, ObjectProvider<ObservableBundles> bundles) {
		this.bundles = bundles;
		this.export = export;
		this.viewers = viewers;
		this.audit = audit;
		this.clock = clock;
		this.properties = properties;
	}

	@GetMapping("/reports/export.csv")
	void csv(@AuthenticationPrincipal KakehashiUser user, @ModelAttribute ReportFilterForm form,
			HttpServletResponse response) throws IOException {
		download(user, form, ReportExport.Format.CSV, "text/csv;charset=UTF-8", "csv", response);
	}

	@GetMapping("/reports/export.xlsx")
	void xlsx(@AuthenticationPrincipal KakehashiUser user, @ModelAttribute ReportFilterForm form,
			HttpServletResponse response) throws IOException {
		download(user, form, ReportExport.Format.XLSX,
				"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx", response);
	}

	/** The search result's observables as a STIX 2.1 bundle (written by the intelligence module when present). */
	@GetMapping("/reports/export.stix.json")
	void stix(@AuthenticationPrincipal KakehashiUser user, @ModelAttribute ReportFilterForm form,
			HttpServletResponse response) throws IOException {
		var writer = bundles.getIfAvailable();
		if (writer == null) {
			response.sendError(404);
			return;
		}
		var ids = export.ids(viewers.of(user), form.query());
		var details = new HashMap<>(form.auditDetails());
		details.put("format", "stix");
		details.put("reports", String.valueOf(ids.size()));
		audit.record("report.exported", "report", null, details);
		var name = "reports-" + STAMP.format(LocalDateTime.now(clock.withZone(properties.timeZone()))) + ".stix.json";
		response.setContentType("application/stix+json;version=2.1");
		response.setHeader("Content-Disposition", ContentDisposition.attachment().filename(name).build().toString());
		response.setHeader("Cache-Control", "no-store");
		writer.write(ids, response.getOutputStream());
	}

	@ExceptionHandler(InvalidInput.class)
	void invalid(InvalidInput e, HttpServletResponse response) throws IOException {
		response.sendError(400, e.getMessage());
	}

	private void download(KakehashiUser user, ReportFilterForm form, ReportExport.Format format, String contentType,
			String extension, HttpServletResponse response) throws IOException {
		var query = form.query();
		var viewer = viewers.of(user);
		var details = new HashMap<>(form.auditDetails());
		details.put("format", extension);
		audit.record("report.exported", "report", null, details);
		var name = "reports-" + STAMP.format(LocalDateTime.now(clock.withZone(properties.timeZone()))) + "." + extension;
		response.setContentType(contentType);
		response.setHeader("Content-Disposition", ContentDisposition.attachment().filename(name).build().toString());
		response.setHeader("Cache-Control", "no-store");
		export.write(viewer, query, format, LocaleContextHolder.getLocale(), response.getOutputStream());
	}
}
