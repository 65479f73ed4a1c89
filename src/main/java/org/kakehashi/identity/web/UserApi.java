package org.kakehashi.identity.web;

import org.kakehashi.platform.web.PageJson;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;
import org.kakehashi.identity.KakehashiUser;
import org.kakehashi.identity.Role;
import org.kakehashi.identity.internal.UserAccount;
import org.kakehashi.identity.internal.Users;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Users for administrators: organisation administrators see their own organisation's, platform administrators all. */
@RestController
@Tag(name = "Identity")
class UserApi {

	record UserJson(UUID id, String email, String displayName, UUID organisationId, String organisationName,
			Set<Role> roles, boolean active, boolean secondFactor, Instant createdAt, @Nullable Instant lastSignInAt) {

		static UserJson of(UserAccount u) {
			return new UserJson(u.id(), u.email(), u.displayName(), u.organisationId(), u.organisationName(), u.roles(),
					u.active(), u.hasSecondFactor(), u.createdAt(), u.lastSignInAt());
		}
	}

	private final Users users;

	UserApi(Users users) {
		this.users = users;
	}

	@GetMapping("/api/v1/users")
	@PreAuthorize("hasAnyRole('PLATFORM_ADMIN','ORG_ADMIN') and hasAuthority('SCOPE_identity:read')")
	@Operation(summary = "Users you administer (organisation or platform administrators, scope identity:read)")
	PageJson<UserJson> list(@AuthenticationPrincipal KakehashiUser user,
			@RequestParam(required = false) @Nullable UUID organisationId, @RequestParam(required = false) @Nullable String q,
			@RequestParam(required = false) @Nullable Boolean active, @RequestParam(defaultValue = "0") int page,
			@RequestParam(defaultValue = "50") int size) {
		var scope = user.platformAdmin() ? organisationId : user.organisationId();
		return PageJson.of(users.search(scope, q, active, PageJson.page(page), PageJson.size(size)), UserJson::of);
	}
}
