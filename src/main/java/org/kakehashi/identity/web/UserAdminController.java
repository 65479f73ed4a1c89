package org.kakehashi.identity.web;

import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.jspecify.annotations.Nullable;
import org.kakehashi.identity.KakehashiUser;
import org.kakehashi.identity.Role;
import org.kakehashi.identity.internal.Invitations;
import org.kakehashi.identity.internal.OrganisationAdministration;
import org.kakehashi.identity.internal.UserAccount;
import org.kakehashi.identity.internal.UserAdministration;
import org.kakehashi.platform.InvalidInput;
import org.springframework.http.HttpStatus;
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

/** Users and invitations. Organisation administrators see and change only their own organisation's. */
@Controller
@RequestMapping("/admin/users")
class UserAdminController {

	private final UserAdministration users;
	private final OrganisationAdministration organisations;
	private final Invitations invitations;
	private final Clock clock;

	UserAdminController(UserAdministration users, OrganisationAdministration organisations, Invitations invitations,
			Clock clock) {
		this.users = users;
		this.organisations = organisations;
		this.invitations = invitations;
		this.clock = clock;
	}

	record InviteForm(@NotBlank @Email @Size(max = 254) String email, @NotBlank @Size(max = 100) String displayName,
			@Nullable Set<Role> roles, @Nullable UUID organisationId) {
	}

	record RolesForm(@Nullable Set<Role> roles) {
	}

	@GetMapping
	String list(@AuthenticationPrincipal KakehashiUser actor, @RequestParam(required = false) @Nullable String q,
			@RequestParam(required = false) @Nullable String state,
			@RequestParam(required = false) @Nullable UUID organisation,
			@RequestParam(required = false) @Nullable Integer page, @RequestParam(required = false) @Nullable Integer size,
			@RequestHeader(name = "HX-Request", required = false) @Nullable String htmx, Model model) {
		var paging = Paging.of(page, size);
		Boolean active = "active".equals(state) ? Boolean.TRUE : "inactive".equals(state) ? Boolean.FALSE : null;
		model.addAttribute("result", users.search(actor, organisation, q, active, paging.page(), paging.size()));
		model.addAttribute("q", q == null ? "" : q);
		model.addAttribute("state", state == null ? "" : state);
		model.addAttribute("organisation", organisation);
		model.addAttribute("organisations", actor.platformAdmin() ? organisations.selectable(actor) : java.util.List.of());
		model.addAttribute("invitations", invitations.forOrganisation(actor.platformAdmin() ? null : actor.organisationId())
			.stream().limit(20).toList());
		model.addAttribute("now", Instant.now(clock));
		return htmx != null ? "admin/users/list :: results" : "admin/users/list";
	}

	@GetMapping("/invite")
	String inviteForm(@AuthenticationPrincipal KakehashiUser actor, Model model) {
		model.addAttribute("form", new InviteForm("", "", EnumSet.of(Role.REPORTER), actor.organisationId()));
		return invitePage(actor, model);
	}

	@PostMapping("/invite")
	String invite(@AuthenticationPrincipal KakehashiUser actor, @Valid @ModelAttribute("form") InviteForm form,
			BindingResult errors, Model model, RedirectAttributes redirect) {
		// Organisation administrators always invite into their own organisation, whatever was posted.
		var organisationId = actor.platformAdmin() ? form.organisationId() : actor.organisationId();
		if (organisationId == null) {
			errors.rejectValue("organisationId", "NotNull");
		}
		var roles = form.roles() == null ? Set.<Role>of() : form.roles();
		if (roles.isEmpty()) {
			errors.rejectValue("roles", "invite.roles-required");
		}
		if (roles.contains(Role.PLATFORM_ADMIN) && !actor.platformAdmin()) {
			errors.rejectValue("roles", "invite.role-not-allowed");
		}
		if (!errors.hasErrors()) {
			try {
				invitations.invite(actor, organisationId, form.email(), form.displayName(), roles);
				redirect.addFlashAttribute("notice", "admin.user.invited");
				return "redirect:/admin/users";
			} catch (InvalidInput e) {
				OrganisationAdminController.reject(errors, e);
			}
		}
		return invitePage(actor, model);
	}

