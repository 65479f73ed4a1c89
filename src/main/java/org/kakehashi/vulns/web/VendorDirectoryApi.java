package org.kakehashi.vulns.web;

import java.net.URI;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;
import org.kakehashi.identity.KakehashiUser;
import org.kakehashi.platform.web.PageJson;
import org.kakehashi.vulns.internal.CaseViewer;
import org.kakehashi.vulns.internal.VendorDirectory;
import org.kakehashi.vulns.internal.VendorDirectory.VendorNotFound;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The vendor directory over REST: coordinators keep it; a vendor's own PSIRT staff read their entry and its contacts. */
@RestController
@Tag(name = "Vulnerability coordination")
class VendorDirectoryApi {

	private final VendorDirectory vendors;

	VendorDirectoryApi(VendorDirectory vendors) {
		this.vendors = vendors;
	}

	@GetMapping("/api/v1/vuln-vendors")
	@PreAuthorize("hasAuthority('SCOPE_vulns:read')")
	@Operation(summary = "Search the vendor directory by name, product or contact address (coordinators; scope vulns:read)")
	PageJson<CoordinationJson.VendorListLine> search(@AuthenticationPrincipal KakehashiUser user,
			@RequestParam(required = false) @Nullable String q, @RequestParam(defaultValue = "0") int page,
			@RequestParam(defaultValue = "50") int size) {
		return PageJson.of(vendors.search(CaseViewer.of(user), q, PageJson.page(page), PageJson.size(size)),
				CoordinationJson.VendorListLine::of);
	}

	@PostMapping("/api/v1/vuln-vendors")
	@PreAuthorize("hasAuthority('SCOPE_vulns:write')")
	@Operation(summary = "Add a vendor or site operator with its security contacts (coordinators; scope vulns:write)")
	ResponseEntity<CoordinationJson.Vendor> create(@AuthenticationPrincipal KakehashiUser user,
			@RequestBody CoordinationJson.VendorInput input) {
		var created = vendors.create(CaseViewer.of(user), input.draft());
		return ResponseEntity.created(URI.create("/api/v1/vuln-vendors/" + created.id()))
			.body(CoordinationJson.Vendor.of(created, true));
	}

	@GetMapping("/api/v1/vuln-vendors/{id}")
	@PreAuthorize("hasAuthority('SCOPE_vulns:read')")
	@Operation(summary = "One vendor (coordinators, or the vendor's own staff; scope vulns:read)")
	CoordinationJson.Vendor get(@AuthenticationPrincipal KakehashiUser user, @PathVariable UUID id) {
		var viewer = CaseViewer.of(user);
		return CoordinationJson.Vendor.of(vendors.find(viewer, id).orElseThrow(VendorNotFound::new), viewer.coordinator());
	}

	@PutMapping("/api/v1/vuln-vendors/{id}")
	@PreAuthorize("hasAuthority('SCOPE_vulns:write')")
	@Operation(summary = "Replace a vendor's entry (coordinators; scope vulns:write)")
	CoordinationJson.Vendor update(@AuthenticationPrincipal KakehashiUser user, @PathVariable UUID id,
			@RequestBody CoordinationJson.VendorInput input) {
		return CoordinationJson.Vendor.of(vendors.update(CaseViewer.of(user), id, input.draft()), true);
	}

	@PutMapping("/api/v1/vuln-vendors/{id}/contacts")
	@PreAuthorize("hasAuthority('SCOPE_vulns:write')")
	@Operation(summary = "Replace the vendor's security contacts (the vendor's own staff or coordinators; scope vulns:write)")
	CoordinationJson.Vendor contacts(@AuthenticationPrincipal KakehashiUser user, @PathVariable UUID id,
			@RequestBody CoordinationJson.Contacts input) {
		var viewer = CaseViewer.of(user);
		return CoordinationJson.Vendor.of(vendors.updateContacts(viewer, id, CoordinationJson.contacts(input.contacts())),
				viewer.coordinator());
	}
}
