package org.kakehashi.identity.web;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.jspecify.annotations.Nullable;
import org.kakehashi.audit.AuditLog;
import org.kakehashi.identity.KakehashiUser;
import org.kakehashi.identity.Role;
import org.kakehashi.identity.internal.OidcProvider;
import org.kakehashi.identity.internal.OidcProviders;
import org.kakehashi.identity.internal.Organisation;
import org.kakehashi.identity.internal.Organisations;
import org.kakehashi.platform.KakehashiProperties;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * An organisation's own OpenID Connect provider: platform administrators for any organisation, organisation
 * administrators for their own. The client secret can be set or replaced but is never shown again, and never
 * written to the audit log.
 */
@Controller
@RequestMapping("/admin/organisations/{organisationId}/identity-provider")
class IdentityProviderController {

	private final Organisations organisations;
	private final OidcProviders providers;
	private final AuditLog audit;
	private final KakehashiProperties properties;

	IdentityProviderController(Organisations organisations, OidcProviders providers, AuditLog audit,
			KakehashiProperties properties) {
		this.organisations = organisations;
		this.providers = providers;
		this.audit = audit;
		this.properties = properties;
	}

	record ProviderForm(@NotBlank @Size(max = 100) String displayName, @NotBlank @Size(max = 500) String issuerUri,
			@NotBlank @Size(max = 200) String clientId, @Nullable @Size(max = 500) String clientSecret,
			@NotBlank @Size(max = 200) @Pattern(regexp = "[A-Za-z0-9_:./ -]+") String scopes,
			@Nullable @Size(max = 253) @Pattern(regexp = "|([A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?\\.)+[A-Za-z]{2,63}") String emailDomain,
			@Nullable Boolean jitProvisioning) {

		static ProviderForm empty() {
			return new ProviderForm("", "", "", "", "openid profile email", "", false);
		}

		static ProviderForm of(OidcProvider provider) {
			return new ProviderForm(provider.displayName(), provider.issuerUri(), provider.clientId(), "", provider.scopes(),
					provider.emailDomain() == null ? "" : provider.emailDomain(), provider.jitProvisioning());
		}

		OidcProviders.Settings settings() {
			var domain = emailDomain == null || emailDomain.isBlank() ? null : emailDomain.strip().toLowerCase(Locale.ROOT);
			var secret = clientSecret == null || clientSecret.isBlank() ? null : clientSecret.strip();
			return new OidcProviders.Settings(displayName.strip(), issuerUri.strip(), clientId.strip(), secret,
					String.join(" ", scopes.strip().split("\\s+")), domain, Boolean.TRUE.equals(jitProvisioning));
		}
	}

	@GetMapping
	String show(@PathVariable UUID organisationId, @AuthenticationPrincipal KakehashiUser user, Model model) {
		var organisation = manageable(organisationId, user);
		var provider = providers.ofOrganisation(organisationId);
		return page(organisation, provider.orElse(null), provider.map(ProviderForm::of).orElseGet(ProviderForm::empty), model);
	}

	@PostMapping
	@Transactional
	String save(@PathVariable UUID organisationId, @AuthenticationPrincipal KakehashiUser user,
			@Valid @ModelAttribute("form") ProviderForm form, BindingResult errors, Model model, RedirectAttributes redirect) {
		var organisation = manageable(organisationId, user);
		var existing = providers.ofOrganisation(organisationId).orElse(null);
		validate(form, existing, errors);
		if (errors.hasErrors()) {
			return page(organisation, existing, form, model);
		}
		var settings = form.settings();
		OidcProvider saved;
		String action;
		if (existing == null) {
			saved = providers.create(organisationId, settings);
			action = "identity.oidc-provider.created";
		} else {
			saved = providers.update(existing.id(), settings);
			action = "identity.oidc-provider.updated";
		}
		var details = new LinkedHashMap<String, String>();
		details.put("organisation", organisation.name());
		details.put("displayName", saved.displayName());
		details.put("issuer", saved.issuerUri());
		details.put("clientId", saved.clientId());
		details.put("scopes", saved.scopes());
		details.put("emailDomain", saved.emailDomain() == null ? "" : saved.emailDomain());
		details.put("jitProvisioning", String.valueOf(saved.jitProvisioning()));
		details.put("secretChanged", String.valueOf(settings.clientSecret() != null));
		audit.record(action, "oidc-provider", saved.id(), details);
		redirect.addFlashAttribute("notice", "oidc.admin.saved");
		return "redirect:/admin/organisations/" + organisationId + "/identity-provider";
	}

