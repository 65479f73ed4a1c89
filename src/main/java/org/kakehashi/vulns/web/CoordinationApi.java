package org.kakehashi.vulns.web;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;
import org.kakehashi.identity.KakehashiUser;
import org.kakehashi.platform.EnumNames;
import org.kakehashi.platform.InvalidInput;
import org.kakehashi.platform.web.PageJson;
import org.kakehashi.vulns.internal.Attachments;
import org.kakehashi.vulns.internal.CaseThread;
import org.kakehashi.vulns.internal.CaseVendors;
import org.kakehashi.vulns.internal.CaseViewer;
import org.kakehashi.vulns.internal.CaseVulnerabilities;
import org.kakehashi.vulns.internal.CaseVulnerability;
import org.kakehashi.vulns.internal.VendorFilter;
import org.kakehashi.vulns.web.CoordinationJson.CaseVendorJson;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * A case's coordination over REST: its vendors (invite, statuses per vulnerability, contact attempts, the
 * unreachable listing), its vulnerabilities, the publication committee's decisions, the thread and the files. Who
 * may do what is the same as in the browser; a case the caller is not part of answers 404.
 */
@RestController
@Tag(name = "Vulnerability coordination")
class CoordinationApi {

	private final CaseVendors vendors;
	private final CaseVulnerabilities vulnerabilities;
	private final CaseThread thread;
	private final Attachments attachments;

	CoordinationApi(CaseVendors vendors, CaseVulnerabilities vulnerabilities, CaseThread thread,
			Attachments attachments) {
		this.vendors = vendors;
		this.vulnerabilities = vulnerabilities;
		this.thread = thread;
		this.attachments = attachments;
	}

	@GetMapping("/api/v1/vuln-cases/{id}/vendors")
	@PreAuthorize("hasAuthority('SCOPE_vulns:read')")
	@Operation(summary = "The case's vendors with their status per vulnerability: every one for coordinators, their own "
			+ "for a vendor; filter ALL, SILENT, RESPONDED, UNREACHABLE; search vendor or product (scope vulns:read)")
	PageJson<CaseVendorJson> vendors(@AuthenticationPrincipal KakehashiUser user, @PathVariable UUID id,
			@RequestParam(defaultValue = "ALL") String filter, @RequestParam(required = false) @Nullable String q,
			@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
		var viewer = CaseViewer.of(user);
		var chosen = EnumNames.parse(VendorFilter.class, filter)
			.orElseThrow(() -> new InvalidInput("filter", "vulns.error.choice", "Unknown filter: " + filter));
		var ids = vulnerabilityIds(viewer, id);
		return PageJson.of(vendors.list(viewer, id, chosen, q, PageJson.page(page), PageJson.size(size)),
				v -> CaseVendorJson.of(v, ids));
	}

	@PostMapping("/api/v1/vuln-cases/{id}/vendors")
	@PreAuthorize("hasAuthority('SCOPE_vulns:write')")
	@Operation(summary = "Invite a vendor of the directory: its contacts are e-mailed; the first one moves an accepted "
			+ "case to VENDOR_CONTACTED (coordinators; 409 when already invited; scope vulns:write)")
	ResponseEntity<CaseVendorJson> invite(@AuthenticationPrincipal KakehashiUser user, @PathVariable UUID id,
			@RequestBody CoordinationJson.Invitation invitation) {
		var viewer = CaseViewer.of(user);
		if (invitation.vendorId() == null) {
			throw new InvalidInput("vendorId", "vulns.error.required", "Give the vendor's id.");
		}
		var invited = vendors.invite(viewer, id, invitation.vendorId(), VulnCaseJson.text(invitation.productName()));
		return ResponseEntity.created(URI.create("/api/v1/vuln-cases/" + id + "/vendors/" + invited.vendorId()))
			.body(CaseVendorJson.of(invited, vulnerabilityIds(viewer, id)));
	}

	@GetMapping("/api/v1/vuln-cases/{id}/vendors/{vendorId}")
	@PreAuthorize("hasAuthority('SCOPE_vulns:read')")
	@Operation(summary = "One vendor of the case (coordinators, or the vendor itself; scope vulns:read)")
	CaseVendorJson vendor(@AuthenticationPrincipal KakehashiUser user, @PathVariable UUID id, @PathVariable UUID vendorId) {
		var viewer = CaseViewer.of(user);
		return CaseVendorJson.of(vendors.vendor(viewer, id, vendorId), vulnerabilityIds(viewer, id));
	}

