package org.kakehashi.identity.web;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.kakehashi.identity.KakehashiUser;
import org.kakehashi.identity.internal.UserAccount;
import org.kakehashi.identity.internal.Users;
import org.kakehashi.identity.security.AccountPasswords;
import org.kakehashi.identity.security.SecondFactors;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The signed-in user's own account: profile, sign-in methods, recovery codes and password. */
@Controller
class AccountController {

	private final Users users;
	private final SecondFactors secondFactors;
	private final AccountPasswords passwords;

	AccountController(Users users, SecondFactors secondFactors, AccountPasswords passwords) {
		this.users = users;
		this.secondFactors = secondFactors;
		this.passwords = passwords;
	}

	record PasswordForm(@NotBlank @Size(max = 1000) String currentPassword, @NotBlank @Size(max = 1000) String password,
			@NotBlank @Size(max = 1000) String passwordConfirmation) {
	}

	@GetMapping("/account")
	String show(@AuthenticationPrincipal KakehashiUser user, Model model) {
		if (!model.containsAttribute("passwordForm")) {
			model.addAttribute("passwordForm", new PasswordForm("", "", ""));
		}
		return page(account(user), model);
	}

	@PostMapping("/account/password")
	String changePassword(@AuthenticationPrincipal KakehashiUser user,
			@Valid @ModelAttribute("passwordForm") PasswordForm form, BindingResult errors, Model model,
			RedirectAttributes redirect) {
		var account = account(user);
		if (!errors.hasFieldErrors("passwordConfirmation") && form.password() != null
				&& !form.password().equals(form.passwordConfirmation())) {
			errors.rejectValue("passwordConfirmation", "password.mismatch");
		}
		if (!errors.hasErrors()) {
			var problem = passwords.change(account, form.currentPassword(), form.password());
			if (problem.isEmpty()) {
				redirect.addFlashAttribute("notice", "account.password.changed");
				return "redirect:/account";
			}
			errors.rejectValue(problem.get().field(), problem.get().messageKey());
		}
		// Never echo passwords back into the page.
		model.addAttribute("passwordForm", new PasswordForm("", "", ""));
		model.addAttribute("org.springframework.validation.BindingResult.passwordForm", errors);
		return page(account, model);
	}

	@PostMapping("/account/second-factor/disable")
	String disableTotp(@AuthenticationPrincipal KakehashiUser user, RedirectAttributes redirect) {
		var disabled = secondFactors.disableTotp(account(user));
		redirect.addFlashAttribute("notice", disabled ? "account.totp.disabled" : "account.totp.disable-refused");
		return "redirect:/account";
	}

	@PostMapping("/account/recovery-codes")
	String regenerateRecoveryCodes(@AuthenticationPrincipal KakehashiUser user, RedirectAttributes redirect) {
		var codes = secondFactors.regenerateRecoveryCodes(account(user));
		if (codes.isEmpty()) {
			redirect.addFlashAttribute("notice", "account.recovery-codes.need-second-factor");
			return "redirect:/account";
		}
		redirect.addFlashAttribute("recoveryCodes", codes.get());
		redirect.addFlashAttribute("notice", "account.recovery-codes.regenerated");
		return "redirect:/account/recovery-codes";
	}

	@PostMapping("/account/passkeys/remove")
	String removePasskey(@AuthenticationPrincipal KakehashiUser user, @RequestParam String credentialId,
			RedirectAttributes redirect) {
		var removed = secondFactors.removePasskey(account(user), credentialId);
		redirect.addFlashAttribute("notice", removed ? "account.passkey.removed" : "account.passkey.remove-refused");
		return "redirect:/account";
	}

	private UserAccount account(KakehashiUser user) {
		return users.byId(user.id()).orElseThrow();
	}

	private String page(UserAccount account, Model model) {
		model.addAttribute("account", account);
		model.addAttribute("passkeys", secondFactors.passkeys(account));
		model.addAttribute("recoveryCodesLeft", secondFactors.unusedRecoveryCodes(account));
		return "identity/account";
	}
}
