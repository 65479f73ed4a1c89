package org.kakehashi.identity.web;

import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.kakehashi.identity.ApiScope;
import org.kakehashi.identity.KakehashiUser;
import org.kakehashi.identity.OrganisationType;
import org.kakehashi.identity.Role;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Identity")
class MeApi {

	record MeJson(UUID id, String email, String displayName, UUID organisationId, OrganisationType organisationType,
			Set<Role> roles, Set<String> scopes) {
	}

	@GetMapping("/api/v1/me")
	@Operation(summary = "Who this token speaks for: the user, their roles and the token's scopes")
	MeJson me(Authentication authentication) {
		var user = (KakehashiUser) authentication.getPrincipal();
		var scopes = authentication.getAuthorities().stream()
			.map(a -> a.getAuthority())
			.filter(a -> a.startsWith("SCOPE_"))
			.map(a -> a.substring("SCOPE_".length()))
			.filter(s -> ApiScope.of(s).isPresent())
			.collect(Collectors.toCollection(java.util.TreeSet::new));
		return new MeJson(user.id(), user.email(), user.displayName(), user.organisationId(), user.organisationType(),
				user.roles(), scopes);
	}
}