	@PutMapping("/api/v1/vuln-cases/{id}/vendors/{vendorId}/statuses/{vulnerabilityId}")
	@PreAuthorize("hasAuthority('SCOPE_vulns:write')")
	@Operation(summary = "The vendor's status for one vulnerability: AFFECTED, NOT_AFFECTED, UNDER_INVESTIGATION or "
			+ "UNKNOWN (takes it back), with statement, affected and fixed versions (the vendor, or a coordinator on its "
			+ "behalf; scope vulns:write)")
	CaseVendorJson status(@AuthenticationPrincipal KakehashiUser user, @PathVariable UUID id, @PathVariable UUID vendorId,
			@PathVariable UUID vulnerabilityId, @RequestBody CoordinationJson.StatusInput input) {
		var viewer = CaseViewer.of(user);
		return CaseVendorJson.of(vendors.setStatus(viewer, id, vendorId, vulnerabilityId, input.update()),
				vulnerabilityIds(viewer, id));
	}

	@PutMapping("/api/v1/vuln-cases/{id}/vendors/{vendorId}/product")
	@PreAuthorize("hasAuthority('SCOPE_vulns:write')")
	@Operation(summary = "The product name the advisory uses for this vendor (coordinators; scope vulns:write)")
	CaseVendorJson product(@AuthenticationPrincipal KakehashiUser user, @PathVariable UUID id, @PathVariable UUID vendorId,
			@RequestBody CoordinationJson.Product product) {
		var viewer = CaseViewer.of(user);
		return CaseVendorJson.of(vendors.rename(viewer, id, vendorId, VulnCaseJson.text(product.productName())),
				vulnerabilityIds(viewer, id));
	}

	@GetMapping("/api/v1/vuln-cases/{id}/vendors/{vendorId}/contact-attempts")
	@PreAuthorize("hasAuthority('SCOPE_vulns:read')")
	@Operation(summary = "The documented attempts to reach the vendor (coordinators; scope vulns:read)")
	List<CoordinationJson.Attempt> attempts(@AuthenticationPrincipal KakehashiUser user, @PathVariable UUID id,
			@PathVariable UUID vendorId) {
		return vendors.attempts(CaseViewer.of(user), id, vendorId).stream().map(CoordinationJson.Attempt::of).toList();
	}

	@PostMapping("/api/v1/vuln-cases/{id}/vendors/{vendorId}/contact-attempts")
	@PreAuthorize("hasAuthority('SCOPE_vulns:write')")
	@Operation(summary = "Document an attempt to reach the vendor: EMAIL, PHONE, POST, WEB_FORM or OTHER, when and a "
			+ "note (coordinators; scope vulns:write)")
	ResponseEntity<CoordinationJson.Attempt> attempt(@AuthenticationPrincipal KakehashiUser user, @PathVariable UUID id,
			@PathVariable UUID vendorId, @RequestBody CoordinationJson.AttemptInput input) {
		var recorded = vendors.recordAttempt(CaseViewer.of(user), id, vendorId,
				new CaseVendors.AttemptDraft(input.attemptedAt(), input.channel(), VulnCaseJson.text(input.note())));
		return ResponseEntity.status(201).body(CoordinationJson.Attempt.of(recorded));
	}

	@PutMapping("/api/v1/vuln-cases/{id}/vendors/{vendorId}/unreachable")
	@PreAuthorize("hasAuthority('SCOPE_vulns:write')")
	@Operation(summary = "List the vendor publicly as unreachable (true; after the documented attempts the setting asks "
			+ "for, else 409) or take it off the list (false) (coordinators; scope vulns:write)")
	CaseVendorJson unreachable(@AuthenticationPrincipal KakehashiUser user, @PathVariable UUID id,
			@PathVariable UUID vendorId, @RequestBody CoordinationJson.Unreachable input) {
		var viewer = CaseViewer.of(user);
		if (input.unreachable() == null) {
			throw new InvalidInput("unreachable", "vulns.error.required", "Say true or false.");
		}
		var changed = input.unreachable() ? vendors.markUnreachable(viewer, id, vendorId)
				: vendors.markReached(viewer, id, vendorId);
		return CaseVendorJson.of(changed, vulnerabilityIds(viewer, id));
	}

