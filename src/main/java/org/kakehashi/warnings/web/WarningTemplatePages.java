package org.kakehashi.warnings.web;

import java.util.Map;
import java.util.UUID;

import jakarta.servlet.http.HttpServletResponse;

import org.kakehashi.identity.KakehashiUser;
import org.kakehashi.platform.InvalidInput;
import org.kakehashi.warnings.internal.WarningSenders;
import org.kakehashi.warnings.internal.WarningTemplates;
import org.kakehashi.warnings.internal.WarningViewer;
import org.kakehashi.warnings.internal.Warnings;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The sender organisation's templates: the list (built-in and saved), saving a warning as one, deleting. */
@Controller
class WarningTemplatePages {

	private final WarningTemplates templates;
	private final WarningSenders senders;
	private final WarningPages pages;

	WarningTemplatePages(WarningTemplates templates, WarningSenders senders, WarningPages pages) {
		this.templates = templates;
		this.senders = senders;
		this.pages = pages;
	}

	@GetMapping("/warnings/templates")
	String list(@AuthenticationPrincipal KakehashiUser user, Model model) {
		var viewer = WarningPages.requireSender(user);
		model.addAttribute("templates", templates.list(viewer, LocaleContextHolder.getLocale()));
		return "warnings/templates";
	}

	@PostMapping("/warnings/{id}/templates")
	String save(@AuthenticationPrincipal KakehashiUser user, @PathVariable UUID id,
			@RequestParam(defaultValue = "") String templateName, Model model, HttpServletResponse response,
			RedirectAttributes redirect) {
		var viewer = WarningViewer.of(user);
		if (senders.editors(viewer, id).isEmpty()) {
			throw new Warnings.WarningNotFound();
		}
		try {
			templates.saveFrom(viewer, id, templateName);
		}
		catch (InvalidInput e) {
			response.setStatus(e.status().value());
			return pages.page(model, viewer, id, e, Map.of("templateName", templateName));
		}
		redirect.addFlashAttribute("notice", "warnings.notice.template-saved");
		return "redirect:/warnings/" + id;
	}

	@PostMapping("/warnings/templates/{templateId}/delete")
	String delete(@AuthenticationPrincipal KakehashiUser user, @PathVariable UUID templateId,
			RedirectAttributes redirect) {
		var viewer = WarningPages.requireSender(user);
		templates.delete(viewer, templateId);
		redirect.addFlashAttribute("notice", "warnings.notice.template-deleted");
		return "redirect:/warnings/templates";
	}
}
