package org.kakehashi.identity.web;

import org.kakehashi.platform.web.PageJson;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;
import org.kakehashi.identity.KakehashiUser;
import org.kakehashi.identity.OrganisationType;
import org.kakehashi.identity.internal.Organisation;
import org.kakehashi.identity.internal.OrganisationAdministration;
import org.kakehashi.identity.internal.Organisations;
import org.kakehashi.platform.IdempotentRequests;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * Organisations over the API. Platform administrators see and create all of them; everyone else sees
 * their own organisation only, and anything else answers 404 as if it did not exist.
 */
@RestController
@Tag(name = "Identity")
class OrganisationApi {

	/** Letters, marks, numbers, punctuation, symbols and spaces: no control or format characters. */
	static final String PRINTABLE = "^[^\\p{Cc}\\p{Cf}\\p{Zl}\\p{Zp}]*$";

	record OrganisationJson(UUID id, String name, @Nullable String nameEn, OrganisationType type,
			Organisation.@Nullable SizeClass sizeClass, @Nullable String prefecture, boolean requireMfa,
			List<String> sectors, Instant createdAt) {

		static OrganisationJson of(Organisation o) {
			return new OrganisationJson(o.id(), o.name(), o.nameEn(), o.type(), o.sizeClass(), o.prefecture(),
					o.requireMfa(), o.sectorCodes(), o.createdAt());
		}
	}

	record NewOrganisationJson(
			@NotBlank @Size(max = 200) @Pattern(regexp = PRINTABLE, message = "must not contain control characters") String name,
			@Size(max = 200) @Pattern(regexp = PRINTABLE, message = "must not contain control characters") @Nullable String nameEn,
			@NotNull OrganisationType type, Organisation.@Nullable SizeClass sizeClass,
			@Size(max = 20) @Pattern(regexp = PRINTABLE, message = "must not contain control characters") @Nullable String prefecture,
			@Nullable Boolean requireMfa, @Size(max = 30) @Nullable List<@NotBlank String> sectors) {
	}

	private final Organisations organisations;
	private final OrganisationAdministration administration;
	private final IdempotentRequests idempotent;

	OrganisationApi(Organisations organisations, OrganisationAdministration administration, IdempotentRequests idempotent) {
		this.organisations = organisations;
		this.administration = administration;
		this.idempotent = idempotent;
	}

	@GetMapping("/api/v1/organisations")
	@PreAuthorize("hasAuthority('SCOPE_identity:read')")
	@Operation(summary = "Organisations you may see, by name (scope identity:read)")
	PageJson<OrganisationJson> list(@AuthenticationPrincipal KakehashiUser user, @RequestParam(required = false) @Nullable String q,
			@RequestParam(required = false) @Nullable OrganisationType type,
			@RequestParam(required = false) @Nullable String sector, @RequestParam(defaultValue = "0") int page,
			@RequestParam(defaultValue = "50") int size) {
		// Everyone but platform administrators sees exactly one organisation: their own.
		var scope = user.platformAdmin() ? null : user.organisationId();
		return PageJson.of(organisations.search(scope, q, type, sector, PageJson.page(page), PageJson.size(size)),
				OrganisationJson::of);
	}

	@GetMapping("/api/v1/organisations/{organisationId}")
	@PreAuthorize("hasAuthority('SCOPE_identity:read')")
	@Operation(summary = "One organisation; 404 when it does not exist or you may not see it (scope identity:read)")
	OrganisationJson one(@AuthenticationPrincipal KakehashiUser user, @PathVariable UUID organisationId) {
		return visible(user, organisationId).map(OrganisationJson::of)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No such organisation."));
	}

	@PostMapping("/api/v1/organisations")
	@PreAuthorize("hasRole('PLATFORM_ADMIN') and hasAuthority('SCOPE_identity:write')")
	@Operation(summary = "Create an organisation (platform administrators, scope identity:write; honours Idempotency-Key)")
	ResponseEntity<OrganisationJson> create(@AuthenticationPrincipal KakehashiUser user,
			@RequestHeader(name = IdempotentRequests.HEADER, required = false) @Nullable String key,
			@Valid @RequestBody NewOrganisationJson request) {
		var outcome = idempotent.once(user.id(), "POST /api/v1/organisations", key, request, OrganisationJson.class,
				() -> OrganisationJson.of(create(user, request)));
		return ResponseEntity.created(URI.create("/api/v1/organisations/" + outcome.body().id()))
			.header("Idempotent-Replayed", String.valueOf(outcome.replayed()))
			.body(outcome.body());
	}

	private Organisation create(KakehashiUser user, NewOrganisationJson request) {
		var codes = request.sectors() == null ? List.<String>of() : request.sectors().stream().map(String::strip).distinct().toList();
		return administration.create(user, new Organisations.Draft(request.name().strip(), blankToNull(request.nameEn()),
				request.type(), request.sizeClass(), blankToNull(request.prefecture()), Boolean.TRUE.equals(request.requireMfa()),
				codes));
	}

	private Optional<Organisation> visible(KakehashiUser user, UUID organisationId) {
		return organisations.byIdWithin(organisationId, user.platformAdmin() ? null : user.organisationId());
	}

	private static @Nullable String blankToNull(@Nullable String value) {
		return value == null || value.isBlank() ? null : value.strip();
	}
}
