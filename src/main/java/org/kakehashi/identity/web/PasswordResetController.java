package org.kakehashi.identity.web;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.kakehashi.identity.internal.PasswordResets;
import org.kakehashi.platform.InvalidInput;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * "Forgot password?" (ask for a link by address) and the page the link opens (choose a new password).
 * Both post to {@code /password-reset}, the one public address for this; the token tells them apart.
 */
@Controller
class PasswordResetController {

	private final PasswordResets resets;

	PasswordResetController(PasswordResets resets) {
		this.resets = resets;
	}

	record RequestForm(@NotBlank @Email @Size(max = 254) String email) {
	}

	record ResetForm(@NotBlank String token, @NotBlank String password, @NotBlank String passwordConfirmation) {
	}

	@GetMapping(path = "/password-reset", params = "!token")
	String requestForm(Model model) {
		model.addAttribute("form", new RequestForm(""));
		return "identity/password-reset-request";
	}

	@PostMapping(path = "/password-reset", params = "!token")
	String request(@Valid @ModelAttribute("form") RequestForm form, BindingResult errors, RedirectAttributes redirect) {
		if (errors.hasErrors()) {
			return "identity/password-reset-request";
		}
		resets.request(form.email());
		// The same answer whether or not the address exists.
		redirect.addFlashAttribute("notice", "password-reset.requested");
		return "redirect:/login";
	}

	@GetMapping(path = "/password-reset", params = "token")
	String resetForm(@RequestParam String token, Model model) {
		var pending = resets.pending(token);
		if (pending.isEmpty()) {
			return "identity/password-reset-invalid";
		}
		model.addAttribute("pending", pending.get());
		model.addAttribute("form", new ResetForm(token, "", ""));
		return "identity/password-reset";
	}

	@PostMapping(path = "/password-reset", params = "token")
	String reset(@Valid @ModelAttribute("form") ResetForm form, BindingResult errors, Model model,
			RedirectAttributes redirect) {
		var pending = resets.pending(form.token());
		if (pending.isEmpty()) {
			return "identity/password-reset-invalid";
		}
		if (!errors.hasFieldErrors("passwordConfirmation") && form.password() != null
				&& !form.password().equals(form.passwordConfirmation())) {
			errors.rejectValue("passwordConfirmation", "password.mismatch");
		}
		if (!errors.hasErrors()) {
			try {
				resets.complete(form.token(), form.password());
				redirect.addFlashAttribute("notice", "password-reset.done");
				return "redirect:/login";
			} catch (InvalidInput e) {
				errors.rejectValue(e.field(), e.messageKey());
			}
		}
		model.addAttribute("pending", pending.get());
		return "identity/password-reset";
	}
}
