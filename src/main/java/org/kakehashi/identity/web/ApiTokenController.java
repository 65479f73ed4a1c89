package org.kakehashi.identity.web;

import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.jspecify.annotations.Nullable;
import org.kakehashi.identity.ApiScope;
import org.kakehashi.identity.KakehashiUser;
import org.kakehashi.identity.internal.ApiTokens;
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
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The user's own API tokens: list, create (the clear token is shown on the answer to the POST and nowhere
 * else, never through the session) and revoke.
 */
@Controller
class ApiTokenController {

	record TokenForm(@NotBlank @Size(max = ApiTokens.MAX_NAME_LENGTH) String name, @Nullable List<String> scopes,
			@NotNull @Min(1) @Max(ApiTokens.MAX_DAYS) Integer expiryDays) {
	}

	private final ApiTokens tokens;
	private final Clock clock;

	ApiTokenController(ApiTokens tokens, Clock clock) {
		this.tokens = tokens;
		this.clock = clock;
	}

	@GetMapping("/account/tokens")
	String list(@AuthenticationPrincipal KakehashiUser user, Model model) {
		model.addAttribute("form", new TokenForm("", List.of(ApiScope.IDENTITY_READ.value()), ApiTokens.DEFAULT_DAYS));
		return page(user, model);
	}

	@PostMapping("/account/tokens")
	String create(@AuthenticationPrincipal KakehashiUser user, @Valid @ModelAttribute("form") TokenForm form,
			BindingResult errors, Model model, HttpServletResponse response) {
		var scopes = EnumSet.noneOf(ApiScope.class);
		for (var value : form.scopes() == null ? List.<String>of() : form.scopes()) {
			ApiScope.of(value).ifPresentOrElse(scopes::add, () -> errors.rejectValue("scopes", "api-token.scope-unknown"));
		}
		if (scopes.isEmpty() && !errors.hasFieldErrors("scopes")) {
			errors.rejectValue("scopes", "api-token.scopes-required");
		}
		if (!errors.hasErrors()) {
			try {
				var created = tokens.create(user, form.name(), scopes, form.expiryDays());
				// The clear token is on this page only: no caching, and the form starts afresh.
				response.setHeader("Cache-Control", "no-store");
				model.addAttribute("created", created);
				model.addAttribute("form", new TokenForm("", List.of(ApiScope.IDENTITY_READ.value()), ApiTokens.DEFAULT_DAYS));
				return page(user, model);
			} catch (InvalidInput e) {
				errors.rejectValue(e.field(), e.messageKey());
			}
		}
		response.setStatus(HttpStatus.BAD_REQUEST.value());
		return page(user, model);
	}

	@PostMapping("/account/tokens/{tokenId}/revoke")
	String revoke(@AuthenticationPrincipal KakehashiUser user, @PathVariable UUID tokenId, RedirectAttributes redirect) {
		if (!tokens.revoke(user, tokenId)) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND);
		}
		redirect.addFlashAttribute("notice", "api-token.revoked");
		return "redirect:/account/tokens";
	}

	private String page(KakehashiUser user, Model model) {
		model.addAttribute("tokens", tokens.forUser(user.id()));
		model.addAttribute("scopes", Arrays.stream(ApiScope.values()).filter(s -> s.allowedFor(user.roles())).toList());
		model.addAttribute("now", Instant.now(clock));
		return "identity/tokens";
	}
}