	@PostMapping("/enabled")
	@Transactional
	String enable(@PathVariable UUID organisationId, @AuthenticationPrincipal KakehashiUser user,
			@org.springframework.web.bind.annotation.RequestParam boolean enabled, RedirectAttributes redirect) {
		var organisation = manageable(organisationId, user);
		var provider = providers.ofOrganisation(organisationId)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
		providers.setEnabled(provider.id(), enabled);
		audit.record(enabled ? "identity.oidc-provider.enabled" : "identity.oidc-provider.disabled", "oidc-provider",
				provider.id(), Map.of("organisation", organisation.name(), "issuer", provider.issuerUri()));
		redirect.addFlashAttribute("notice", enabled ? "oidc.admin.enabled" : "oidc.admin.disabled");
		return "redirect:/admin/organisations/" + organisationId + "/identity-provider";
	}

	private String page(Organisation organisation, @Nullable OidcProvider provider, ProviderForm form, Model model) {
		model.addAttribute("organisation", organisation);
		model.addAttribute("provider", provider);
		model.addAttribute("form", form);
		if (provider != null) {
			model.addAttribute("redirectUri", properties.link("/login/oauth2/code/" + provider.registrationId()));
		}
		return "identity/identity-provider";
	}

	private Organisation manageable(UUID organisationId, KakehashiUser user) {
		var organisation = organisations.byId(organisationId)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
		boolean allowed = user.platformAdmin() || (user.has(Role.ORG_ADMIN) && organisationId.equals(user.organisationId()));
		if (!allowed) {
			throw new AccessDeniedException("Not an administrator of organisation " + organisationId);
		}
		return organisation;
	}

	static void validate(ProviderForm form, @Nullable OidcProvider existing, BindingResult errors) {
		if (!errors.hasFieldErrors("issuerUri") && !acceptableIssuer(form.issuerUri())) {
			errors.rejectValue("issuerUri", "oidc.admin.issuer-invalid");
		}
		if (!errors.hasFieldErrors("scopes") && !form.scopes().strip().matches("(.*\\s)?openid(\\s.*)?")) {
			errors.rejectValue("scopes", "oidc.admin.scopes-openid");
		}
		if (existing == null && (form.clientSecret() == null || form.clientSecret().isBlank())) {
			errors.rejectValue("clientSecret", "oidc.admin.secret-required");
		}
		if (Boolean.TRUE.equals(form.jitProvisioning()) && (form.emailDomain() == null || form.emailDomain().isBlank())
				&& !errors.hasFieldErrors("emailDomain")) {
			errors.rejectValue("emailDomain", "oidc.admin.domain-required");
		}
	}

	/** HTTPS, or plain HTTP to this machine only (a provider run next to Kakehashi for testing). */
	static boolean acceptableIssuer(String value) {
		try {
			var uri = new URI(value.strip());
			if (uri.getHost() == null || uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
				return false;
			}
			var scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
			var host = uri.getHost().toLowerCase(Locale.ROOT);
			return "https".equals(scheme)
					|| ("http".equals(scheme) && ("localhost".equals(host) || "127.0.0.1".equals(host)));
		} catch (URISyntaxException e) {
			return false;
		}
	}
}
