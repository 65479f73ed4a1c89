package org.kakehashi.warnings.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletResponse;

import org.jspecify.annotations.Nullable;
import org.kakehashi.identity.Directory;
import org.kakehashi.identity.KakehashiUser;
import org.kakehashi.platform.InvalidFields;
import org.kakehashi.platform.InvalidInput;
import org.kakehashi.warnings.internal.Agreement;
import org.kakehashi.warnings.internal.Agreements;
import org.kakehashi.warnings.internal.Channel;
import org.kakehashi.warnings.internal.RecipientPages;
import org.kakehashi.warnings.internal.WarningViewer;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Prior agreements (事前の合意) in the browser: the sender's staff list, make, change and end theirs; a subscriber's
 * members read the agreements their organisation holds and its administrators keep their own side (contacts,
 * language, webhook address and signing key) current. An agreement the caller is no party to answers 404.
 */
@Controller
class AgreementsController {

	static final int PAGE_SIZE = 25;

	private final Agreements agreements;
	private final RecipientPages pages;
	private final Directory directory;

	AgreementsController(Agreements agreements, RecipientPages pages, Directory directory) {
		this.agreements = agreements;
		this.pages = pages;
		this.directory = directory;
	}

	@GetMapping("/warnings/agreements")
	String list(@AuthenticationPrincipal KakehashiUser user, @RequestParam(required = false) @Nullable String q,
			@RequestParam(defaultValue = "false") boolean ended, @RequestParam(required = false) @Nullable Integer page,
			Model model) {
		var viewer = WarningViewer.of(user);
		int zeroBased = page == null ? 0 : Math.max(0, page - 1);
		var text = q == null || q.isBlank() ? null : q.strip();
		var result = agreements.list(viewer, text, ended, zeroBased, PAGE_SIZE);
		var ids = new HashSet<UUID>();
		result.items().forEach(a -> {
			ids.add(a.senderOrganisationId());
			ids.add(a.subscriberOrganisationId());
		});
		var query = new ArrayList<String>();
		if (text != null) {
			query.add("q=" + URLEncoder.encode(text, StandardCharsets.UTF_8));
		}
		if (ended) {
			query.add("ended=true");
		}
		var pageLink = "/warnings/agreements?" + String.join("&", query) + (query.isEmpty() ? "" : "&") + "page=";
		model.addAttribute("result", result);
		model.addAttribute("q", text);
		model.addAttribute("ended", ended);
		model.addAttribute("names", names(ids));
		model.addAttribute("senderStaff", viewer.senderStaff());
		model.addAttribute("own", viewer.organisationId());
		model.addAttribute("previousPage", pageLink + result.page());
		model.addAttribute("nextPage", pageLink + (result.page() + 2));
		return "warnings/agreements";
	}

	@GetMapping("/warnings/agreements/new")
	String create(@AuthenticationPrincipal KakehashiUser user,
			@RequestParam(required = false) @Nullable String subscriberQuery, Model model) {
		var viewer = requireSender(user);
		return form(model, viewer, null, new AgreementForm(), subscriberQuery);
	}

	@PostMapping("/warnings/agreements")
	String save(@AuthenticationPrincipal KakehashiUser user, @ModelAttribute("form") AgreementForm form,
			BindingResult binding, Model model, HttpServletResponse response, RedirectAttributes redirect) {
		var viewer = requireSender(user);
		var problems = new ArrayList<InvalidFields.Problem>();
		try {
			var input = form.input(problems);
			if (!problems.isEmpty()) {
				throw new InvalidFields(problems);
			}
			var created = agreements.create(viewer, input);
			redirect.addFlashAttribute("notice", "warnings.agreement.notice.created");
			return "redirect:/warnings/agreements/" + created.id();
		}
		catch (InvalidFields e) {
			reject(binding, e);
			response.setStatus(422);
			return form(model, viewer, null, form, null);
		}
	}

	@GetMapping("/warnings/agreements/{id}")
	String show(@AuthenticationPrincipal KakehashiUser user, @PathVariable UUID id, Model model) {
		var viewer = WarningViewer.of(user);
		var agreement = agreements.find(viewer, id).orElseThrow(Agreements.AgreementNotFound::new);
		return form(model, viewer, agreement, AgreementForm.of(agreement), null);
	}

	@PostMapping("/warnings/agreements/{id}")
	String update(@AuthenticationPrincipal KakehashiUser user, @PathVariable UUID id,
			@ModelAttribute("form") AgreementForm form, BindingResult binding, Model model,
			HttpServletResponse response, RedirectAttributes redirect) {
		var viewer = WarningViewer.of(user);
		var agreement = agreements.find(viewer, id).orElseThrow(Agreements.AgreementNotFound::new);
		if (!Agreements.senderOf(viewer, agreement) && !Agreements.subscriberAdmin(viewer, agreement)) {
			throw new ResponseStatusException(HttpStatus.FORBIDDEN, "Only the parties' staff change an agreement.");
		}
		var problems = new ArrayList<InvalidFields.Problem>();
		try {
			var input = form.input(problems);
			if (!problems.isEmpty()) {
				throw new InvalidFields(problems);
			}
			agreements.update(viewer, id, input);
			redirect.addFlashAttribute("notice", "warnings.agreement.notice.saved");
			return "redirect:/warnings/agreements/" + id;
		}
		catch (InvalidFields e) {
			reject(binding, e);
			response.setStatus(422);
			return form(model, viewer, agreement, form, null);
		}
		catch (InvalidInput e) {
			if (e.status() != HttpStatus.CONFLICT) {
				throw e;
			}
			redirect.addFlashAttribute("notice", e.messageKey());
			return "redirect:/warnings/agreements/" + id;
		}
	}

