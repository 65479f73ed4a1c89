package org.kakehashi.reporting.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;
import org.kakehashi.identity.KakehashiUser;
import org.kakehashi.platform.IdempotentRequests;
import org.kakehashi.platform.InvalidInput;
import org.kakehashi.reporting.internal.Attachments;
import org.kakehashi.reporting.internal.ReportDiff;
import org.kakehashi.reporting.internal.ReportFiling;
import org.kakehashi.reporting.internal.ReportFiling.Submission;
import org.kakehashi.reporting.internal.ReportNotFound;
import org.kakehashi.reporting.internal.Viewers;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.core.io.Resource;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartHttpServletRequest;

/**
 * Reports over REST: create (as a draft or submitted at once), save drafts, submit versions, relay, versions
 * and their differences, attachments. A report the caller may not see answers 404, whoever filed it.
 */
@RestController
@Tag(name = "Reports")
class ReportApi {

	private final ReportFiling filing;
	private final Attachments attachments;
	private final Viewers viewers;
	private final IdempotentRequests idempotent;

	ReportApi(ReportFiling filing, Attachments attachments, Viewers viewers, IdempotentRequests idempotent) {
		this.filing = filing;
		this.attachments = attachments;
		this.viewers = viewers;
		this.idempotent = idempotent;
	}

	@PostMapping("/api/v1/reports")
	@PreAuthorize("hasRole('REPORTER') and hasAuthority('SCOPE_reports:write')")
	@Operation(summary = "File a report for your organisation: a draft, or with \"submit\": true the initial report "
			+ "(reporters, scope reports:write; honours Idempotency-Key)")
	ResponseEntity<ReportJson.Output> create(@AuthenticationPrincipal KakehashiUser user,
			@RequestHeader(name = IdempotentRequests.HEADER, required = false) @Nullable String key,
			@RequestBody ReportJson.Input input) {
		var viewer = viewers.of(user);
		var outcome = idempotent.once(user.id(), "POST /api/v1/reports", key, input, ReportJson.Output.class, () -> {
			var content = input.content();
			var report = Boolean.TRUE.equals(input.submit())
					? filing.createAndSubmit(viewer, content,
							Boolean.TRUE.equals(input.finalReport()) ? Submission.FINAL : Submission.REPORT)
					: filing.createDraft(viewer, content);
			return ReportJson.Output.of(report, List.of(), viewer);
		});
		return ResponseEntity.created(URI.create("/api/v1/reports/" + outcome.body().id()))
			.header("Idempotent-Replayed", String.valueOf(outcome.replayed()))
			.body(outcome.body());
	}

	@GetMapping("/api/v1/reports/{id}")
	@PreAuthorize("hasAuthority('SCOPE_reports:read')")
	@Operation(summary = "One report you may see (scope reports:read)")
	ReportJson.Output get(@AuthenticationPrincipal KakehashiUser user, @PathVariable UUID id) {
		var viewer = viewers.of(user);
		var view = filing.view(viewer, id).orElseThrow(ReportNotFound::new);
		return ReportJson.Output.of(view.report(), view.attachments(), viewer);
	}

	@PutMapping("/api/v1/reports/{id}")
	@PreAuthorize("hasRole('REPORTER') and hasAuthority('SCOPE_reports:write')")
	@Operation(summary = "Replace a draft's content (reporters of the organisation, scope reports:write)")
	ReportJson.Output saveDraft(@AuthenticationPrincipal KakehashiUser user, @PathVariable UUID id,
			@RequestBody ReportJson.Input input) {
		var viewer = viewers.of(user);
		var report = filing.saveDraft(viewer, id, input.content());
		return ReportJson.Output.of(report, filing.attachments(viewer, id), viewer);
	}

	@DeleteMapping("/api/v1/reports/{id}")
	@PreAuthorize("hasRole('REPORTER') and hasAuthority('SCOPE_reports:write')")
	@Operation(summary = "Delete a draft (reporters of the organisation, scope reports:write)")
	ResponseEntity<Void> deleteDraft(@AuthenticationPrincipal KakehashiUser user, @PathVariable UUID id) {
		filing.deleteDraft(viewers.of(user), id);
		return ResponseEntity.noContent().build();
	}

