package org.kakehashi.reporting.web;

import org.jspecify.annotations.Nullable;
import org.kakehashi.identity.KakehashiUser;
import org.kakehashi.identity.OrganisationType;
import org.kakehashi.identity.Role;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** Whether the layout's navigation offers the triage queue: only the national centre's staff triage. */
@ControllerAdvice(annotations = Controller.class)
class ReportingNavigation {

	@ModelAttribute("navTriage")
	boolean navTriage(@AuthenticationPrincipal @Nullable Object principal) {
		return principal instanceof KakehashiUser user && user.organisationType() == OrganisationType.NATIONAL_CENTRE
				&& (user.has(Role.ANALYST) || user.has(Role.COORDINATOR));
	}
}
