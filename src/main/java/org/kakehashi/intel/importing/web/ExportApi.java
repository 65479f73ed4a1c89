package org.kakehashi.intel.importing.web;

import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletResponse;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;
import org.kakehashi.identity.ApiScope;
import org.kakehashi.identity.KakehashiUser;
import org.kakehashi.intel.importing.BundleExport;
import org.kakehashi.intel.importing.Imports;
import org.kakehashi.intel.store.Collections;
import org.kakehashi.intel.store.StixTime;
import org.kakehashi.platform.InvalidInput;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** STIX 2.1 bundles out: a whole collection (streamed) or one report's observables. */
@RestController
@Tag(name = "Threat intelligence")
class ExportApi {

	static final String STIX = "application/stix+json;version=2.1";
	private static final Pattern TYPE = Pattern.compile("[a-z0-9][a-z0-9-]{1,248}[a-z0-9]");

	private final BundleExport export;
	private final Collections collections;
	private final Imports imports;

	ExportApi(BundleExport export, Collections collections, Imports imports) {
		this.export = export;
		this.collections = collections;
		this.imports = imports;
	}

	@GetMapping("/api/v1/intel/collections/{id}/bundle")
	@PreAuthorize("hasAuthority('SCOPE_intel:read')")
	@Operation(summary = "A collection's objects (latest version of each) as one STIX 2.1 bundle, streamed in date_added "
			+ "order; filters: type (repeatable), added_after. 404 for a collection you cannot see, 403 for one you may "
			+ "only write (scope intel:read)")
	void collection(@AuthenticationPrincipal KakehashiUser user, Authentication authentication,
			@PathVariable String id, @RequestParam(name = "type", required = false) @Nullable List<String> types,
			@RequestParam(name = "added_after", required = false) @Nullable String addedAfter, HttpServletResponse response)
			throws IOException {
		var typeSet = types(types);
		var after = addedAfter == null ? null : StixTime.parse(addedAfter.strip())
			.orElseThrow(() -> new InvalidInput("added_after", "intel.export.added-after",
					"added_after is a timestamp such as 2026-01-31T12:00:00.000Z."));
		var reader = imports.reader(user, true, ImportApi.has(authentication, ApiScope.INTEL_WRITE));
		var access = collections.find(reader, id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
		if (!access.canRead()) {
			throw new ResponseStatusException(HttpStatus.FORBIDDEN);
		}
		// Written page by page on the request's own thread (an async dispatch would lose the API's security context).
		response.setHeader(HttpHeaders.CONTENT_TYPE, STIX);
		response.setHeader(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"collection-" + access.collection().id() + ".json\"");
		export.collection(user, access, typeSet, after, response.getOutputStream());
	}

	@GetMapping("/api/v1/intel/reports/{reportId}/bundle")
	@PreAuthorize("hasAuthority('SCOPE_reports:read')")
	@Operation(summary = "A report's observables as a STIX 2.1 bundle: an SCO and an indicator for each, and a grouping "
			+ "named after the report. 404 for a report you may not see (scope reports:read)")
	ResponseEntity<String> report(@AuthenticationPrincipal KakehashiUser user, @PathVariable UUID reportId) {
		var bundle = export.report(user, reportId).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
		return ResponseEntity.ok()
			.header(HttpHeaders.CONTENT_TYPE, STIX)
			.header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"report-" + reportId + ".json\"")
			.body(bundle);
	}

	private static Set<String> types(@Nullable List<String> types) {
		var set = new LinkedHashSet<String>();
		if (types != null) {
			if (types.size() > 50) {
				throw new InvalidInput("type", "intel.export.type", "At most 50 types.");
			}
			for (var type : types) {
				for (var part : type.split(",")) {
					var clean = part.strip();
					if (!TYPE.matcher(clean).matches()) {
						throw new InvalidInput("type", "intel.export.type", "A STIX type such as indicator or ipv4-addr.");
					}
					set.add(clean);
				}
			}
		}
		return set;
	}
}
