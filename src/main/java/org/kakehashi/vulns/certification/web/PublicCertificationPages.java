package org.kakehashi.vulns.certification.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletResponse;

import org.kakehashi.vulns.certification.CertificationKind;
import org.kakehashi.vulns.certification.Certifications;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.ContentDisposition;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The public certification list, without signing in: records a coordinator flagged public that are in force today
 * (valid, or suspended with the suspension shown), searchable and filtered by kind, as a page and as CSV. Contact
 * addresses and notes never appear here.
 */
@Controller
class PublicCertificationPages {

	static final int PAGE_SIZE = 50;

	private final Certifications certifications;
	private final MessageSource messages;

	PublicCertificationPages(Certifications certifications, MessageSource messages) {
		this.certifications = certifications;
		this.messages = messages;
	}

	@GetMapping("/public/certifications")
	String list(@RequestParam(defaultValue = "") String q, @RequestParam(defaultValue = "") String kind,
			@RequestParam(defaultValue = "0") int page, Model model) {
		var kindFilter = CertificationsApi.kind(kind);
		model.addAttribute("kinds", CertificationKind.values());
		model.addAttribute("q", q);
		model.addAttribute("kind", kindFilter == null ? "" : kindFilter.name());
		model.addAttribute("page", certifications.publicList(q, kindFilter, page, PAGE_SIZE));
		model.addAttribute("filtered", kindFilter != null || !q.isBlank());
		model.addAttribute("today", certifications.today());
		return "vulns/certifications/public";
	}

	@GetMapping("/public/certifications.csv")
	void csv(@RequestParam(defaultValue = "") String q, @RequestParam(defaultValue = "") String kind,
			HttpServletResponse response) throws IOException {
		var found = certifications.publicList(q, CertificationsApi.kind(kind), 0, Certifications.EXPORT_MAX);
		response.setContentType("text/csv;charset=UTF-8");
		response.setHeader("Content-Disposition", ContentDisposition.attachment()
			.filename("certifications-" + certifications.today() + ".csv", StandardCharsets.UTF_8).build().toString());
		CertificationCsv.write(found.items(), messages, LocaleContextHolder.getLocale(), response.getOutputStream());
	}
}
