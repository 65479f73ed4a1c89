package org.kakehashi.warnings.web;

import java.net.URI;
import java.time.Clock;
import java.time.LocalDate;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;
import org.kakehashi.identity.KakehashiUser;
import org.kakehashi.platform.KakehashiProperties;
import org.kakehashi.platform.web.PageJson;
import org.kakehashi.warnings.internal.Agreement;
import org.kakehashi.warnings.internal.Agreements;
import org.kakehashi.warnings.internal.WarningViewer;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Prior agreements over REST: sender staff make and end them; the subscriber's members read theirs and its
 * administrators keep their side (contacts, webhook) current. Nobody else learns that an agreement exists.
 */
@RestController
@Tag(name = "Warnings")
class AgreementsApi {

	private final Agreements agreements;
	private final Clock clock;
	private final KakehashiProperties properties;

	AgreementsApi(Agreements agreements, Clock clock, KakehashiProperties properties) {
		this.agreements = agreements;
		this.clock = clock;
		this.properties = properties;
	}

	@GetMapping("/api/v1/warning-agreements")
	@PreAuthorize("hasAuthority('SCOPE_warnings:read')")
	@Operation(summary = "Agreements you are a party to, as sender staff or subscriber (scope warnings:read)")
	PageJson<WarningJson.AgreementOutput> list(@AuthenticationPrincipal KakehashiUser user,
			@RequestParam(required = false) @Nullable String q, @RequestParam(defaultValue = "false") boolean ended,
			@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
		var today = today();
		return PageJson.of(agreements.list(WarningViewer.of(user), q, ended, PageJson.page(page), PageJson.size(size)),
				a -> WarningJson.AgreementOutput.of(a, today));
	}

	@PostMapping("/api/v1/warning-agreements")
	@PreAuthorize("hasAnyRole('ANALYST', 'COORDINATOR') and hasAuthority('SCOPE_warnings:write')")
	@Operation(summary = "Record an agreement with a subscriber organisation (sender staff, scope warnings:write)")
	ResponseEntity<WarningJson.AgreementOutput> create(@AuthenticationPrincipal KakehashiUser user,
			@RequestBody WarningJson.AgreementInput input) {
		var created = agreements.create(WarningViewer.of(user), input.parsed());
		return ResponseEntity.created(URI.create("/api/v1/warning-agreements/" + created.id())).body(out(created));
	}

	@GetMapping("/api/v1/warning-agreements/{id}")
	@PreAuthorize("hasAuthority('SCOPE_warnings:read')")
	@Operation(summary = "One agreement you are a party to (scope warnings:read)")
	WarningJson.AgreementOutput get(@AuthenticationPrincipal KakehashiUser user, @PathVariable UUID id) {
		return out(agreements.find(WarningViewer.of(user), id).orElseThrow(Agreements.AgreementNotFound::new));
	}

	@PutMapping("/api/v1/warning-agreements/{id}")
	@PreAuthorize("hasAnyRole('ANALYST', 'COORDINATOR', 'ORG_ADMIN') and hasAuthority('SCOPE_warnings:write')")
	@Operation(summary = "Change an agreement: sender staff everything, the subscriber's administrators their "
			+ "contacts, language and webhook address (scope warnings:write)")
	WarningJson.AgreementOutput update(@AuthenticationPrincipal KakehashiUser user, @PathVariable UUID id,
			@RequestBody WarningJson.AgreementInput input) {
		return out(agreements.update(WarningViewer.of(user), id, input.parsed()));
	}

	@PostMapping("/api/v1/warning-agreements/{id}/key-rotation")
	@PreAuthorize("hasAnyRole('ANALYST', 'COORDINATOR', 'ORG_ADMIN') and hasAuthority('SCOPE_warnings:write')")
	@Operation(summary = "Issue a new webhook signing key and re-enable a disabled webhook (either party, scope "
			+ "warnings:write)")
	WarningJson.AgreementOutput rotate(@AuthenticationPrincipal KakehashiUser user, @PathVariable UUID id) {
		return out(agreements.rotateSecret(WarningViewer.of(user), id));
	}

	@PostMapping("/api/v1/warning-agreements/{id}/end")
	@PreAuthorize("hasAnyRole('ANALYST', 'COORDINATOR') and hasAuthority('SCOPE_warnings:write')")
	@Operation(summary = "End the agreement today (sender staff, scope warnings:write)")
	WarningJson.AgreementOutput end(@AuthenticationPrincipal KakehashiUser user, @PathVariable UUID id) {
		return out(agreements.end(WarningViewer.of(user), id));
	}

	private WarningJson.AgreementOutput out(Agreement agreement) {
		return WarningJson.AgreementOutput.of(agreement, today());
	}

	private LocalDate today() {
		return LocalDate.now(clock.withZone(properties.timeZone()));
	}
}
