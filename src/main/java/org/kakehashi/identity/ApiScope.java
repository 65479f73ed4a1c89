package org.kakehashi.identity;

import java.util.Arrays;
import java.util.Optional;
import java.util.Set;

/**
 * What an API token may be used for: one read and/or write scope per module ({@code module:read},
 * {@code module:write}). A module that opens API endpoints adds its scopes here. A scope never widens a
 * user's roles: each names the roles that may hold it, and endpoints check the role as well as the scope.
 */
public enum ApiScope {

	IDENTITY_READ("identity:read", Set.of()),
	IDENTITY_WRITE("identity:write", Set.of(Role.PLATFORM_ADMIN, Role.ORG_ADMIN)),
	AUDIT_READ("audit:read", Set.of(Role.PLATFORM_ADMIN)),
	REPORTS_READ("reports:read", Set.of()),
	REPORTS_WRITE("reports:write", Set.of(Role.REPORTER, Role.ANALYST, Role.COORDINATOR)),
	INTEL_READ("intel:read", Set.of()),
	INTEL_WRITE("intel:write", Set.of(Role.ANALYST, Role.COORDINATOR, Role.PLATFORM_ADMIN)),
	SHARING_READ("sharing:read", Set.of()),
	/** Hub staff write items, sources approve them, recipients comment back: the endpoints check which. */
	SHARING_WRITE("sharing:write", Set.of()),
	WARNINGS_READ("warnings:read", Set.of()),
	/** Senders compose and publish, recipients acknowledge and report action: the endpoints check which. */
	WARNINGS_WRITE("warnings:write", Set.of()),
	VULNS_READ("vulns:read", Set.of()),
	/** Anyone may report a vulnerability; only coordinators move cases: the endpoints check which. */
	VULNS_WRITE("vulns:write", Set.of());

	private final String value;
	private final Set<Role> requiredRoles;

	ApiScope(String value, Set<Role> requiredRoles) {
		this.value = value;
		this.requiredRoles = requiredRoles;
	}

	/** The scope as written in tokens, forms and the API: {@code identity:read}. */
	public String value() {
		return value;
	}

	/** The Spring Security authority a request made with this scope carries: {@code SCOPE_identity:read}. */
	public String authority() {
		return "SCOPE_" + value;
	}

	/** Whether someone with these roles may hold the scope (no role list means everyone may). */
	public boolean allowedFor(Set<Role> roles) {
		return requiredRoles.isEmpty() || requiredRoles.stream().anyMatch(roles::contains);
	}

	public static Optional<ApiScope> of(String value) {
		return Arrays.stream(values()).filter(scope -> scope.value.equals(value)).findFirst();
	}
}
