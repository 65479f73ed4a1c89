package org.kakehashi.identity.web;

import java.net.URI;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;
import org.kakehashi.identity.KakehashiUser;
import org.kakehashi.identity.Role;
import org.kakehashi.identity.internal.Invitations;
import org.kakehashi.platform.IdempotentRequests;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Identity")
class InvitationApi {

	record NewInvitationJson(@NotNull UUID organisationId, @NotBlank @Email @Size(max = 254) String email,
			@NotBlank @Size(max = 100) @Pattern(regexp = OrganisationApi.PRINTABLE, message = "must not contain control characters") String displayName,
			@NotEmpty Set<Role> roles) {
	}

	record InvitationJson(UUID id, UUID organisationId, String email, String displayName, Set<Role> roles,
			Instant createdAt, Instant expiresAt) {

		static InvitationJson of(Invitations.Invitation i) {
			return new InvitationJson(i.id(), i.organisationId(), i.email(), i.displayName(), i.roles(), i.createdAt(),
					i.expiresAt());
		}
	}

	private final Invitations invitations;
	private final IdempotentRequests idempotent;

	InvitationApi(Invitations invitations, IdempotentRequests idempotent) {
		this.invitations = invitations;
		this.idempotent = idempotent;
	}

	@PostMapping("/api/v1/invitations")
	@PreAuthorize("hasAnyRole('PLATFORM_ADMIN','ORG_ADMIN') and hasAuthority('SCOPE_identity:write')")
	@Operation(summary = "Invite someone by e-mail (organisation administrators for their own organisation, platform "
			+ "administrators for any; scope identity:write; honours Idempotency-Key)")
	ResponseEntity<InvitationJson> invite(@AuthenticationPrincipal KakehashiUser user,
			@RequestHeader(name = IdempotentRequests.HEADER, required = false) @Nullable String key,
			@Valid @RequestBody NewInvitationJson request) {
		var outcome = idempotent.once(user.id(), "POST /api/v1/invitations", key, request, InvitationJson.class,
				() -> InvitationJson.of(invitations.invite(user, request.organisationId(), request.email().strip(),
						request.displayName().strip(), request.roles())));
		return ResponseEntity.created(URI.create("/api/v1/invitations/" + outcome.body().id()))
			.header("Idempotent-Replayed", String.valueOf(outcome.replayed()))
			.body(outcome.body());
	}
}
