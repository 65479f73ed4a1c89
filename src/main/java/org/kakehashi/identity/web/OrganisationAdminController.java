package org.kakehashi.identity.web;

import java.util.UUID;

import jakarta.validation.Valid;

import org.jspecify.annotations.Nullable;
import org.kakehashi.identity.KakehashiUser;
import org.kakehashi.identity.OrganisationType;
import org.kakehashi.identity.internal.Invitations;
import org.kakehashi.identity.internal.Organisation;
import org.kakehashi.identity.internal.OrganisationAdministration;
import org.kakehashi.identity.internal.Prefecture;
import org.kakehashi.identity.internal.Sectors;
import org.kakehashi.identity.internal.UserAdministration;
import org.kakehashi.platform.InvalidInput;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Organisations: platform administrators manage all of them, organisation administrators their own. */
@Controller
@RequestMapping("/admin/organisations")
class OrganisationAdminController {

	private final OrganisationAdministration organisations;
	private final UserAdministration users;
	private final Invitations invitations;
	private final Sectors sectors;

	OrganisationAdminController(OrganisationAdministration organisations, UserAdministration users,
			Invitations invitations, Sectors sectors) {
		this.organisations = organisations;
		this.users = users;
		this.invitations = invitations;
		this.sectors = sectors;
	}

	@GetMapping
	String list(@AuthenticationPrincipal KakehashiUser actor, @RequestParam(required = false) @Nullable String q,
			@RequestParam(required = false) @Nullable OrganisationType type,
			@RequestParam(required = false) @Nullable String sector, @RequestParam(required = false) @Nullable Integer page,
			@RequestParam(required = false) @Nullable Integer size,
			@RequestHeader(name = "HX-Request", required = false) @Nullable String htmx, Model model) {
		var paging = Paging.of(page, size);
		var result = organisations.search(actor,
				new OrganisationAdministration.Query(q, type, sector, paging.page(), paging.size()));
		model.addAttribute("result", result);
		model.addAttribute("q", q == null ? "" : q);
		model.addAttribute("type", type);
		model.addAttribute("sector", sector == null ? "" : sector);
		model.addAttribute("types", OrganisationType.values());
		var all = sectors.all();
		model.addAttribute("sectors", all);
		var locale = org.springframework.context.i18n.LocaleContextHolder.getLocale();
		model.addAttribute("sectorNames", all.stream()
			.collect(java.util.stream.Collectors.toMap(org.kakehashi.identity.internal.Sector::code, s -> s.name(locale))));
		return htmx != null ? "admin/organisations/list :: results" : "admin/organisations/list";
	}

	@GetMapping("/new")
	String createForm(@AuthenticationPrincipal KakehashiUser actor, Model model) {
		requirePlatformAdmin(actor);
		model.addAttribute("form", OrganisationForm.empty());
		return editPage(model, null, actor);
	}

	@PostMapping
	String create(@AuthenticationPrincipal KakehashiUser actor, @Valid @ModelAttribute("form") OrganisationForm form,
			BindingResult errors, Model model, RedirectAttributes redirect) {
		requirePlatformAdmin(actor);
		if (form.type() == null) {
			errors.rejectValue("type", "NotNull");
		}
		if (!errors.hasErrors()) {
			try {
				var created = organisations.create(actor, form.draft(form.type()));
				redirect.addFlashAttribute("notice", "admin.organisation.created");
				return "redirect:/admin/organisations/" + created.id();
			} catch (InvalidInput e) {
				reject(errors, e);
			}
		}
		return editPage(model, null, actor);
	}

	@GetMapping("/{id}")
	String detail(@AuthenticationPrincipal KakehashiUser actor, @PathVariable UUID id, Model model) {
		var organisation = find(actor, id);
		model.addAttribute("organisation", organisation);
		model.addAttribute("sectors", sectors.all().stream().filter(s -> organisation.sectorCodes().contains(s.code())).toList());
		model.addAttribute("groups", organisations.groups(id));
		model.addAttribute("users", users.search(actor, id, null, null, 0, 200).items());
		model.addAttribute("invitations", invitations.forOrganisation(id).stream()
			.filter(i -> "pending".equals(i.state(java.time.Instant.now())))
			.toList());
		return "admin/organisations/detail";
	}

	@GetMapping("/{id}/edit")
	String editForm(@AuthenticationPrincipal KakehashiUser actor, @PathVariable UUID id, Model model) {
		var organisation = find(actor, id);
		model.addAttribute("form", OrganisationForm.of(organisation));
		return editPage(model, organisation, actor);
	}

	@PostMapping("/{id}")
	String update(@AuthenticationPrincipal KakehashiUser actor, @PathVariable UUID id,
			@Valid @ModelAttribute("form") OrganisationForm form, BindingResult errors, Model model,
			RedirectAttributes redirect) {
		var organisation = find(actor, id);
		// Only platform administrators choose the type; everyone else keeps the current one.
		var type = actor.platformAdmin() ? form.type() : organisation.type();
		if (type == null) {
			errors.rejectValue("type", "NotNull");
		}
		if (!errors.hasErrors()) {
			try {
				organisations.update(actor, id, form.draft(type));
				redirect.addFlashAttribute("notice", "admin.organisation.updated");
				return "redirect:/admin/organisations/" + id;
			} catch (InvalidInput e) {
				reject(errors, e);
			}
		}
		return editPage(model, organisation, actor);
	}

	private String editPage(Model model, @Nullable Organisation organisation, KakehashiUser actor) {
		if (model.getAttribute("form") == null) {
			// A value that could not even be converted (e.g. an unknown type) leaves no form object to show.
			model.addAttribute("form", organisation == null ? OrganisationForm.empty() : OrganisationForm.of(organisation));
		}
		model.addAttribute("organisation", organisation);
		model.addAttribute("types", OrganisationType.values());
		model.addAttribute("sizeClasses", Organisation.SizeClass.values());
		model.addAttribute("sectors", sectors.all());
		model.addAttribute("prefectures", Prefecture.ALL);
		model.addAttribute("typeEditable", actor.platformAdmin());
		return "admin/organisations/edit";
	}

	private Organisation find(KakehashiUser actor, UUID id) {
		return organisations.find(actor, id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
	}

	/** Rules about a field become errors beside it; what the actor may not do or see becomes 403/404. */
	static void reject(BindingResult errors, InvalidInput e) {
		if (e.status() == HttpStatus.FORBIDDEN || e.status() == HttpStatus.NOT_FOUND) {
			throw e;
		}
		// The form has one sectors field; the API names the offending entry ("sectors[2]").
		errors.rejectValue(e.field().startsWith("sectors[") ? "sectors" : e.field(), e.messageKey());
	}

	private static void requirePlatformAdmin(KakehashiUser actor) {
		if (!actor.platformAdmin()) {
			throw new AccessDeniedException("Only platform administrators create organisations.");
		}
	}
}
