package org.kakehashi.identity.web;

import java.util.Map;

import org.kakehashi.audit.AuditEvent;
import org.kakehashi.audit.AuditLog;
import org.kakehashi.identity.internal.OidcProviders;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * Reached only when the sign-in filter would not start a sign-in through this provider: it is unknown,
 * disabled, or its discovery document cannot be fetched. The person goes back to the sign-in page.
 */
@Controller
class OidcUnavailableController {

	private final OidcProviders providers;
	private final AuditLog audit;

	OidcUnavailableController(OidcProviders providers, AuditLog audit) {
		this.providers = providers;
		this.audit = audit;
	}

	@GetMapping("/oauth2/authorization/{registrationId}")
	String unavailable(@PathVariable String registrationId) {
		providers.byRegistrationId(registrationId).ifPresent(provider -> audit.record(new AuditEvent(
				"identity.sign-in.failed", null, null, provider.organisationId(), "oidc-provider", provider.id().toString(),
				Map.of("method", "oidc", "provider", provider.registrationId(),
						"reason", provider.enabled() ? "provider-unreachable" : "provider-disabled"))));
		return "redirect:/login?error=oidc";
	}
}
