package org.kakehashi.vulns.certification.web;

import java.net.URI;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;
import org.kakehashi.identity.KakehashiUser;
import org.kakehashi.platform.EnumNames;
import org.kakehashi.platform.IdempotentRequests;
import org.kakehashi.platform.InvalidInput;
import org.kakehashi.platform.web.PageJson;
import org.kakehashi.vulns.certification.CertificationKind;
import org.kakehashi.vulns.certification.CertificationViewer;
import org.kakehashi.vulns.certification.Certifications;
import org.kakehashi.vulns.certification.Certifications.CertificationNotFound;
import org.kakehashi.vulns.certification.StatusFilter;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The certification registry over REST: coordinators register and replace records; anyone signed in lists and reads
 * the public records and those their organisation holds. A record the caller may not see answers 404.
 */
@RestController
@Tag(name = "Certification registry")
class CertificationsApi {

	private final Certifications certifications;
	private final IdempotentRequests idempotent;

	CertificationsApi(Certifications certifications, IdempotentRequests idempotent) {
		this.certifications = certifications;
		this.idempotent = idempotent;
	}

	@GetMapping("/api/v1/certifications")
	@PreAuthorize("hasAuthority('SCOPE_vulns:read')")
	@Operation(summary = "Certifications, newest first (nearest end first with status=EXPIRING): every record for "
			+ "coordinators, the public ones and your organisation's for anyone else; search number, holder, product or "
			+ "system, standard, level and certification body; filter by kind and status (VALID, SUSPENDED, WITHDRAWN, "
			+ "EXPIRED, EXPIRING = ending within 90 days) (scope vulns:read)")
	PageJson<CertificationJson.Entry> list(@AuthenticationPrincipal KakehashiUser user,
			@RequestParam(required = false) @Nullable String q, @RequestParam(required = false) @Nullable String kind,
			@RequestParam(required = false) @Nullable String status, @RequestParam(defaultValue = "0") int page,
			@RequestParam(defaultValue = "50") int size) {
		return PageJson.of(certifications.list(CertificationViewer.of(user), q, kind(kind), status(status),
				PageJson.page(page), PageJson.size(size)), CertificationJson.Entry::of);
	}

	@GetMapping("/api/v1/certifications/{id}")
	@PreAuthorize("hasAuthority('SCOPE_vulns:read')")
	@Operation(summary = "One certification; coordinators also get the reminders sent (scope vulns:read)")
	CertificationJson.Entry get(@AuthenticationPrincipal KakehashiUser user, @PathVariable UUID id) {
		var viewer = CertificationViewer.of(user);
		var found = certifications.find(viewer, id).orElseThrow(CertificationNotFound::new);
		return CertificationJson.Entry.of(found, viewer.coordinator() ? certifications.reminders(viewer, id) : null);
	}

	@PostMapping("/api/v1/certifications")
	@PreAuthorize("hasAuthority('SCOPE_vulns:write')")
	@Operation(summary = "Register a certification (coordinators; 409 when the body already has this certificate "
			+ "number; scope vulns:write; honours Idempotency-Key)")
	ResponseEntity<CertificationJson.Entry> register(@AuthenticationPrincipal KakehashiUser user,
			@RequestHeader(name = IdempotentRequests.HEADER, required = false) @Nullable String key,
			@RequestBody CertificationJson.Input input) {
		var viewer = CertificationViewer.of(user);
		if (input.revision() != null) {
			throw new InvalidInput("revision", "vulns.cert.error.revision-on-create",
					"A new record has no revision to base on.");
		}
		var outcome = idempotent.once(user.id(), "POST /api/v1/certifications", key, input,
				CertificationJson.Entry.class,
				() -> CertificationJson.Entry.of(certifications.register(viewer, input.input())));
		return ResponseEntity.created(URI.create("/api/v1/certifications/" + outcome.body().id()))
			.header("Idempotent-Replayed", String.valueOf(outcome.replayed()))
			.body(outcome.body());
	}

	@PutMapping("/api/v1/certifications/{id}")
	@PreAuthorize("hasAuthority('SCOPE_vulns:write')")
	@Operation(summary = "Replace a certification's fields, e.g. a new end date or status (coordinators; 409 when "
			+ "revision is given and the record changed since; scope vulns:write)")
	CertificationJson.Entry update(@AuthenticationPrincipal KakehashiUser user, @PathVariable UUID id,
			@RequestBody CertificationJson.Input input) {
		var viewer = CertificationViewer.of(user);
		var updated = certifications.update(viewer, id, input.input(), input.revision());
		return CertificationJson.Entry.of(updated, certifications.reminders(viewer, id));
	}

	static @Nullable CertificationKind kind(@Nullable String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		return EnumNames.parse(CertificationKind.class, value).orElseThrow(() -> new InvalidInput("kind",
				"vulns.cert.error.choice", "Unknown kind: " + value));
	}

	static @Nullable StatusFilter status(@Nullable String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		return EnumNames.parse(StatusFilter.class, value).orElseThrow(() -> new InvalidInput("status",
				"vulns.cert.error.choice", "Unknown status: " + value));
	}
}