	@PostMapping("/api/v1/reports/{id}/submissions")
	@PreAuthorize("hasRole('REPORTER') and hasAuthority('SCOPE_reports:write')")
	@Operation(summary = "Submit a new whole version: the initial report from a draft, an update, or with "
			+ "\"finalReport\": true the final report (reporters, scope reports:write; honours Idempotency-Key)")
	ResponseEntity<ReportJson.Output> submit(@AuthenticationPrincipal KakehashiUser user, @PathVariable UUID id,
			@RequestHeader(name = IdempotentRequests.HEADER, required = false) @Nullable String key,
			@RequestBody ReportJson.Input input) {
		var viewer = viewers.of(user);
		var outcome = idempotent.once(user.id(), "POST /api/v1/reports/" + id + "/submissions", key, input,
				ReportJson.Output.class, () -> {
					var report = filing.submit(viewer, id, input.content(),
							Boolean.TRUE.equals(input.finalReport()) ? Submission.FINAL : Submission.REPORT,
							input.basedOnVersion());
					return ReportJson.Output.of(report, filing.attachments(viewer, id), viewer);
				});
		return ResponseEntity.created(URI.create("/api/v1/reports/" + id + "/versions/" + outcome.body().version()))
			.header("Idempotent-Replayed", String.valueOf(outcome.replayed()))
			.body(outcome.body());
	}

	@PostMapping("/api/v1/reports/{id}/forward")
	@PreAuthorize("hasAnyRole('ANALYST','COORDINATOR') and hasAuthority('SCOPE_reports:write')")
	@Operation(summary = "Relay a report to the national centre with the ministry's note (the report's sector "
			+ "ministry, scope reports:write)")
	ReportJson.Output forward(@AuthenticationPrincipal KakehashiUser user, @PathVariable UUID id,
			@RequestBody ReportJson.ForwardJson body) {
		var viewer = viewers.of(user);
		var report = filing.forward(viewer, id, body.note());
		return ReportJson.Output.of(report, filing.attachments(viewer, id), viewer);
	}

	@GetMapping("/api/v1/reports/{id}/versions")
	@PreAuthorize("hasAuthority('SCOPE_reports:read')")
	@Operation(summary = "Every submitted version of a report, whole (scope reports:read)")
	List<ReportJson.VersionJson> versions(@AuthenticationPrincipal KakehashiUser user, @PathVariable UUID id) {
		return filing.versions(viewers.of(user), id).stream().map(ReportJson.VersionJson::of).toList();
	}

	@GetMapping("/api/v1/reports/{id}/diff")
	@PreAuthorize("hasAuthority('SCOPE_reports:read')")
	@Operation(summary = "The fields that changed between two versions (scope reports:read)")
	List<ReportDiff.Change> diff(@AuthenticationPrincipal KakehashiUser user, @PathVariable UUID id,
			@RequestParam int from, @RequestParam int to) {
		var versions = filing.versions(viewers.of(user), id);
		var before = versions.stream().filter(v -> v.version() == from).findFirst()
			.orElseThrow(() -> new InvalidInput("from", "report.error.no-version", "No version " + from + "."));
		var after = versions.stream().filter(v -> v.version() == to).findFirst()
			.orElseThrow(() -> new InvalidInput("to", "report.error.no-version", "No version " + to + "."));
		return ReportDiff.between(before.snapshot().content(), after.snapshot().content());
	}

	@PostMapping("/api/v1/reports/{id}/attachments")
	@PreAuthorize("hasRole('REPORTER') and hasAuthority('SCOPE_reports:write')")
	@Operation(summary = "Attach a file: multipart/form-data with the file in the part \"file\"; size-limited "
			+ "(reporters of the organisation, scope reports:write)")
	ResponseEntity<ReportJson.AttachmentJson> attach(@AuthenticationPrincipal KakehashiUser user,
			@PathVariable UUID id, HttpServletRequest request) {
		// Checked here rather than with "consumes" so that callers without the role get 403 before any 415.
		var file = request instanceof MultipartHttpServletRequest multipart ? multipart.getFile("file") : null;
		if (file == null) {
			throw new InvalidInput("file", "report.error.attachment-part",
					"Send multipart/form-data with the file in a part named \"file\".", HttpStatus.UNSUPPORTED_MEDIA_TYPE);
		}
		try (var in = file.getInputStream()) {
			var attachment = attachments.add(viewers.of(user), id,
					file.getOriginalFilename() == null ? "attachment" : file.getOriginalFilename(), in);
			return ResponseEntity.created(URI.create("/api/v1/reports/" + id + "/attachments/" + attachment.id()))
				.body(ReportJson.AttachmentJson.of(attachment));
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	@GetMapping("/api/v1/reports/{id}/attachments/{attachmentId}")
	@PreAuthorize("hasAuthority('SCOPE_reports:read')")
	@Operation(summary = "Download an attachment (scope reports:read)")
	ResponseEntity<Resource> download(@AuthenticationPrincipal KakehashiUser user, @PathVariable UUID id,
			@PathVariable UUID attachmentId) {
		return Downloads.of(attachments.open(viewers.of(user), id, attachmentId));
	}
}
