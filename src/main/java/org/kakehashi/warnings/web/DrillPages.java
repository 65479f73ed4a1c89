package org.kakehashi.warnings.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.kakehashi.identity.KakehashiUser;
import org.kakehashi.platform.InvalidInput;
import org.kakehashi.platform.web.DisplayTime;
import org.kakehashi.warnings.drills.Drills;
import org.kakehashi.warnings.internal.WarningViewer;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.ContentDisposition;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Reachability drill pages: what waits for the viewer's organisation (confirm, forward), the drills it started or
 * was reached by, the centre's start form, and each drill's report with its CSV export.
 */
@Controller
class DrillPages {

	private final Drills drills;
	private final MessageSource messages;
	private final DisplayTime displayTime;

	DrillPages(Drills drills, MessageSource messages, DisplayTime displayTime) {
		this.drills = drills;
		this.messages = messages;
		this.displayTime = displayTime;
	}

	@GetMapping("/warnings/drills")
	String list(@AuthenticationPrincipal KakehashiUser user, Model model) {
		return list(WarningViewer.of(user), model, Map.of("deadlineHours", "24"), List.of(), null);
	}

	@PostMapping("/warnings/drills")
	String start(@AuthenticationPrincipal KakehashiUser user, @RequestParam(defaultValue = "") String title,
			@RequestParam(defaultValue = "") String messageJa, @RequestParam(defaultValue = "") String messageEn,
			@RequestParam(required = false) @Nullable List<UUID> ministryIds,
			@RequestParam(defaultValue = "") String deadlineHours, Model model, HttpServletResponse response,
			RedirectAttributes redirect) {
		var viewer = WarningViewer.of(user);
		var chosen = ministryIds == null ? List.<UUID>of() : ministryIds;
		var values = new LinkedHashMap<String, String>();
		values.put("title", title);
		values.put("messageJa", messageJa);
		values.put("messageEn", messageEn);
		values.put("deadlineHours", deadlineHours);
		try {
			Integer hours;
			try {
				hours = Integer.valueOf(deadlineHours.strip());
			}
			catch (NumberFormatException e) {
				throw new InvalidInput("deadlineHours", "warnings.drills.error.deadline", "Hours as a whole number.");
			}
			var drill = drills.start(viewer, new Drills.Start(title, messageJa, messageEn, chosen, hours));
			redirect.addFlashAttribute("notice", "warnings.drills.started");
			return "redirect:/warnings/drills/" + drill.id();
		}
		catch (InvalidInput e) {
			if (!Drills.starter(viewer)) {
				throw e;
			}
			response.setStatus(422);
			return list(viewer, model, values, chosen, e);
		}
	}

	private String list(WarningViewer viewer, Model model, Map<String, String> values, List<UUID> chosen,
			@Nullable InvalidInput error) {
		var starter = Drills.starter(viewer);
		model.addAttribute("pending", drills.pending(viewer));
		model.addAttribute("drills", drills.mine(viewer));
		model.addAttribute("canStart", starter);
		model.addAttribute("forwarder", Drills.forwarder(viewer));
		model.addAttribute("ministries", starter ? drills.ministries() : List.of());
		model.addAttribute("values", values);
		model.addAttribute("chosen", new ArrayList<>(chosen));
		model.addAttribute("errorField", error == null ? "" : error.field());
		model.addAttribute("errorKey", error == null ? "" : error.messageKey());
		model.addAttribute("titleMax", Drills.TITLE_MAX);
		model.addAttribute("messageMax", Drills.MESSAGE_MAX);
		model.addAttribute("deadlineMax", Drills.DEADLINE_HOURS_MAX);
		return "warnings/drills";
	}

	@GetMapping("/warnings/drills/{id}")
	String report(@AuthenticationPrincipal KakehashiUser user, @PathVariable UUID id, Model model) {
		var viewer = WarningViewer.of(user);
		var report = drills.report(viewer, id, english()).orElseThrow(Drills.DrillNotFound::new);
		model.addAttribute("report", report);
		model.addAttribute("forwarder", Drills.forwarder(viewer));
		return "warnings/drill";
	}

	@GetMapping("/warnings/drills/{id}.csv")
	void csv(@AuthenticationPrincipal KakehashiUser user, @PathVariable UUID id, HttpServletResponse response)
			throws IOException {
		var report = drills.report(WarningViewer.of(user), id, english()).orElseThrow(Drills.DrillNotFound::new);
		response.setContentType("text/csv;charset=UTF-8");
		response.setHeader("Content-Disposition", ContentDisposition.attachment()
			.filename(report.drill().number() + ".csv", StandardCharsets.UTF_8).build().toString());
		response.setHeader("Cache-Control", "no-store");
		DrillCsv.write(report, messages, LocaleContextHolder.getLocale(), displayTime.zone(), response.getOutputStream());
	}

	@PostMapping("/warnings/drills/{id}/confirmation")
	String confirm(@AuthenticationPrincipal KakehashiUser user, @PathVariable UUID id, RedirectAttributes redirect) {
		drills.confirm(WarningViewer.of(user), id);
		redirect.addFlashAttribute("notice", "warnings.drills.confirmed");
		return "redirect:/warnings/drills/" + id;
	}

	@PostMapping("/warnings/drills/{id}/forwarding")
	String forward(@AuthenticationPrincipal KakehashiUser user, @PathVariable UUID id, RedirectAttributes redirect) {
		drills.forward(WarningViewer.of(user), id);
		redirect.addFlashAttribute("notice", "warnings.drills.forwarded");
		return "redirect:/warnings/drills/" + id;
	}

	@PostMapping("/warnings/drills/{id}/close")
	String close(@AuthenticationPrincipal KakehashiUser user, @PathVariable UUID id, RedirectAttributes redirect) {
		drills.close(WarningViewer.of(user), id);
		redirect.addFlashAttribute("notice", "warnings.drills.closed");
		return "redirect:/warnings/drills/" + id;
	}

	private static boolean english() {
		return "en".equals(LocaleContextHolder.getLocale().getLanguage());
	}
}
