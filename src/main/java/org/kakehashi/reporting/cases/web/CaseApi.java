package org.kakehashi.reporting.cases.web;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;
import org.kakehashi.identity.KakehashiUser;
import org.kakehashi.platform.IdempotentRequests;
import org.kakehashi.platform.InvalidInput;
import org.kakehashi.platform.web.PageJson;
import org.kakehashi.reporting.cases.CaseAccess;
import org.kakehashi.reporting.cases.CaseDetail;
import org.kakehashi.reporting.cases.CaseNotFound;
import org.kakehashi.reporting.cases.CaseStatus;
import org.kakehashi.reporting.cases.Cases;
import org.kakehashi.reporting.cases.ContactChannel;
import org.kakehashi.reporting.internal.Viewers;
import org.springframework.core.io.Resource;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Coordination cases over the API. Reading needs {@code reports:read} (the reporting organisation sees its
 * cases' status and closure summary only); changing needs {@code reports:write} and the analyst or
 * coordinator role. POSTs that create something honour {@code Idempotency-Key}.
 */
@RestController
@Tag(name = "Coordination cases")
class CaseApi {

	static final String READ = "hasAuthority('SCOPE_reports:read')";
	static final String WRITE = "hasAnyRole('ANALYST','COORDINATOR') and hasAuthority('SCOPE_reports:write')";

	record SummaryJson(UUID id, String number, @Nullable String title, CaseStatus status, String owner, CaseAccess access,
			List<String> reports, int openTasks, Instant openedAt, @Nullable Instant closedAt) {

		static SummaryJson of(Cases.Summary s) {
			return new SummaryJson(s.id(), s.number(), s.title(), s.status(), s.ownerName(), s.access(), s.reportNumbers(),
					s.openTasks(), s.openedAt(), s.closedAt());
		}
	}

	record TaskJson(UUID id, String title, @Nullable UUID ownerId, @Nullable String owner, @Nullable LocalDate dueOn,
			boolean done, @Nullable Instant doneAt) {

		static TaskJson of(CaseDetail.Task t) {
			return new TaskJson(t.id(), t.title(), t.ownerId(), t.ownerName(), t.dueOn(), t.done(), t.doneAt());
		}
	}

	record ContactJson(UUID id, String name, @Nullable String organisation, @Nullable String country,
			ContactChannel channel, @Nullable String address, boolean foreignCsirt) {

		static ContactJson of(CaseDetail.Contact c) {
			return new ContactJson(c.id(), c.name(), c.organisation(), c.country(), c.channel(), c.address(), c.foreignCsirt());
		}
	}

	record LogJson(UUID id, String author, String body, Instant createdAt) {

		static LogJson of(CaseDetail.LogEntry e) {
			return new LogJson(e.id(), e.authorName(), e.body(), e.createdAt());
		}
	}

	record EvidenceJson(UUID id, String fileName, @Nullable String description, String contentType, long sizeBytes,
			String sha256, String uploadedBy, Instant uploadedAt) {

		static EvidenceJson of(CaseDetail.Evidence e) {
			return new EvidenceJson(e.id(), e.fileName(), e.description(), e.contentType(), e.sizeBytes(), e.sha256(),
					e.uploadedByName(), e.uploadedAt());
		}
	}

	record ReportJson(UUID id, String number, @Nullable String title) {
	}

	/** A case; with SUMMARY access only id, number, status, owner, dates, closure summary and the caller's reports. */
	record CaseJson(UUID id, String number, @Nullable String title, CaseStatus status, String owner, CaseAccess access,
			@Nullable String closureSummary, Instant openedAt, @Nullable Instant closedAt, List<ReportJson> reports,
			@Nullable List<TaskJson> tasks, @Nullable List<ContactJson> contacts, @Nullable List<LogJson> log,
			@Nullable List<EvidenceJson> evidence) {

		static CaseJson of(CaseDetail c) {
			var full = c.full();
			return new CaseJson(c.id(), c.number(), c.title(), c.status(), c.ownerName(), c.access(), c.closureSummary(),
					c.openedAt(), c.closedAt(),
					c.reports().stream().map(r -> new ReportJson(r.reportId(), r.number(), r.title())).toList(),
					full ? c.tasks().stream().map(TaskJson::of).toList() : null,
					full ? c.contacts().stream().map(ContactJson::of).toList() : null,
					full ? c.log().stream().map(LogJson::of).toList() : null,
					full ? c.evidence().stream().map(EvidenceJson::of).toList() : null);
		}
	}

	record OpenRequest(@Nullable UUID reportId, @Nullable String title) {
	}

	record TaskRequest(@Nullable String title, @Nullable UUID ownerId, @Nullable LocalDate dueOn) {
	}

	record TaskPatch(@Nullable String title, @Nullable UUID ownerId, @Nullable LocalDate dueOn, @Nullable Boolean done) {
	}

	record ContactRequest(@Nullable String name, @Nullable String organisation, @Nullable String country,
			@Nullable ContactChannel channel, @Nullable String address, @Nullable Boolean foreignCsirt) {
	}

	record LogRequest(@Nullable String body) {
	}

	record CloseRequest(@Nullable String closureSummary) {
	}

	record LinkReportRequest(@Nullable String reportId) {
	}

	private final Cases cases;
	private final Viewers viewers;
	private final IdempotentRequests idempotent;

	CaseApi(Cases cases, Viewers viewers, IdempotentRequests idempotent) {
		this.cases = cases;
		this.viewers = viewers;
		this.idempotent = idempotent;
	}

	@GetMapping("/api/v1/cases")
	@PreAuthorize(READ)
	@Operation(summary = "Cases you can see, open first; filter by status (OPEN, CLOSED)")
	PageJson<SummaryJson> list(@AuthenticationPrincipal KakehashiUser user, @RequestParam(required = false) @Nullable String status,
			@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
		CaseStatus chosen = null;
		if (status != null && !status.isBlank()) {
			chosen = CaseController.parseStatus(status);
			if (chosen == null) {
				throw new InvalidInput("status", "case.error.status", "OPEN or CLOSED.");
			}
		}
		return PageJson.of(cases.list(viewers.of(user), chosen, PageJson.page(page), PageJson.size(size)), SummaryJson::of);
	}

	@PostMapping("/api/v1/cases")
	@PreAuthorize(WRITE)
	@Operation(summary = "Open a case on a report (centre staff, or a coordinator organisation asked to help)")
	ResponseEntity<CaseJson> open(@AuthenticationPrincipal KakehashiUser user,
			@RequestHeader(name = IdempotentRequests.HEADER, required = false) @Nullable String key,
			@RequestBody OpenRequest request) {
		if (request.reportId() == null) {
			throw new InvalidInput("reportId", "case.error.required", "Required.");
		}
		return created(idempotent.once(user.id(), "POST /api/v1/cases", key, request, CaseJson.class,
				() -> CaseJson.of(cases.open(viewers.of(user), request.reportId(), request.title()))));
	}

	@GetMapping("/api/v1/cases/{id}")
	@PreAuthorize(READ)
	@Operation(summary = "A case with its tasks, contacts, log and evidence (the reporting organisation: status and summary only)")
	CaseJson get(@AuthenticationPrincipal KakehashiUser user, @PathVariable UUID id) {
		return CaseJson.of(cases.find(viewers.of(user), id).orElseThrow(CaseNotFound::new));
	}

	@PostMapping("/api/v1/cases/{id}/reports")
	@PreAuthorize(WRITE)
	@Operation(summary = "Link another report (id or number) you can see to the case")
	CaseJson linkReport(@AuthenticationPrincipal KakehashiUser user, @PathVariable UUID id,
			@RequestBody LinkReportRequest request) {
		cases.linkReport(viewers.of(user), id, request.reportId());
		return get(user, id);
	}

	@PostMapping("/api/v1/cases/{id}/tasks")
	@PreAuthorize(WRITE)
	@Operation(summary = "Add a task with an optional owner and due date")
	ResponseEntity<TaskJson> addTask(@AuthenticationPrincipal KakehashiUser user, @PathVariable UUID id,
			@RequestHeader(name = IdempotentRequests.HEADER, required = false) @Nullable String key,
			@RequestBody TaskRequest request) {
		return created(idempotent.once(user.id(), "POST /api/v1/cases/" + id + "/tasks", key, request, TaskJson.class,
				() -> TaskJson.of(cases.addTask(viewers.of(user), id,
						new Cases.TaskDraft(request.title(), request.ownerId(), request.dueOn())))));
	}

	@PatchMapping("/api/v1/cases/{id}/tasks/{taskId}")
	@PreAuthorize(WRITE)
	@Operation(summary = "Change a task: title, ownerId, dueOn, done (absent fields stay as they are)")
	TaskJson changeTask(@AuthenticationPrincipal KakehashiUser user, @PathVariable UUID id, @PathVariable UUID taskId,
			@RequestBody TaskPatch request) {
		return TaskJson.of(cases.changeTask(viewers.of(user), id, taskId,
				new Cases.TaskChange(request.title(), request.ownerId(), request.dueOn(), request.done())));
	}

	@PostMapping("/api/v1/cases/{id}/contacts")
	@PreAuthorize(WRITE)
	@Operation(summary = "Add a contact (country ISO 3166 alpha-2; channel EMAIL, PHONE, ENCRYPTED_EMAIL or OTHER)")
	ResponseEntity<ContactJson> addContact(@AuthenticationPrincipal KakehashiUser user, @PathVariable UUID id,
			@RequestHeader(name = IdempotentRequests.HEADER, required = false) @Nullable String key,
			@RequestBody ContactRequest request) {
		return created(idempotent.once(user.id(), "POST /api/v1/cases/" + id + "/contacts", key, request, ContactJson.class,
				() -> ContactJson.of(cases.addContact(viewers.of(user), id, new Cases.ContactDraft(request.name(),
						request.organisation(), request.country(), request.channel(), request.address(),
						Boolean.TRUE.equals(request.foreignCsirt()))))));
	}

	@PostMapping("/api/v1/cases/{id}/log")
	@PreAuthorize(WRITE)
	@Operation(summary = "Add an entry to the case's action log")
	ResponseEntity<LogJson> addLog(@AuthenticationPrincipal KakehashiUser user, @PathVariable UUID id,
			@RequestHeader(name = IdempotentRequests.HEADER, required = false) @Nullable String key,
			@RequestBody LogRequest request) {
		return created(idempotent.once(user.id(), "POST /api/v1/cases/" + id + "/log", key, request, LogJson.class,
				() -> LogJson.of(cases.addLog(viewers.of(user), id, request.body()))));
	}

	@PostMapping("/api/v1/cases/{id}/close")
	@PreAuthorize(WRITE)
	@Operation(summary = "Close the case; a closure summary is required")
	CaseJson close(@AuthenticationPrincipal KakehashiUser user, @PathVariable UUID id, @RequestBody CloseRequest request) {
		cases.close(viewers.of(user), id, request.closureSummary());
		return get(user, id);
	}

	@PostMapping("/api/v1/cases/{id}/reopen")
	@PreAuthorize(WRITE)
	@Operation(summary = "Reopen a closed case (its last closure summary is kept)")
	CaseJson reopen(@AuthenticationPrincipal KakehashiUser user, @PathVariable UUID id) {
		cases.reopen(viewers.of(user), id);
		return get(user, id);
	}

	@GetMapping("/api/v1/cases/{id}/evidence/{evidenceId}")
	@PreAuthorize(READ)
	@Operation(summary = "Download an evidence file (always as an attachment)")
	ResponseEntity<Resource> evidence(@AuthenticationPrincipal KakehashiUser user, @PathVariable UUID id,
			@PathVariable UUID evidenceId) {
		return CaseController.evidenceResponse(cases.openEvidence(viewers.of(user), id, evidenceId));
	}

	private static <T> ResponseEntity<T> created(IdempotentRequests.Outcome<T> outcome) {
		return ResponseEntity.status(HttpStatus.CREATED)
			.header("Idempotent-Replayed", String.valueOf(outcome.replayed())).body(outcome.body());
	}
}