	@GetMapping("/api/v1/vuln-cases/{id}/committee-decisions")
	@PreAuthorize("hasAuthority('SCOPE_vulns:read')")
	@Operation(summary = "The publication committee's decisions on the case (coordinators; scope vulns:read)")
	List<CoordinationJson.Decision> decisions(@AuthenticationPrincipal KakehashiUser user, @PathVariable UUID id) {
		return vendors.decisions(CaseViewer.of(user), id).stream().map(CoordinationJson.Decision::of).toList();
	}

	@PostMapping("/api/v1/vuln-cases/{id}/committee-decisions")
	@PreAuthorize("hasAuthority('SCOPE_vulns:write')")
	@Operation(summary = "Record a committee decision: date, members, PUBLISH_WITHOUT_VENDOR or DO_NOT_PUBLISH, note "
			+ "(coordinators; scope vulns:write)")
	ResponseEntity<CoordinationJson.Decision> decide(@AuthenticationPrincipal KakehashiUser user, @PathVariable UUID id,
			@RequestBody CoordinationJson.DecisionInput input) {
		var decided = vendors.decide(CaseViewer.of(user), id, new CaseVendors.DecisionDraft(input.decidedOn(),
				input.members() == null ? List.of() : input.members().stream().map(VulnCaseJson::text).toList(),
				input.decision(), VulnCaseJson.text(input.note())));
		return ResponseEntity.status(201).body(CoordinationJson.Decision.of(decided));
	}

	@GetMapping("/api/v1/vuln-cases/{id}/vulnerabilities")
	@PreAuthorize("hasAuthority('SCOPE_vulns:read')")
	@Operation(summary = "The case's vulnerabilities (everyone on the case; scope vulns:read)")
	List<CoordinationJson.Vulnerability> vulnerabilities(@AuthenticationPrincipal KakehashiUser user, @PathVariable UUID id) {
		return vulnerabilities.list(CaseViewer.of(user), id).stream().map(CoordinationJson.Vulnerability::of).toList();
	}

	@PostMapping("/api/v1/vuln-cases/{id}/vulnerabilities")
	@PreAuthorize("hasAuthority('SCOPE_vulns:write')")
	@Operation(summary = "Add a vulnerability: CVE and CWE ids, ja/en title and description, CVSS v3.1 and v4.0 vectors "
			+ "(coordinators; scope vulns:write)")
	ResponseEntity<CoordinationJson.Vulnerability> addVulnerability(@AuthenticationPrincipal KakehashiUser user,
			@PathVariable UUID id, @RequestBody CoordinationJson.VulnerabilityInput input) {
		var added = vulnerabilities.add(CaseViewer.of(user), id, input.draft());
		return ResponseEntity.created(URI.create("/api/v1/vuln-cases/" + id + "/vulnerabilities/" + added.id()))
			.body(CoordinationJson.Vulnerability.of(added));
	}

	@PutMapping("/api/v1/vuln-cases/{id}/vulnerabilities/{vulnerabilityId}")
	@PreAuthorize("hasAuthority('SCOPE_vulns:write')")
	@Operation(summary = "Replace a vulnerability's description (coordinators; scope vulns:write)")
	CoordinationJson.Vulnerability updateVulnerability(@AuthenticationPrincipal KakehashiUser user, @PathVariable UUID id,
			@PathVariable UUID vulnerabilityId, @RequestBody CoordinationJson.VulnerabilityInput input) {
		return CoordinationJson.Vulnerability.of(vulnerabilities.update(CaseViewer.of(user), id, vulnerabilityId, input.draft()));
	}

	@GetMapping("/api/v1/vuln-cases/{id}/messages")
	@PreAuthorize("hasAuthority('SCOPE_vulns:read')")
	@Operation(summary = "The messages the caller may read, oldest first: the newest `limit` (≤ 500) before message id "
			+ "`before` (scope vulns:read)")
	List<CoordinationJson.Message> messages(@AuthenticationPrincipal KakehashiUser user, @PathVariable UUID id,
			@RequestParam(required = false) @Nullable Long before, @RequestParam(defaultValue = "100") int limit) {
		return thread.messages(CaseViewer.of(user), id, before, limit).stream().map(CoordinationJson.Message::of).toList();
	}