	@PostMapping("/invitations/{id}/revoke")
	String revoke(@AuthenticationPrincipal KakehashiUser actor, @PathVariable UUID id, RedirectAttributes redirect) {
		invitations.revoke(actor, id);
		redirect.addFlashAttribute("notice", "admin.invitation.revoked");
		return "redirect:/admin/users";
	}

	@GetMapping("/{id}")
	String detail(@AuthenticationPrincipal KakehashiUser actor, @PathVariable UUID id, Model model) {
		var user = find(actor, id);
		model.addAttribute("form", new RolesForm(user.roles()));
		return detailPage(actor, user, model);
	}

	@PostMapping("/{id}/roles")
	String changeRoles(@AuthenticationPrincipal KakehashiUser actor, @PathVariable UUID id,
			@ModelAttribute("form") RolesForm form, BindingResult errors, Model model, RedirectAttributes redirect) {
		var user = find(actor, id);
		try {
			users.changeRoles(actor, id, form.roles() == null ? Set.of() : form.roles());
			redirect.addFlashAttribute("notice", "admin.user.roles-changed");
			return "redirect:/admin/users/" + id;
		} catch (InvalidInput e) {
			if (e.status() == HttpStatus.FORBIDDEN && "roles".equals(e.field())) {
				errors.rejectValue("roles", e.messageKey());
			} else {
				OrganisationAdminController.reject(errors, e);
			}
		}
		return detailPage(actor, user, model);
	}

	@PostMapping("/{id}/deactivate")
	String deactivate(@AuthenticationPrincipal KakehashiUser actor, @PathVariable UUID id, RedirectAttributes redirect) {
		return act(id, redirect, () -> users.deactivate(actor, id), "admin.user.deactivated");
	}

	@PostMapping("/{id}/reactivate")
	String reactivate(@AuthenticationPrincipal KakehashiUser actor, @PathVariable UUID id, RedirectAttributes redirect) {
		return act(id, redirect, () -> users.reactivate(actor, id), "admin.user.reactivated");
	}

	@PostMapping("/{id}/unlock")
	String unlock(@AuthenticationPrincipal KakehashiUser actor, @PathVariable UUID id, RedirectAttributes redirect) {
		return act(id, redirect, () -> users.unlock(actor, id), "admin.user.unlocked");
	}

	@PostMapping("/{id}/password-reset")
	String passwordReset(@AuthenticationPrincipal KakehashiUser actor, @PathVariable UUID id, RedirectAttributes redirect) {
		return act(id, redirect, () -> users.sendPasswordReset(actor, id), "admin.user.password-reset-sent");
	}

	@PostMapping("/{id}/second-factor-reset")
	String secondFactorReset(@AuthenticationPrincipal KakehashiUser actor, @PathVariable UUID id,
			RedirectAttributes redirect) {
		return act(id, redirect, () -> users.resetSecondFactor(actor, id), "admin.user.second-factor-reset");
	}

	/** Runs one action; a refused one (e.g. the last platform administrator) comes back as an error notice. */
	private String act(UUID id, RedirectAttributes redirect, Runnable action, String notice) {
		try {
			action.run();
			redirect.addFlashAttribute("notice", notice);
		} catch (InvalidInput e) {
			if (e.status() != HttpStatus.BAD_REQUEST) {
				throw e;
			}
			redirect.addFlashAttribute("failure", e.messageKey());
		}
		return "redirect:/admin/users/" + id;
	}

	private String detailPage(KakehashiUser actor, UserAccount user, Model model) {
		model.addAttribute("user", user);
		model.addAttribute("assignableRoles", actor.platformAdmin() ? Role.values()
				: EnumSet.complementOf(EnumSet.of(Role.PLATFORM_ADMIN)).toArray(Role[]::new));
		model.addAttribute("locked", user.lockedAt(Instant.now(clock)));
		return "admin/users/detail";
	}

	private String invitePage(KakehashiUser actor, Model model) {
		model.addAttribute("organisations", organisations.selectable(actor));
		model.addAttribute("assignableRoles", actor.platformAdmin() ? Role.values()
				: EnumSet.complementOf(EnumSet.of(Role.PLATFORM_ADMIN)).toArray(Role[]::new));
		return "admin/users/invite";
	}

	private UserAccount find(KakehashiUser actor, UUID id) {
		return users.find(actor, id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
	}
}
