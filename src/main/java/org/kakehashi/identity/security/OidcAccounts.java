package org.kakehashi.identity.security;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.kakehashi.audit.AuditEvent;
import org.kakehashi.audit.AuditLog;
import org.kakehashi.identity.KakehashiUser;
import org.kakehashi.identity.Role;
import org.kakehashi.identity.internal.OidcProvider;
import org.kakehashi.identity.internal.UserAccount;
import org.kakehashi.identity.internal.OidcProviders;
import org.kakehashi.identity.internal.Users;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Decides which Kakehashi user a person signed in by an organisation's provider becomes. A provider speaks
 * only for its own organisation, so it can never sign anybody in as a user of another one, whatever e-mail
 * address it asserts. In order:
 * <ol>
 * <li>a user already linked to the provider's subject ({@code user_oidc_link});</li>
 * <li>an active user of the provider's organisation with the same, provider-verified e-mail address (then
 * linked, so later e-mail changes at the provider do not matter);</li>
 * <li>with just-in-time provisioning on and the address in the provider's e-mail domain, a new VIEWER of
 * that organisation;</li>
 * <li>otherwise nobody: the sign-in is refused.</li>
 * </ol>
 * <p>
 * Second factor: a sign-in through the organisation's provider is complete here. Multi-factor authentication
 * is the organisation's identity provider's responsibility (and the organisation's, under its agreement with
 * the platform); we do not add our own second step, but record the {@code amr} and {@code acr} claims the
 * provider reports in the audit entry, so what was actually used can be reviewed.
 * <p>
 * Each outcome, success or refusal, is audited in the same transaction as the link or account it creates.
 */
@Component
class OidcAccounts {

	private final OidcProviders providers;
	private final Users users;
	private final AuditLog audit;

	OidcAccounts(OidcProviders providers, Users users, AuditLog audit) {
		this.providers = providers;
		this.users = users;
		this.audit = audit;
	}

	@Transactional
	public Optional<KakehashiUser> map(String registrationId, OidcUser person) {
		var provider = providers.byRegistrationId(registrationId).orElse(null);
		if (provider == null || !provider.enabled()) {
			audit.record(new AuditEvent("identity.sign-in.failed", null, person.getEmail(), null, "oidc-provider",
					registrationId, Map.of("method", "oidc", "reason", "provider-disabled")));
			return Optional.empty();
		}
		var subject = person.getSubject();
		var linked = providers.linkedUser(provider.id(), subject).flatMap(users::byId);
		if (linked.isPresent()) {
			var account = linked.get();
			if (!account.organisationId().equals(provider.organisationId())) {
				return refuse(provider, person, "linked-user-of-another-organisation");
			}
			if (!account.active()) {
				return refuse(provider, person, "user-inactive");
			}
			return succeed(provider, person, account, "subject");
		}
		var email = person.getEmail();
		if (email == null || email.isBlank() || !Boolean.TRUE.equals(person.getEmailVerified())) {
			return refuse(provider, person, "no-verified-email");
		}
		var sameEmail = users.byEmail(email);
		if (sameEmail.isPresent()) {
			var account = sameEmail.get();
			if (!account.organisationId().equals(provider.organisationId())) {
				return refuse(provider, person, "email-belongs-to-another-organisation");
			}
			if (!account.active()) {
				return refuse(provider, person, "user-inactive");
			}
			providers.link(provider.id(), subject, account.id());
			return succeed(provider, person, account, "email");
		}
		if (provider.jitProvisioning() && provider.inEmailDomain(email)) {
			var name = person.getFullName() == null || person.getFullName().isBlank() ? email : person.getFullName();
			var account = users.create(provider.organisationId(), email, name, null, Set.of(Role.VIEWER));
			providers.link(provider.id(), subject, account.id());
			audit.record(AuditEvent.by(account.principal(), "identity.user.provisioned", "user", account.id(),
					Map.of("provider", provider.registrationId(), "roles", Role.VIEWER.name())));
			return succeed(provider, person, account, "provisioned");
		}
		return refuse(provider, person, provider.jitProvisioning() ? "email-outside-domain" : "no-account");
	}

	private Optional<KakehashiUser> succeed(OidcProvider provider, OidcUser person, UserAccount account, String matchedBy) {
		users.recordSuccess(account.id());
		var details = details(provider, person);
		details.put("matchedBy", matchedBy);
		var principal = account.principal();
		audit.record(AuditEvent.by(principal, "identity.sign-in.succeeded", "user", account.id(), details));
		return Optional.of(principal);
	}

	private Optional<KakehashiUser> refuse(OidcProvider provider, OidcUser person, String reason) {
		var details = details(provider, person);
		details.put("reason", reason);
		audit.record(new AuditEvent("identity.sign-in.failed", null,
				person.getEmail() != null ? person.getEmail() : "subject " + person.getSubject(), provider.organisationId(),
				"oidc-provider", provider.id().toString(), details));
		return Optional.empty();
	}

	/** What the provider told us about the sign-in; never tokens. */
	private static Map<String, String> details(OidcProvider provider, OidcUser person) {
		var details = new LinkedHashMap<String, String>();
		details.put("method", "oidc");
		details.put("provider", provider.registrationId());
		details.put("issuer", provider.issuerUri());
		details.put("subject", person.getSubject());
		var amr = person.getIdToken().getAuthenticationMethods();
		if (amr != null && !amr.isEmpty()) {
			details.put("amr", String.join(" ", amr));
		}
		var acr = person.getIdToken().getAuthenticationContextClass();
		if (acr != null) {
			details.put("acr", acr);
		}
		return details;
	}
}
