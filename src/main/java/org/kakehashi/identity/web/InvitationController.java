package org.kakehashi.identity.web;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.kakehashi.identity.internal.Invitations;
import org.kakehashi.platform.InvalidInput;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Where an invitation e-mail's link lands: choose a password, and the account exists. */
@Controller
class InvitationController {

	private final Invitations invitations;

	InvitationController(Invitations invitations) {
		this.invitations = invitations;
	}

	record AcceptForm(@NotBlank String token, @NotBlank @Size(max = 100) String displayName, @NotBlank String password,
			@NotBlank String passwordConfirmation) {
	}

	@GetMapping("/invitation")
	String form(@RequestParam(defaultValue = "") String token, Model model) {
		var invitation = invitations.pending(token);
		if (invitation.isEmpty()) {
			return "identity/invitation-invalid";
		}
		model.addAttribute("invitation", invitation.get());
		model.addAttribute("form", new AcceptForm(token, invitation.get().displayName(), "", ""));
		return "identity/invitation";
	}

	@PostMapping("/invitation")
	String accept(@Valid @ModelAttribute("form") AcceptForm form, BindingResult errors, Model model,
			RedirectAttributes redirect) {
		var invitation = invitations.pending(form.token());
		if (invitation.isEmpty()) {
			return "identity/invitation-invalid";
		}
		if (!errors.hasFieldErrors("passwordConfirmation") && form.password() != null
				&& !form.password().equals(form.passwordConfirmation())) {
			errors.rejectValue("passwordConfirmation", "password.mismatch");
		}
		if (!errors.hasErrors()) {
			try {
				invitations.accept(form.token(), form.displayName(), form.password());
				redirect.addFlashAttribute("notice", "invitation.accepted");
				return "redirect:/login";
			} catch (InvalidInput e) {
				errors.rejectValue(e.field(), e.messageKey());
			}
		}
		model.addAttribute("invitation", invitation.get());
		return "identity/invitation";
	}
}