	@PostMapping(path = "/api/v1/vuln-cases/{id}/messages", consumes = MediaType.APPLICATION_JSON_VALUE)
	@PreAuthorize("hasAuthority('SCOPE_vulns:write')")
	@Operation(summary = "Write a message: channel COORDINATORS, VENDOR (with vendorId), FINDER or ALL, as the caller may "
			+ "(multipart/form-data with `files` attaches files; scope vulns:write)")
	ResponseEntity<CoordinationJson.Message> post(@AuthenticationPrincipal KakehashiUser user, @PathVariable UUID id,
			@RequestBody CoordinationJson.MessageInput input) {
		var posted = thread.post(CaseViewer.of(user), id,
				new CaseThread.Post(input.channel(), input.vendorId(), VulnCaseJson.text(input.body())), List.of());
		return ResponseEntity.status(201).body(CoordinationJson.Message.of(posted));
	}

	@PostMapping(path = "/api/v1/vuln-cases/{id}/messages", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	@PreAuthorize("hasAuthority('SCOPE_vulns:write')")
	ResponseEntity<CoordinationJson.Message> postWithFiles(@AuthenticationPrincipal KakehashiUser user,
			@PathVariable UUID id, @RequestParam(required = false) @Nullable String channel,
			@RequestParam(required = false) @Nullable UUID vendorId, @RequestParam(defaultValue = "") String body,
			@RequestPart(name = "files", required = false) @Nullable List<MultipartFile> files) {
		var chosen = channel == null || channel.isBlank() ? null
				: EnumNames.parse(org.kakehashi.vulns.internal.MessageChannel.class, channel)
					.orElseThrow(() -> new InvalidInput("channel", "vulns.error.choice", "Unknown channel: " + channel));
		var posted = thread.post(CaseViewer.of(user), id, new CaseThread.Post(chosen, vendorId, body), Files.uploads(files));
		return ResponseEntity.status(201).body(CoordinationJson.Message.of(posted));
	}

	@GetMapping("/api/v1/vuln-cases/{id}/attachments")
	@PreAuthorize("hasAuthority('SCOPE_vulns:read')")
	@Operation(summary = "The files the caller may read: the report's and those of messages they read (scope vulns:read)")
	List<CoordinationJson.File> files(@AuthenticationPrincipal KakehashiUser user, @PathVariable UUID id) {
		return attachments.list(CaseViewer.of(user), id).stream().map(CoordinationJson.File::of).toList();
	}

	@PostMapping("/api/v1/vuln-cases/{id}/attachments")
	@PreAuthorize("hasAuthority('SCOPE_vulns:write')")
	@Operation(summary = "Attach files to the report (multipart `files`; the finder or coordinators; stored encrypted; "
			+ "scope vulns:write)")
	ResponseEntity<List<CoordinationJson.File>> attach(@AuthenticationPrincipal KakehashiUser user, @PathVariable UUID id,
			@RequestPart(name = "files", required = false) @Nullable List<MultipartFile> files) {
		var stored = thread.attachToReport(CaseViewer.of(user), id, Files.uploads(files));
		return ResponseEntity.status(201).body(stored.stream().map(CoordinationJson.File::of).toList());
	}

	@GetMapping("/api/v1/vuln-cases/{id}/attachments/{fileId}")
	@PreAuthorize("hasAuthority('SCOPE_vulns:read')")
	@Operation(summary = "Download a file (always as an attachment; the Digest header carries its SHA-256; scope vulns:read)")
	ResponseEntity<byte[]> download(@AuthenticationPrincipal KakehashiUser user, @PathVariable UUID id,
			@PathVariable UUID fileId) {
		return Files.download(attachments.open(CaseViewer.of(user), id, fileId));
	}

	@PutMapping("/api/v1/vuln-cases/{id}/attachments/{fileId}/sharing")
	@PreAuthorize("hasAuthority('SCOPE_vulns:write')")
	@Operation(summary = "Share a report file with the case's vendors, or stop (coordinators; scope vulns:write)")
	CoordinationJson.File share(@AuthenticationPrincipal KakehashiUser user, @PathVariable UUID id,
			@PathVariable UUID fileId, @RequestBody CoordinationJson.Sharing sharing) {
		if (sharing.sharedWithVendors() == null) {
			throw new InvalidInput("sharedWithVendors", "vulns.error.required", "Say true or false.");
		}
		return CoordinationJson.File.of(attachments.share(CaseViewer.of(user), id, fileId, sharing.sharedWithVendors()));
	}

	private List<UUID> vulnerabilityIds(CaseViewer viewer, UUID caseId) {
		return vulnerabilities.list(viewer, caseId).stream().map(CaseVulnerability::id).toList();
	}
}
