package org.kakehashi.identity.web;

import org.kakehashi.platform.web.PageJson;
import java.time.Instant;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;
import org.kakehashi.audit.AuditLog;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The audit log for platform administrators, newest first. */
@RestController
@Tag(name = "Audit")
class AuditApi {

	record AuditEntryJson(long seq, Instant occurredAt, @Nullable String actor, @Nullable UUID organisationId,
			String action, @Nullable String targetType, @Nullable String targetId, String details,
			@Nullable String ipAddress) {

		static AuditEntryJson of(AuditLog.Entry e) {
			return new AuditEntryJson(e.seq(), e.occurredAt(), e.actorName(), e.organisationId(), e.action(),
					e.targetType(), e.targetId(), e.details(), e.ipAddress());
		}
	}

	private final AuditLog audit;

	AuditApi(AuditLog audit) {
		this.audit = audit;
	}

	@GetMapping("/api/v1/audit")
	@PreAuthorize("hasRole('PLATFORM_ADMIN') and hasAuthority('SCOPE_audit:read')")
	@Operation(summary = "Search the audit log (platform administrators, scope audit:read); action matches by prefix, "
			+ "from/to are ISO-8601 instants")
	PageJson<AuditEntryJson> search(@RequestParam(required = false) @Nullable String actor,
			@RequestParam(required = false) @Nullable UUID organisationId,
			@RequestParam(required = false) @Nullable String action,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) @Nullable Instant from,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) @Nullable Instant to,
			@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
		var found = audit.search(new AuditLog.AuditQuery(actor, organisationId, action, from, to, PageJson.page(page),
				PageJson.size(size)));
		return new PageJson<>(found.entries().stream().map(AuditEntryJson::of).toList(), found.page(), found.size(),
				found.total(), found.pages());
	}
}