	/** A new signing key; the old one stops working at once, and a webhook disabled after failures is re-enabled. */
	@PostMapping("/warnings/agreements/{id}/key")
	String rotate(@AuthenticationPrincipal KakehashiUser user, @PathVariable UUID id, RedirectAttributes redirect) {
		try {
			agreements.rotateSecret(WarningViewer.of(user), id);
			redirect.addFlashAttribute("notice", "warnings.agreement.notice.key-rotated");
		}
		catch (InvalidInput e) {
			if (e.status() != HttpStatus.CONFLICT) {
				throw e;
			}
			redirect.addFlashAttribute("notice", e.messageKey());
		}
		return "redirect:/warnings/agreements/" + id + "#webhook";
	}

	@PostMapping("/warnings/agreements/{id}/end")
	String end(@AuthenticationPrincipal KakehashiUser user, @PathVariable UUID id, RedirectAttributes redirect) {
		agreements.end(WarningViewer.of(user), id);
		redirect.addFlashAttribute("notice", "warnings.agreement.notice.ended");
		return "redirect:/warnings/agreements/" + id;
	}

	/** Organisations matching a name, as choices for the subscriber (htmx, from the form's search box). */
	@GetMapping("/warnings/agreements/organisations")
	String organisations(@AuthenticationPrincipal KakehashiUser user,
			@RequestParam(defaultValue = "") String subscriberQuery, Model model) {
		var viewer = requireSender(user);
		model.addAttribute("subscriberQuery", subscriberQuery);
		model.addAttribute("candidates", pages.subscriberCandidates(viewer, subscriberQuery));
		model.addAttribute("chosen", null);
		model.addAttribute("language", LocaleContextHolder.getLocale().getLanguage());
		return "warnings/agreement :: candidates";
	}

	private String form(Model model, WarningViewer viewer, @Nullable Agreement agreement, AgreementForm form,
			@Nullable String subscriberQuery) {
		var locale = LocaleContextHolder.getLocale();
		var sender = agreement == null || Agreements.senderOf(viewer, agreement);
		var subscriberAdmin = agreement != null && Agreements.subscriberAdmin(viewer, agreement);
		var open = agreement == null || agreement.endedAt() == null;
		model.addAttribute("agreement", agreement);
		model.addAttribute("form", form);
		model.addAttribute("sender", sender);
		model.addAttribute("subscriberAdmin", subscriberAdmin);
		model.addAttribute("editable", open && (sender || subscriberAdmin));
		model.addAttribute("party", sender || subscriberAdmin);
		model.addAttribute("sectorNames", directory.sectors().stream().collect(Collectors.toMap(
				Directory.SectorRef::code, s -> s.name(locale), (a, b) -> a, LinkedHashMap::new)));
		model.addAttribute("channels", Channel.values());
		model.addAttribute("webhookChannel", Channel.WEBHOOK);
		model.addAttribute("language", locale.getLanguage());
		model.addAttribute("subscriberQuery", subscriberQuery == null ? "" : subscriberQuery);
		model.addAttribute("candidates", subscriberQuery == null ? List.of()
				: pages.subscriberCandidates(viewer, subscriberQuery));
		UUID chosen = null;
		try {
			chosen = form.getSubscriberOrganisationId() == null || form.getSubscriberOrganisationId().isBlank() ? null
					: UUID.fromString(form.getSubscriberOrganisationId().strip());
		}
		catch (IllegalArgumentException e) {
			chosen = null;
		}
		model.addAttribute("chosen", chosen == null ? null : directory.organisation(chosen).orElse(null));
		if (agreement != null) {
			var sectorNames = directory.sectors().stream().collect(Collectors.toMap(Directory.SectorRef::code,
					s -> s.name(locale)));
			model.addAttribute("sectorsText", agreement.sectors().stream().map(c -> sectorNames.getOrDefault(c, c))
				.collect(Collectors.joining("en".equals(locale.getLanguage()) ? ", " : "、")));
			model.addAttribute("names", names(List.of(agreement.senderOrganisationId(), agreement.subscriberOrganisationId())));
		}
		return "warnings/agreement";
	}

	private java.util.Map<UUID, String> names(java.util.Collection<UUID> ids) {
		var locale = LocaleContextHolder.getLocale();
		var names = new LinkedHashMap<UUID, String>();
		directory.organisations(ids).forEach((id, ref) -> names.put(id, ref.name(locale)));
		return names;
	}

	private static void reject(BindingResult binding, InvalidFields e) {
		var seen = new HashSet<String>();
		for (var p : e.problems()) {
			var field = AgreementForm.formField(p.field());
			// One message per field is enough beside it.
			if (seen.add(field)) {
				binding.rejectValue(field, p.messageKey(), p.args().toArray(), p.message());
			}
		}
	}

	private static WarningViewer requireSender(KakehashiUser user) {
		var viewer = WarningViewer.of(user);
		if (!viewer.senderStaff()) {
			throw new ResponseStatusException(HttpStatus.FORBIDDEN, "Agreements are made by a sender's staff.");
		}
		return viewer;
	}
}
