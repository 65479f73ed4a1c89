package org.kakehashi.vulns.web;

import java.net.URI;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;
import org.kakehashi.identity.KakehashiUser;
import org.kakehashi.platform.IdempotentRequests;
import org.kakehashi.platform.InvalidInput;
import org.kakehashi.platform.web.PageJson;
import org.kakehashi.vulns.internal.CaseStatus;
import org.kakehashi.vulns.internal.CaseViewer;
import org.kakehashi.vulns.internal.VulnCase;
import org.kakehashi.vulns.internal.VulnCases;
import org.kakehashi.vulns.internal.VulnCases.CaseNotFound;
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

/**
 * Vulnerability cases over REST: anyone signed in files a report and follows their own; coordinators list, read
 * and move every case. A case the caller may not see answers 404.
 */
@RestController
@Tag(name = "Vulnerability cases")
class VulnCasesApi {

	private final VulnCases cases;
	private final IdempotentRequests idempotent;

	VulnCasesApi(VulnCases cases, IdempotentRequests idempotent) {
		this.cases = cases;
		this.idempotent = idempotent;
	}

	@PostMapping("/api/v1/vuln-cases")
	@PreAuthorize("hasAuthority('SCOPE_vulns:write')")
	@Operation(summary = "Report a vulnerability in a product or a web site; answers the tracking number (scope "
			+ "vulns:write; honours Idempotency-Key)")
	ResponseEntity<VulnCaseJson.Filed> file(@AuthenticationPrincipal KakehashiUser user,
			@RequestHeader(name = IdempotentRequests.HEADER, required = false) @Nullable String key,
			@RequestBody VulnCaseJson.Report report) {
		var viewer = CaseViewer.of(user);
		var outcome = idempotent.once(user.id(), "POST /api/v1/vuln-cases", key, report, VulnCaseJson.Filed.class,
				() -> VulnCaseJson.Filed.of(cases.file(viewer, report.report())));
		return ResponseEntity.created(URI.create("/api/v1/vuln-cases/" + outcome.body().id()))
			.header("Idempotent-Replayed", String.valueOf(outcome.replayed()))
			.body(outcome.body());
	}

	@GetMapping("/api/v1/vuln-cases")
	@PreAuthorize("hasAuthority('SCOPE_vulns:read')")
	@Operation(summary = "Cases, latest change first: every case for coordinators, your own reports for anyone else; "
			+ "filter by status, search number, title, vendor, product or site (scope vulns:read)")
	PageJson<VulnCaseJson.Line> list(@AuthenticationPrincipal KakehashiUser user,
			@RequestParam(required = false) @Nullable String status, @RequestParam(required = false) @Nullable String q,
			@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
		return PageJson.of(cases.list(CaseViewer.of(user), status(status), q, PageJson.page(page), PageJson.size(size)),
				VulnCaseJson.Line::of);
	}

	@GetMapping("/api/v1/vuln-cases/{id}")
	@PreAuthorize("hasAuthority('SCOPE_vulns:read')")
	@Operation(summary = "One case with its history (the finder sees shared reasons only; scope vulns:read)")
	VulnCaseJson.Case get(@AuthenticationPrincipal KakehashiUser user, @PathVariable UUID id) {
		var viewer = CaseViewer.of(user);
		return output(viewer, cases.find(viewer, id).orElseThrow(CaseNotFound::new));
	}

	@PostMapping("/api/v1/vuln-cases/{id}/transitions")
	@PreAuthorize("hasAuthority('SCOPE_vulns:write')")
	@Operation(summary = "Move a case to one of the states its current state allows (coordinators; 409 for a move "
			+ "the scheme does not allow; scope vulns:write)")
	VulnCaseJson.Case transition(@AuthenticationPrincipal KakehashiUser user, @PathVariable UUID id,
			@RequestBody VulnCaseJson.Transition transition) {
		var viewer = CaseViewer.of(user);
		return output(viewer, cases.transition(viewer, id, transition.request()));
	}

	private VulnCaseJson.Case output(CaseViewer viewer, VulnCase found) {
		return VulnCaseJson.Case.of(found, cases.history(viewer, found.id()), viewer);
	}

	private static @Nullable CaseStatus status(@Nullable String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			return CaseStatus.valueOf(value);
		}
		catch (IllegalArgumentException e) {
			throw new InvalidInput("status", "vulns.error.status-unknown", "Unknown status: " + value);
		}
	}
}
