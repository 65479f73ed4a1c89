package org.kakehashi.vulns.web;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.jspecify.annotations.Nullable;
import org.kakehashi.platform.InvalidFields;
import org.kakehashi.platform.InvalidInput;
import org.kakehashi.vulns.internal.AccessLinks;
import org.kakehashi.vulns.internal.Attachments;
import org.kakehashi.vulns.internal.CaseKind;
import org.kakehashi.vulns.internal.CaseViewer;
import org.kakehashi.vulns.internal.GuestVerifications;
import org.kakehashi.vulns.internal.VulnCases;
import org.kakehashi.vulns.internal.VulnCases.CaseNotFound;
import org.kakehashi.vulns.internal.VulnsProperties;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

/**
 * Reporting without an account, and personal links. A guest gives an e-mail address and opens the link mailed to
 * it; the report form then opens for a while (the verified address is kept in the session), and the receipt comes
 * with a personal link that follows the case. Anyone holding a personal link (a guest finder, a vendor contact)
 * opens it at {@code /public/vulns/access}; an expired one can be renewed by e-mail.
 */
@Controller
class GuestPages {

	static final String GUEST = "vulns.guest";
	/** Reports one verified address may file in a session before it has to verify again. */
	static final int REPORTS_PER_VERIFICATION = 5;

	private final GuestVerifications verifications;
	private final VulnCases cases;
	private final AccessLinks links;
	private final Attachments attachments;
	private final VulnsProperties settings;
	private final Clock clock;

	GuestPages(GuestVerifications verifications, VulnCases cases, AccessLinks links, Attachments attachments,
			VulnsProperties settings, Clock clock) {
		this.verifications = verifications;
		this.cases = cases;
		this.links = links;
		this.attachments = attachments;
		this.settings = settings;
		this.clock = clock;
	}

	@GetMapping("/public/vulns/report")
	String start(HttpServletRequest request, Model model) {
		var guest = guest(request.getSession(false));
		if (guest == null) {
			model.addAttribute("start", new String[] { "", "", "" });
			return "vulns/guest-start";
		}
		return reportPage(model, new ReportForm(), guest);
	}

	@PostMapping("/public/vulns/report/email")
	String email(@RequestParam(defaultValue = "") String email, @RequestParam(defaultValue = "") String name,
			@RequestParam(defaultValue = "") String language, HttpServletRequest request, HttpServletResponse response,
			Model model) {
		try {
			var sent = verifications.start(new GuestVerifications.Start(email, name, language), request.getRemoteAddr());
			model.addAttribute("limited", !sent);
			model.addAttribute("email", email.strip());
			if (!sent) {
				response.setStatus(429);
			}
			return "vulns/guest-check-mail";
		}
		catch (InvalidFields e) {
			response.setStatus(422);
			model.addAttribute("start", new String[] { email, name, language });
			model.addAttribute("errors", CasePage.errors(e));
			return "vulns/guest-start";
		}
	}

	/**
	 * The mailed link asks to confirm, and only the confirmation uses it up: a mail scanner that follows links does not
	 * spend it, and a link someone else was sent does not silently turn its opener into that address's reporter.
	 */
	@GetMapping("/public/vulns/report/verify")
	String confirm(@RequestParam(defaultValue = "") String token, Model model, HttpServletResponse response) {
		var email = verifications.pending(token);
		if (email.isEmpty()) {
			response.setStatus(410);
			model.addAttribute("start", new String[] { "", "", "" });
			model.addAttribute("expired", true);
			return "vulns/guest-start";
		}
		model.addAttribute("token", token);
		model.addAttribute("email", email.get());
		return "vulns/guest-confirm";
	}

	@PostMapping("/public/vulns/report/verify")
	String verify(@RequestParam(defaultValue = "") String token, HttpServletRequest request, Model model,
			HttpServletResponse response) {
		var guest = verifications.verify(token);
		if (guest.isEmpty()) {
			response.setStatus(410);
			model.addAttribute("start", new String[] { "", "", "" });
			model.addAttribute("expired", true);
			return "vulns/guest-start";
		}
		// A new session id for the proven address: a session fixed beforehand does not inherit it.
		request.getSession(true);
		request.changeSessionId();
		var g = guest.get();
		request.getSession().setAttribute(GUEST, new String[] { g.email(), g.name(), g.language(),
				String.valueOf(Instant.now(clock).getEpochSecond()), "0" });
		return "redirect:/public/vulns/report";
	}

