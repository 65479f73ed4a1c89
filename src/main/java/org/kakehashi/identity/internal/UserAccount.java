package org.kakehashi.identity.internal;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.kakehashi.identity.KakehashiUser;
import org.kakehashi.identity.OrganisationType;
import org.kakehashi.identity.Role;

/** A user row with what sign-in needs. Never leaves the identity module. */
public record UserAccount(UUID id, UUID organisationId, String organisationName, OrganisationType organisationType,
		boolean organisationRequiresMfa, String email, String displayName, @Nullable String passwordHash,
		boolean active, @Nullable String locale, int failedAttempts, @Nullable Instant lockedUntil,
		@Nullable String totpSecret, @Nullable Instant totpEnabledAt, @Nullable Long totpLastStep, Set<Role> roles,
		Instant createdAt, @Nullable Instant lastSignInAt, long passkeys) {

	public boolean totpEnabled() {
		return totpEnabledAt != null && totpSecret != null;
	}

	public boolean hasSecondFactor() {
		return totpEnabled() || passkeys > 0;
	}

	/** Centre, hub, coordinator and ministry staff and every administrator must use a second factor. */
	public boolean secondFactorRequired() {
		return organisationType.secondFactorMandatory() || organisationRequiresMfa
				|| roles.stream().anyMatch(Role::administrative);
	}

	public boolean lockedAt(Instant now) {
		return lockedUntil != null && lockedUntil.isAfter(now);
	}

	public KakehashiUser principal() {
		return new KakehashiUser(id, organisationId, email, displayName, Set.copyOf(roles), organisationType);
	}
}
