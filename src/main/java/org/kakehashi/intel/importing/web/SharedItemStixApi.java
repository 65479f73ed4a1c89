package org.kakehashi.intel.importing.web;

import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;
import org.kakehashi.identity.KakehashiUser;
import org.kakehashi.intel.importing.SharedItemFeed;
import org.kakehashi.intel.store.Collections;
import org.kakehashi.platform.InvalidInput;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** Shared items as STIX: one item as a bundle for whoever received it, and which collections take published items. */
@RestController
@Tag(name = "Threat intelligence")
class SharedItemStixApi {

	private final SharedItemFeed feed;
	private final Collections collections;

	SharedItemStixApi(SharedItemFeed feed, Collections collections) {
		this.feed = feed;
		this.collections = collections;
	}

	record FeedSetting(@Nullable Boolean enabled) {
	}

	@GetMapping("/api/v1/shared-items/{id}/stix")
	@PreAuthorize("hasAuthority('SCOPE_sharing:read')")
	@Operation(summary = "A published shared item you received as a STIX 2.1 bundle: the hub's identity, a report with "
			+ "the sanitised text, analysis and countermeasures, attacker observables with indicators, all marked with the "
			+ "item's TLP 2.0 marking. 404 for an item you did not receive (scope sharing:read; audited like a read)")
	ResponseEntity<String> bundle(@AuthenticationPrincipal KakehashiUser user, @PathVariable UUID id) {
		var bundle = feed.bundle(user, id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
		return ResponseEntity.ok()
			.header(HttpHeaders.CONTENT_TYPE, ExportApi.STIX)
			.header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"shared-item-" + id + ".json\"")
			.body(bundle);
	}

	@PutMapping("/api/v1/intel/collections/{id}/shared-items")
	@PreAuthorize("hasRole('PLATFORM_ADMIN') and hasAuthority('SCOPE_intel:write')")
	@Operation(summary = "Whether the collection takes published shared items: each goes in when every organisation "
			+ "that may read the collection received it (TLP:CLEAR always, TLP:RED never). Platform admins, scope "
			+ "intel:write")
	ResponseEntity<Void> enable(@AuthenticationPrincipal KakehashiUser user, @PathVariable UUID id,
			@RequestBody FeedSetting setting) {
		if (setting.enabled() == null) {
			throw new InvalidInput("enabled", "intel.shared-feed.enabled", "enabled is true or false.");
		}
		if (collections.byId(id).isEmpty()) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND);
		}
		feed.enable(user, id, setting.enabled());
		return ResponseEntity.noContent().build();
	}
}