	@PostMapping("/public/vulns/report")
	String report(@ModelAttribute("form") ReportForm form, BindingResult binding,
			@RequestParam(name = "files", required = false) @Nullable List<MultipartFile> files, HttpServletRequest request,
			HttpServletResponse response, Model model) {
		var session = request.getSession(false);
		var guest = guest(session);
		if (guest == null) {
			response.setStatus(401);
			model.addAttribute("start", new String[] { "", "", "" });
			model.addAttribute("expired", true);
			return "vulns/guest-start";
		}
		if (filedInSession(session) >= REPORTS_PER_VERIFICATION) {
			response.setStatus(429);
			model.addAttribute("limited", true);
			model.addAttribute("email", guest.email());
			return "vulns/guest-check-mail";
		}
		try {
			var filed = cases.fileAsGuest(guest, form.report(), Files.uploads(files));
			countFiling(session);
			links.open(keyOf(filed.link())).ifPresent(grant -> CaseViewers.remember(session, grant.keyHash()));
			return "redirect:/public/vulns/cases/" + filed.filed().id() + "/receipt";
		}
		catch (InvalidFields e) {
			VulnCasePages.reject(binding, e);
			response.setStatus(422);
			return reportPage(model, form, guest);
		}
		catch (InvalidInput e) {
			model.addAttribute("filesError", e.messageKey());
			response.setStatus(e.status() == HttpStatus.CONTENT_TOO_LARGE ? 413 : 422);
			return reportPage(model, form, guest);
		}
	}

	@GetMapping("/public/vulns/cases/{id}/receipt")
	String receipt(CaseViewer viewer, @PathVariable UUID id, Model model, HttpServletRequest request) {
		model.addAttribute("c", cases.find(viewer, id).orElseThrow(CaseNotFound::new));
		model.addAttribute("base", CaseViewers.base(request, id));
		return "vulns/receipt";
	}

	/** Opens a personal link: its key's hash joins the session, and the case opens. */
	@GetMapping("/public/vulns/access")
	String access(@RequestParam(defaultValue = "") String key, HttpServletRequest request, HttpServletResponse response,
			Model model) {
		var grant = links.open(key);
		if (grant.isEmpty()) {
			response.setStatus(410);
			model.addAttribute("expired", !key.isBlank());
			return "vulns/access";
		}
		request.getSession(true);
		request.changeSessionId();
		CaseViewers.remember(request.getSession(), grant.get().keyHash());
		var vendor = grant.get().vendorId();
		return "redirect:/public/vulns/cases/" + grant.get().caseId() + (vendor == null ? "" : "/vendors/" + vendor);
	}

	@PostMapping("/public/vulns/access")
	String resend(@RequestParam(defaultValue = "") String number, @RequestParam(defaultValue = "") String email,
			HttpServletRequest request, Model model) {
		verifications.resend(number, email, request.getRemoteAddr());
		model.addAttribute("resent", true);
		return "vulns/access";
	}

	private String reportPage(Model model, ReportForm form, VulnCases.GuestFinder guest) {
		model.addAttribute("form", form);
		model.addAttribute("kinds", CaseKind.values());
		model.addAttribute("action", "/public/vulns/report");
		model.addAttribute("guest", guest);
		model.addAttribute("maxFileBytes", attachments.maxBytes());
		return "vulns/report";
	}

	/** The verified guest of this session, while the verification lasts. */
	private VulnCases.@Nullable GuestFinder guest(@Nullable HttpSession session) {
		if (session == null || !(session.getAttribute(GUEST) instanceof String[] stored) || stored.length != 5) {
			return null;
		}
		var verifiedAt = Instant.ofEpochSecond(Long.parseLong(stored[3]));
		if (verifiedAt.plus(settings.guestVerificationValidity()).isBefore(Instant.now(clock))) {
			session.removeAttribute(GUEST);
			return null;
		}
		return new VulnCases.GuestFinder(stored[0], stored[1], stored[2]);
	}

	private static int filedInSession(HttpSession session) {
		return session.getAttribute(GUEST) instanceof String[] stored ? Integer.parseInt(stored[4]) : 0;
	}

	/** Counts a filing (a fresh array: the session store sees the change). */
	private static void countFiling(HttpSession session) {
		if (session.getAttribute(GUEST) instanceof String[] stored) {
			var next = stored.clone();
			next[4] = String.valueOf(Integer.parseInt(stored[4]) + 1);
			session.setAttribute(GUEST, next);
		}
	}

	private static String keyOf(String link) {
		return link.substring(link.indexOf("key=") + "key=".length());
	}
}
