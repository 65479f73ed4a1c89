package org.kakehashi.reporting.clocks.web;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;
import org.kakehashi.identity.KakehashiUser;
import org.kakehashi.reporting.clocks.ClockState;
import org.kakehashi.reporting.clocks.RegulatoryClock;
import org.kakehashi.reporting.clocks.ReportClocks;
import org.kakehashi.reporting.internal.ReportNotFound;
import org.kakehashi.reporting.internal.Viewers;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** A report's regulatory clocks over the API, for whoever may see the report. */
@RestController
@Tag(name = "Reporting")
class ClockApi {

	record ClockJson(String regime, String regimeNameJa, String regimeNameEn, LocalDate regimeVersion, String milestone,
			String milestoneNameJa, String milestoneNameEn, Instant anchorAt, Instant due, boolean soft, ClockState state,
			@Nullable Instant metAt, @Nullable Integer metVersion, boolean metLate) {

		static ClockJson of(RegulatoryClock c) {
			return new ClockJson(c.regimeCode(), c.regimeNameJa(), c.regimeNameEn(), c.regimeVersion(), c.milestone(),
					c.milestoneNameJa(), c.milestoneNameEn(), c.anchorAt(), c.due(), c.soft(), c.state(), c.metAt(),
					c.metVersion(), c.metLate());
		}
	}

	private final ReportClocks clocks;
	private final Viewers viewers;

	ClockApi(ReportClocks clocks, Viewers viewers) {
		this.clocks = clocks;
		this.viewers = viewers;
	}

	@GetMapping("/api/v1/reports/{id}/clocks")
	@PreAuthorize("hasAuthority('SCOPE_reports:read')")
	@Operation(summary = "A report's regulatory clocks as of now; 404 when you may not see the report (scope reports:read)")
	List<ClockJson> clocks(@AuthenticationPrincipal KakehashiUser user, @PathVariable UUID id) {
		try {
			return clocks.forReport(viewers.of(user), id).stream().map(ClockJson::of).toList();
		} catch (ReportNotFound e) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND, e.getMessage());
		}
	}
}
