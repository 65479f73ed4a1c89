package org.kakehashi.identity.web;

import java.time.LocalDate;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.jspecify.annotations.Nullable;
import org.kakehashi.identity.KakehashiUser;
import org.kakehashi.identity.internal.GroupAdministration;
import org.kakehashi.identity.internal.Groups;
import org.kakehashi.identity.internal.Organisations;
import org.kakehashi.identity.internal.Sectors;
import org.kakehashi.platform.InvalidInput;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** CEPTOARs, SIGs and sharing groups and their member organisations; platform administrators only. */
@Controller
@RequestMapping("/admin/groups")
@PreAuthorize("hasRole('PLATFORM_ADMIN')")
class GroupAdminController {

	private final Groups groups;
	private final GroupAdministration administration;
	private final Organisations organisations;
	private final Sectors sectors;

	GroupAdminController(Groups groups, GroupAdministration administration, Organisations organisations, Sectors sectors) {
		this.groups = groups;
		this.administration = administration;
		this.organisations = organisations;
		this.sectors = sectors;
	}

	record GroupForm(@NotBlank @Size(max = 200) String name, Groups.@Nullable Kind kind, @Nullable String sector,
			@Nullable @Size(max = 2000) String description, @Nullable Boolean requiresNda) {
	}

	record MemberForm(@NotNull UUID organisationId,
			@Nullable @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate ndaAcceptedOn) {
	}

	@GetMapping
	String list(Model model) {
		// Keyed by name: SpEL cannot index an EnumMap with an enum.
		var byKind = new java.util.LinkedHashMap<String, java.util.List<Groups.Group>>();
		for (var kind : Groups.Kind.values()) {
			byKind.put(kind.name(), new java.util.ArrayList<>());
		}
		groups.all().forEach(group -> byKind.get(group.kind().name()).add(group));
		var locale = org.springframework.context.i18n.LocaleContextHolder.getLocale();
		model.addAttribute("byKind", byKind);
		model.addAttribute("kinds", Groups.Kind.values());
		model.addAttribute("sectorNames", sectors.all().stream()
			.collect(java.util.stream.Collectors.toMap(org.kakehashi.identity.internal.Sector::code, s -> s.name(locale))));
		return "admin/groups/list";
	}

	@GetMapping("/new")
	String createForm(Model model) {
		model.addAttribute("form", new GroupForm("", null, null, "", false));
		return editPage(model);
	}

	@PostMapping
	String create(@AuthenticationPrincipal KakehashiUser actor, @Valid @ModelAttribute("form") GroupForm form,
			BindingResult errors, Model model, RedirectAttributes redirect) {
		if (form.kind() == null) {
			errors.rejectValue("kind", "NotNull");
		}
		if (!errors.hasErrors()) {
			try {
				var group = administration.create(actor, form.name(), form.kind(), OrganisationForm.blankToNull(form.sector()),
						OrganisationForm.blankToNull(form.description()), Boolean.TRUE.equals(form.requiresNda()));
				redirect.addFlashAttribute("notice", "admin.group.created");
				return "redirect:/admin/groups/" + group.id();
			} catch (InvalidInput e) {
				OrganisationAdminController.reject(errors, e);
			}
		}
		return editPage(model);
	}

	@GetMapping("/{id}")
	String detail(@PathVariable UUID id, Model model) {
		model.addAttribute("form", new MemberForm(null, null));
		return detailPage(id, model);
	}

	@PostMapping("/{id}/members")
	String addMember(@AuthenticationPrincipal KakehashiUser actor, @PathVariable UUID id,
			@Valid @ModelAttribute("form") MemberForm form, BindingResult errors, Model model, RedirectAttributes redirect) {
		if (!errors.hasErrors()) {
			try {
				administration.addMember(actor, id, form.organisationId(), form.ndaAcceptedOn());
				redirect.addFlashAttribute("notice", "admin.group.member-added");
				return "redirect:/admin/groups/" + id;
			} catch (InvalidInput e) {
				OrganisationAdminController.reject(errors, e);
			}
		}
		return detailPage(id, model);
	}

	@PostMapping("/{id}/members/{organisationId}/remove")
	String removeMember(@AuthenticationPrincipal KakehashiUser actor, @PathVariable UUID id,
			@PathVariable UUID organisationId, RedirectAttributes redirect) {
		administration.removeMember(actor, id, organisationId);
		redirect.addFlashAttribute("notice", "admin.group.member-removed");
		return "redirect:/admin/groups/" + id;
	}

	private String detailPage(UUID id, Model model) {
		if (model.getAttribute("form") == null) {
			model.addAttribute("form", new MemberForm(null, null));
		}
		var group = groups.byId(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
		model.addAttribute("group", group);
		model.addAttribute("sector", group.sectorCode() == null ? null : sectors.byCode(group.sectorCode()).orElse(null));
		model.addAttribute("members", groups.members(id));
		model.addAttribute("organisations", organisations.all());
		return "admin/groups/detail";
	}

	private String editPage(Model model) {
		if (model.getAttribute("form") == null) {
			model.addAttribute("form", new GroupForm("", null, null, "", false));
		}
		model.addAttribute("kinds", Groups.Kind.values());
		model.addAttribute("sectors", sectors.all());
		return "admin/groups/edit";
	}
}
