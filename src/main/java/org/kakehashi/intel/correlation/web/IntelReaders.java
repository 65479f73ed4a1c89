package org.kakehashi.intel.correlation.web;

import org.kakehashi.identity.ApiScope;
import org.kakehashi.identity.Directory;
import org.kakehashi.identity.KakehashiUser;
import org.kakehashi.intel.store.IntelReader;
import org.kakehashi.reporting.Viewer;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

/**
 * The collection reader behind a request. An API token reads and writes intelligence only with its intel scopes;
 * a signed-in person on the web reads, and writes when their roles would allow the write scope.
 */
@Component
class IntelReaders {

	private final Directory directory;

	IntelReaders(Directory directory) {
		this.directory = directory;
	}

	IntelReader ofToken(Authentication authentication) {
		var user = (KakehashiUser) authentication.getPrincipal();
		return new IntelReader(user.id(), user.organisationId(), user.organisationType(), user.roles(),
				directory.groupsOf(user.organisationId()), has(authentication, ApiScope.INTEL_READ),
				has(authentication, ApiScope.INTEL_WRITE));
	}

	IntelReader ofSession(KakehashiUser user) {
		return new IntelReader(user.id(), user.organisationId(), user.organisationType(), user.roles(),
				directory.groupsOf(user.organisationId()), true, ApiScope.INTEL_WRITE.allowedFor(user.roles()));
	}

	/** For the report page, which knows the viewer only: reading is all it does. */
	IntelReader ofViewer(Viewer viewer) {
		return new IntelReader(viewer.userId(), viewer.organisationId(), viewer.organisationType(), viewer.roles(),
				directory.groupsOf(viewer.organisationId()), true, false);
	}

	static boolean has(Authentication authentication, ApiScope scope) {
		return authentication.getAuthorities().stream().anyMatch(a -> a.getAuthority().equals(scope.authority()));
	}
}
