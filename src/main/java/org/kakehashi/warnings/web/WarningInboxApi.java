package org.kakehashi.warnings.web;

import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;
import org.kakehashi.identity.KakehashiUser;
import org.kakehashi.platform.web.PageJson;
import org.kakehashi.warnings.internal.Urgency;
import org.kakehashi.warnings.internal.WarningLists;
import org.kakehashi.warnings.internal.WarningViewer;
import org.kakehashi.warnings.internal.Warnings;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The recipient's side: warnings their organisation received, acknowledgement and the action taken. */
@RestController
@Tag(name = "Warnings")
class WarningInboxApi {

	private final Warnings warnings;
	private final WarningLists lists;

	WarningInboxApi(Warnings warnings, WarningLists lists) {
		this.warnings = warnings;
		this.lists = lists;
	}

	@GetMapping("/api/v1/warning-inbox")
	@PreAuthorize("hasAuthority('SCOPE_warnings:read')")
	@Operation(summary = "Warnings your organisation received, newest first; filter by text, urgency, unread (by you) "
			+ "and acknowledged (by your organisation) (scope warnings:read)")
	PageJson<WarningLists.InboxLine> inbox(@AuthenticationPrincipal KakehashiUser user,
			@RequestParam(required = false) @Nullable String q, @RequestParam(required = false) @Nullable String urgency,
			@RequestParam(required = false) @Nullable Boolean unread,
			@RequestParam(required = false) @Nullable Boolean acknowledged, @RequestParam(defaultValue = "0") int page,
			@RequestParam(defaultValue = "50") int size) {
		var level = urgency == null || urgency.isBlank() ? null : WarningJson.parse(Urgency.class, urgency, "urgency");
		return PageJson.of(lists.inbox(WarningViewer.of(user), new WarningLists.InboxQuery(q, level, acknowledged, unread,
				PageJson.page(page), PageJson.size(size))), line -> line);
	}

	@PostMapping("/api/v1/warnings/{id}/acknowledgement")
	@PreAuthorize("hasAuthority('SCOPE_warnings:write')")
	@Operation(summary = "Acknowledge a warning your organisation received, with an optional comment (any member, "
			+ "scope warnings:write)")
	WarningJson.Own acknowledge(@AuthenticationPrincipal KakehashiUser user, @PathVariable UUID id,
			@RequestBody(required = false) WarningJson.@Nullable Acknowledgement body) {
		return WarningJson.Own.of(warnings.acknowledge(WarningViewer.of(user), id, body == null ? null : body.comment()));
	}

	@PostMapping("/api/v1/warnings/{id}/action")
	@PreAuthorize("hasAuthority('SCOPE_warnings:write')")
	@Operation(summary = "Report what your organisation did: NOT_AFFECTED, MITIGATED, IN_PROGRESS or CANNOT_MITIGATE "
			+ "with a note (any member, scope warnings:write)")
	WarningJson.Own action(@AuthenticationPrincipal KakehashiUser user, @PathVariable UUID id,
			@RequestBody WarningJson.Action body) {
		return WarningJson.Own.of(warnings.reportAction(WarningViewer.of(user), id, body.parsed(), body.note()));
	}
}
