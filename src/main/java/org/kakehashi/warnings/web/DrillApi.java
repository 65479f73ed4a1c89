package org.kakehashi.warnings.web;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;
import org.kakehashi.identity.KakehashiUser;
import org.kakehashi.warnings.drills.Drill;
import org.kakehashi.warnings.drills.DrillHop;
import org.kakehashi.warnings.drills.DrillStatus;
import org.kakehashi.warnings.drills.Drills;
import org.kakehashi.warnings.internal.WarningViewer;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Reachability drills over REST: the centre starts and closes them; organisations reached confirm and (ministries,
 * CEPTOARs) forward; the report shows the centre every hop and everyone else their own. A drill that never reached
 * the caller answers 404.
 */
@RestController
@Tag(name = "Drills")
class DrillApi {

	static final String READ = "hasAuthority('SCOPE_warnings:read')";
	static final String WRITE = "hasAuthority('SCOPE_warnings:write')";

	private final Drills drills;

	DrillApi(Drills drills) {
		this.drills = drills;
	}

	record StartInput(@Nullable String title, @Nullable String messageJa, @Nullable String messageEn,
			@Nullable List<UUID> ministryIds, @Nullable Integer deadlineHours) {
	}

	record DrillJson(UUID id, String number, String title, String messageJa, String messageEn, DrillStatus status,
			@Nullable Instant startedAt, @Nullable Instant closedAt, Instant deadline) {

		static DrillJson of(Drill d) {
			return new DrillJson(d.id(), d.number(), d.title(), d.messageJa(), d.messageEn(), d.status(), d.startedAt(),
					d.closedAt(), d.deadline());
		}
	}

	record HopJson(UUID organisationId, String organisation, String organisationType, UUID fromOrganisationId,
			String fromOrganisation, int level, List<String> path, Instant sentAt, @Nullable Instant confirmedAt,
			@Nullable String confirmedBy, @Nullable Instant forwardedAt, @Nullable Integer forwardedCount,
			@Nullable Long secondsToConfirm, @Nullable Long secondsToForward, boolean late) {

		static HopJson of(DrillHop h) {
			return new HopJson(h.toOrganisationId(), h.toName(), h.toType(), h.fromOrganisationId(), h.fromName(),
					h.level(), h.path(), h.sentAt(), h.confirmedAt(), h.confirmedBy(), h.forwardedAt(), h.forwardedCount(),
					h.toConfirm() == null ? null : h.toConfirm().toSeconds(),
					h.toForward() == null ? null : h.toForward().toSeconds(), h.late());
		}
	}

	record SummaryJson(int reached, int confirmed, int unconfirmed, int late, int forwarded, int confirmedPercent,
			List<Drills.LevelFigures> levels, @Nullable Long medianSecondsToConfirm, @Nullable Long slowestSecondsToConfirm,
			@Nullable Long medianSecondsToForward, @Nullable Long lastConfirmationAfterSeconds) {

		static SummaryJson of(Drills.Summary s) {
			return new SummaryJson(s.reached(), s.confirmed(), s.unconfirmed(), s.late(), s.forwarded(),
					s.confirmedPercent(), s.levels(), seconds(s.medianToConfirm()), seconds(s.slowestToConfirm()),
					seconds(s.medianToForward()), seconds(s.lastConfirmationAfter()));
		}
	}

	record ReportJson(DrillJson drill, String sender, boolean full, List<HopJson> hops, SummaryJson summary) {
	}

	@GetMapping("/api/v1/drills")
	@PreAuthorize(READ)
	@Operation(summary = "Drills your organisation started or was reached by, newest first (scope warnings:read)")
	List<DrillJson> mine(@AuthenticationPrincipal KakehashiUser user) {
		return drills.mine(WarningViewer.of(user)).stream().map(DrillJson::of).toList();
	}

	@PostMapping("/api/v1/drills")
	@PreAuthorize(WRITE)
	@Operation(summary = "Start a drill to the ministries given, or all (the national centre's analysts and "
			+ "coordinators, scope warnings:write)")
	ResponseEntity<DrillJson> start(@AuthenticationPrincipal KakehashiUser user, @RequestBody StartInput input) {
		var drill = drills.start(WarningViewer.of(user), new Drills.Start(input.title() == null ? "" : input.title(),
				input.messageJa() == null ? "" : input.messageJa(), input.messageEn() == null ? "" : input.messageEn(),
				input.ministryIds() == null ? List.of() : input.ministryIds(), input.deadlineHours()));
		return ResponseEntity.created(URI.create("/api/v1/drills/" + drill.id())).body(DrillJson.of(drill));
	}

	@GetMapping("/api/v1/drills/{id}")
	@PreAuthorize(READ)
	@Operation(summary = "The drill report: every hop for the centre, your own hops otherwise (scope warnings:read)")
	ReportJson report(@AuthenticationPrincipal KakehashiUser user, @PathVariable UUID id) {
		var english = "en".equals(LocaleContextHolder.getLocale().getLanguage());
		var report = drills.report(WarningViewer.of(user), id, english).orElseThrow(Drills.DrillNotFound::new);
		return new ReportJson(DrillJson.of(report.drill()), report.senderName(), report.full(),
				report.hops().stream().map(HopJson::of).toList(),
				SummaryJson.of(report.summary()));
	}

	@PostMapping("/api/v1/drills/{id}/confirmation")
	@PreAuthorize(WRITE)
	@Operation(summary = "Confirm your organisation received the drill (scope warnings:write)")
	HopJson confirm(@AuthenticationPrincipal KakehashiUser user, @PathVariable UUID id) {
		var hop = drills.confirm(WarningViewer.of(user), id);
		return HopJson.of(hop);
	}

	@PostMapping("/api/v1/drills/{id}/forwarding")
	@PreAuthorize(WRITE)
	@Operation(summary = "Pass the drill to the next level: a ministry to its CEPTOARs, a CEPTOAR to its member "
			+ "operators (analysts, coordinators, administrators; scope warnings:write)")
	HopJson forward(@AuthenticationPrincipal KakehashiUser user, @PathVariable UUID id) {
		var hop = drills.forward(WarningViewer.of(user), id);
		return HopJson.of(hop);
	}

	@PostMapping("/api/v1/drills/{id}/close")
	@PreAuthorize(WRITE)
	@Operation(summary = "Close the drill (the centre's staff, scope warnings:write)")
	DrillJson close(@AuthenticationPrincipal KakehashiUser user, @PathVariable UUID id) {
		return DrillJson.of(drills.close(WarningViewer.of(user), id));
	}

	private static @Nullable Long seconds(java.time.@Nullable Duration duration) {
		return duration == null ? null : duration.toSeconds();
	}
}
