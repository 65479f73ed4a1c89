package org.kakehashi.identity.web;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.kakehashi.identity.OrganisationType;
import org.kakehashi.identity.internal.FirstAdminSetup;
import org.kakehashi.platform.InvalidInput;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The one-time first-administrator page linked from the start-up log (not in commands: no set-up there). */
@Controller
class SetupController {

	private final FirstAdminSetup setup;

	SetupController(FirstAdminSetup setup) {
		this.setup = setup;
	}

	record SetupForm(@NotBlank String token, @NotBlank @Size(max = 200) String organisationName,
			@NotNull OrganisationType organisationType, @NotBlank @Size(max = 100) String displayName,
			@NotBlank @Email @Size(max = 254) String email, @NotBlank String password, @NotBlank String passwordConfirmation) {
	}

	@GetMapping("/setup")
	String form(@RequestParam(defaultValue = "") String token, Model model) {
		if (!setup.valid(token)) {
			return "identity/setup-invalid";
		}
		model.addAttribute("form", new SetupForm(token, "", OrganisationType.NATIONAL_CENTRE, "", "", "", ""));
		model.addAttribute("types", OrganisationType.values());
		return "identity/setup";
	}

	@PostMapping("/setup")
	String complete(@Valid @ModelAttribute("form") SetupForm form, BindingResult errors, Model model,
			RedirectAttributes redirect) {
		if (!setup.valid(form.token())) {
			return "identity/setup-invalid";
		}
		if (!errors.hasFieldErrors("passwordConfirmation") && form.password() != null
				&& !form.password().equals(form.passwordConfirmation())) {
			errors.rejectValue("passwordConfirmation", "password.mismatch");
		}
		if (!errors.hasErrors()) {
			try {
				setup.complete(new FirstAdminSetup.Request(form.token(), form.organisationName(), form.organisationType(),
						form.displayName(), form.email(), form.password()));
				redirect.addFlashAttribute("notice", "setup.done");
				return "redirect:/login";
			} catch (InvalidInput e) {
				errors.rejectValue(e.field(), e.messageKey());
			}
		}
		model.addAttribute("types", OrganisationType.values());
		return "identity/setup";
	}
}
