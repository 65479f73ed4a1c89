package org.kakehashi.intel.importing.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.kakehashi.identity.ApiScope;
import org.kakehashi.identity.KakehashiUser;
import org.kakehashi.intel.importing.Imports;
import org.kakehashi.intel.importing.IntelImport;
import org.kakehashi.platform.InvalidInput;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartHttpServletRequest;
import org.springframework.web.server.ResponseStatusException;

/** Bulk import over the API: upload a STIX bundle or MISP file into a collection, follow it, fetch its error report. */
@RestController
@Tag(name = "Threat intelligence")
class ImportApi {

	private final Imports imports;

	ImportApi(Imports imports) {
		this.imports = imports;
	}

	@PostMapping("/api/v1/intel/imports")
	@PreAuthorize("hasAuthority('SCOPE_intel:write')")
	@Operation(summary = "Import a STIX 2.1 bundle (format=stix, the default) or MISP event JSON (format=misp) into a "
			+ "collection you may write: multipart/form-data with parts file, collection (id or alias) and format. The "
			+ "file is checked whole, then loaded by a background job; 202 with the import (scope intel:write)")
	ResponseEntity<ImportJson> upload(@AuthenticationPrincipal KakehashiUser user, Authentication authentication,
			HttpServletRequest request) {
		var multipart = request instanceof MultipartHttpServletRequest m ? m : null;
		var file = multipart == null ? null : multipart.getFile("file");
		if (file == null) {
			throw new InvalidInput("file", "intel.import.file-part",
					"Send multipart/form-data with the file in a part named \"file\".", HttpStatus.UNSUPPORTED_MEDIA_TYPE);
		}
		var collection = request.getParameter("collection");
		if (collection == null || collection.isBlank()) {
			throw new InvalidInput("collection", "intel.import.collection-required", "Name the collection to import into (id or alias).");
		}
		var format = format(request.getParameter("format"));
		var received = imports.receivingFile();
		try {
			file.transferTo(received.toFile());
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		var created = imports.submit(user, imports.reader(user, has(authentication, ApiScope.INTEL_READ), true), collection,
				format, file.getOriginalFilename() == null ? "upload.json" : file.getOriginalFilename(), received);
		return ResponseEntity.accepted().location(URI.create("/api/v1/intel/imports/" + created.id())).body(ImportJson.of(created));
	}

	@GetMapping("/api/v1/intel/imports")
	@PreAuthorize("hasAnyAuthority('SCOPE_intel:read', 'SCOPE_intel:write')")
	@Operation(summary = "Your imports, newest first (the last " + Imports.LISTED + "; scope intel:read or intel:write)")
	List<ImportJson> list(@AuthenticationPrincipal KakehashiUser user) {
		return imports.of(user).stream().map(ImportJson::of).toList();
	}

	@GetMapping("/api/v1/intel/imports/{id}")
	@PreAuthorize("hasAnyAuthority('SCOPE_intel:read', 'SCOPE_intel:write')")
	@Operation(summary = "One of your imports with its progress; others' imports are 404 (scope intel:read or intel:write)")
	ImportJson get(@AuthenticationPrincipal KakehashiUser user, @PathVariable UUID id) {
		return imports.find(user, id).map(ImportJson::of).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
	}

	@GetMapping("/api/v1/intel/imports/{id}/errors")
	@PreAuthorize("hasAnyAuthority('SCOPE_intel:read', 'SCOPE_intel:write')")
	@Operation(summary = "The error report of one of your imports: position, object id, property and message per line, "
			+ "as format=json (default) or csv (scope intel:read or intel:write)")
	void errors(@AuthenticationPrincipal KakehashiUser user, @PathVariable UUID id,
			@RequestParam(defaultValue = "json") String format, HttpServletResponse response) throws IOException {
		ErrorReports.download(imports, user, id, format, response);
	}

	static IntelImport.Format format(String value) {
		if (value == null || value.isBlank()) {
			return IntelImport.Format.STIX_BUNDLE;
		}
		return switch (value.strip().toLowerCase(Locale.ROOT)) {
			case "stix", "stix-bundle" -> IntelImport.Format.STIX_BUNDLE;
			case "misp" -> IntelImport.Format.MISP;
			default -> throw new InvalidInput("format", "intel.import.format-invalid", "The format is stix or misp.");
		};
	}

	static boolean has(Authentication authentication, ApiScope scope) {
		return authentication.getAuthorities().stream().anyMatch(a -> a.getAuthority().equals(scope.authority()));
	}

}
