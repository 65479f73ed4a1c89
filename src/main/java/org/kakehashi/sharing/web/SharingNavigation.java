package org.kakehashi.sharing.web;

import org.jspecify.annotations.Nullable;
import org.kakehashi.identity.KakehashiUser;
import org.kakehashi.identity.OrganisationType;
import org.kakehashi.identity.Role;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** Whether the layout offers "Sharing": to hub staff, who write items, and to those who approve them for a source. */
@ControllerAdvice(annotations = Controller.class)
class SharingNavigation {

	@ModelAttribute("navSharing")
	boolean navSharing(@AuthenticationPrincipal @Nullable Object principal) {
		if (!(principal instanceof KakehashiUser user)) {
			return false;
		}
		var hub = (user.organisationType() == OrganisationType.NATIONAL_CENTRE
				|| user.organisationType() == OrganisationType.INFORMATION_HUB)
				&& (user.has(Role.ANALYST) || user.has(Role.COORDINATOR));
		return hub || user.has(Role.REPORTER) || user.has(Role.ORG_ADMIN);
	}
}
