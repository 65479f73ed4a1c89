package org.kakehashi.vulns.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;
import org.kakehashi.identity.KakehashiUser;
import org.kakehashi.vulns.dashboard.VulnDashboard;
import org.kakehashi.vulns.internal.CaseViewer;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The coordinators' dashboard as JSON: the same figures as the page, for a fiscal year. */
@RestController
@Tag(name = "Vulnerability cases")
class VulnDashboardApi {

	private final VulnDashboard dashboard;

	VulnDashboardApi(VulnDashboard dashboard) {
		this.dashboard = dashboard;
	}

	@GetMapping("/api/v1/vuln-dashboard")
	@PreAuthorize("hasAuthority('SCOPE_vulns:read')")
	@Operation(summary = "Coordinators' dashboard for a Japanese fiscal year (fy=2026; default the current one): open "
			+ "cases by state and age, the oldest ones, per quarter the product advisories published within 45 days of "
			+ "acceptance and the web sites fixed within 90 days of notification, vendor responsiveness, silent and "
			+ "unreachable vendors (coordinators; scope vulns:read)")
	VulnDashboard.Figures figures(@AuthenticationPrincipal KakehashiUser user,
			@RequestParam(required = false) @Nullable String fy) {
		return dashboard.figures(CaseViewer.of(user), fy);
	}
}
