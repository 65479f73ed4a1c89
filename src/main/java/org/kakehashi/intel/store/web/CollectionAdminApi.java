package org.kakehashi.intel.store.web;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;
import org.kakehashi.identity.KakehashiUser;
import org.kakehashi.identity.Role;
import org.kakehashi.intel.store.CollectionAdministration;
import org.kakehashi.intel.store.Collections;
import org.kakehashi.intel.store.Grant;
import org.kakehashi.intel.store.IntelCollection;
import org.kakehashi.platform.InvalidInput;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * TAXII collections for platform administrators: create them, list them, and set who may read and write each
 * (organisations, groups, roles; or everyone signed in / the national centre for reading). The same rules and audit
 * entries apply in the browser ({@link CollectionAdminController}).
 */
@RestController
@Tag(name = "Threat intelligence")
class CollectionAdminApi {

	record GrantJson(@Nullable UUID organisationId, @Nullable UUID groupId, @Nullable String role, @Nullable Boolean read,
			@Nullable Boolean write) {

		static GrantJson of(Grant grant) {
			return new GrantJson(grant.organisationId(), grant.groupId(), grant.role() == null ? null : grant.role().name(),
					grant.canRead(), grant.canWrite());
		}
	}

	record AccessJson(@Nullable Boolean readableByAll, @Nullable Boolean readableByCentre, @Nullable List<GrantJson> grants) {
	}

	record NewCollectionJson(@Nullable String title, @Nullable String description, @Nullable String alias,
			@Nullable Boolean readableByAll, @Nullable Boolean readableByCentre, @Nullable List<GrantJson> grants) {
	}

	record CollectionJson(UUID id, String title, @Nullable String description, @Nullable String alias,
			List<String> mediaTypes, boolean readableByAll, boolean readableByCentre, List<GrantJson> grants,
			Instant createdAt, String taxiiPath) {
	}

	private final Collections collections;
	private final CollectionAdministration administration;

	CollectionAdminApi(Collections collections, CollectionAdministration administration) {
		this.collections = collections;
		this.administration = administration;
	}

	@GetMapping("/api/v1/intel/collections")
	@PreAuthorize("hasRole('PLATFORM_ADMIN') and hasAuthority('SCOPE_intel:read')")
	@Operation(summary = "Every TAXII collection with its grants (platform administrators, scope intel:read)")
	List<CollectionJson> list() {
		return collections.all().stream().map(this::json).toList();
	}

	@GetMapping("/api/v1/intel/collections/{id}")
	@PreAuthorize("hasRole('PLATFORM_ADMIN') and hasAuthority('SCOPE_intel:read')")
	@Operation(summary = "One TAXII collection with its grants (platform administrators, scope intel:read)")
	CollectionJson get(@PathVariable UUID id) {
		return json(collections.byId(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND)));
	}

	@PostMapping("/api/v1/intel/collections")
	@PreAuthorize("hasRole('PLATFORM_ADMIN') and hasAuthority('SCOPE_intel:write')")
	@Operation(summary = "Create a TAXII collection: title, description, alias, who may read without a grant, and grants "
			+ "of read/write to organisations, groups or roles (platform administrators, scope intel:write)")
	ResponseEntity<CollectionJson> create(@AuthenticationPrincipal KakehashiUser admin, @RequestBody NewCollectionJson input) {
		var created = administration.create(admin, input.title() == null ? "" : input.title(), input.description(),
				input.alias(), access(input.readableByAll(), input.readableByCentre(), input.grants()));
		return ResponseEntity.created(URI.create("/api/v1/intel/collections/" + created.id())).body(json(created));
	}

	@PutMapping("/api/v1/intel/collections/{id}/access")
	@PreAuthorize("hasRole('PLATFORM_ADMIN') and hasAuthority('SCOPE_intel:write')")
	@Operation(summary = "Replace who may read and write a collection (platform administrators, scope intel:write)")
	CollectionJson setAccess(@AuthenticationPrincipal KakehashiUser admin, @PathVariable UUID id, @RequestBody AccessJson input) {
		if (!administration.setAccess(admin, id, access(input.readableByAll(), input.readableByCentre(), input.grants()))) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND);
		}
		return get(id);
	}

	private static CollectionAdministration.Access access(@Nullable Boolean all, @Nullable Boolean centre,
			@Nullable List<GrantJson> grants) {
		var list = grants == null ? List.<GrantJson>of() : grants;
		if (list.size() > CollectionAdministration.MAX_GRANTS) {
			throw new InvalidInput("grants", "intel.collection.too-many-grants", "At most " + CollectionAdministration.MAX_GRANTS + " grants.");
		}
		var converted = new java.util.ArrayList<Grant>();
		for (int i = 0; i < list.size(); i++) {
			var grant = list.get(i);
			if (grant == null) {
				throw new InvalidInput("grants[" + i + "]", "intel.collection.grantee", "A grant must be an object.");
			}
			converted.add(new Grant(grant.organisationId(), grant.groupId(), role(grant.role(), i),
					Boolean.TRUE.equals(grant.read()), Boolean.TRUE.equals(grant.write())));
		}
		return new CollectionAdministration.Access(Boolean.TRUE.equals(all), Boolean.TRUE.equals(centre), converted);
	}

	private static @Nullable Role role(@Nullable String role, int index) {
		if (role == null) {
			return null;
		}
		try {
			return Role.valueOf(role.toUpperCase(Locale.ROOT));
		} catch (IllegalArgumentException e) {
			throw new InvalidInput("grants[" + index + "].role", "intel.collection.unknown-role",
					"Unknown role; use one of PLATFORM_ADMIN, ORG_ADMIN, ANALYST, COORDINATOR, REPORTER, VIEWER.");
		}
	}

	private CollectionJson json(IntelCollection c) {
		return new CollectionJson(c.id(), c.title(), c.description(), c.alias(), c.mediaTypes(), c.readableByAll(),
				c.readableByCentre(), collections.grants(c.id()).stream().map(GrantJson::of).toList(), c.createdAt(),
				"/taxii2/intel/collections/" + c.id() + "/");
	}
}
