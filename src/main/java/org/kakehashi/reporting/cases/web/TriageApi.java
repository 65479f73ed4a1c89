package org.kakehashi.reporting.cases.web;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;
import org.kakehashi.identity.KakehashiUser;
import org.kakehashi.platform.IdempotentRequests;
import org.kakehashi.platform.InvalidInput;
import org.kakehashi.platform.web.PageJson;
import org.kakehashi.reporting.ReportKind;
import org.kakehashi.reporting.cases.Triage;
import org.kakehashi.reporting.cases.TriageStatus;
import org.kakehashi.reporting.internal.Viewers;
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

import tools.jackson.databind.JsonNode;

/** Triage over the API, for the national centre's analysts and coordinators. */
@RestController
@Tag(name = "Triage")
class TriageApi {

	static final String READ = "hasAnyRole('ANALYST','COORDINATOR') and hasAuthority('SCOPE_reports:read')";
	static final String WRITE = "hasAnyRole('ANALYST','COORDINATOR') and hasAuthority('SCOPE_reports:write')";

	record QueueJson(UUID reportId, String number, @Nullable String title, ReportKind kind, String organisation,
			List<String> sectors, @Nullable Integer reporterSeverity, @Nullable Integer centreSeverity,
			TriageStatus status, @Nullable UUID assigneeId, @Nullable String assigneeName, @Nullable Instant submittedAt,
			@Nullable Instant receivedAt, boolean overdue, @Nullable String duplicateOf) {

		static QueueJson of(Triage.QueueEntry e) {
			return new QueueJson(e.reportId(), e.number(), e.title(), e.kind(), e.organisationName(), e.sectors(),
					e.reporterSeverity(), e.centreSeverity(), e.status(), e.assigneeId(), e.assigneeName(), e.submittedAt(),
					e.receivedAt(), e.overdue(), e.duplicateOfNumber());
		}
	}

	record LinkJson(UUID reportId, String number, @Nullable String note) {
	}

	record NoteJson(UUID id, String author, String body, Instant createdAt) {

		static NoteJson of(Triage.Note n) {
			return new NoteJson(n.id(), n.authorName(), n.body(), n.createdAt());
		}
	}

	record TriageJson(UUID reportId, String number, TriageStatus status, @Nullable UUID assigneeId,
			@Nullable String assigneeName, @Nullable Integer reporterSeverity, @Nullable Integer centreSeverity,
			@Nullable String severityReason, @Nullable UUID duplicateOf, @Nullable String duplicateOfNumber,
			List<String> techniques, List<LinkJson> links, List<NoteJson> notes, List<UUID> coordinationGrantedTo) {

		static TriageJson of(Triage.Panel p) {
			var s = p.state();
			return new TriageJson(p.reportId(), p.number(), s.status(), s.assigneeId(), p.assigneeName(),
					p.reporterSeverity(), s.centreSeverity(), s.severityReason(), s.duplicateOf(), p.duplicateOfNumber(),
					s.techniques(), p.links().stream().map(l -> new LinkJson(l.reportId(), l.number(), l.note())).toList(),
					p.notes().stream().map(NoteJson::of).toList(),
					p.coordinators().stream().filter(Triage.CoordinatorOption::granted).map(Triage.CoordinatorOption::organisationId).toList());
		}
	}

	record LinkRequest(@Nullable String reportId, @Nullable String note) {
	}

	record NoteRequest(@Nullable String body) {
	}

	record CoordinationRequest(@Nullable UUID organisationId) {
	}

	record CoordinationJson(UUID reportId, UUID organisationId, boolean newlyGranted) {
	}

	private static final Set<String> PATCHABLE = Set.of("assigneeId", "status", "centreSeverity", "severityReason",
			"duplicateOf", "techniques");

	private final Triage triage;
	private final Viewers viewers;
	private final IdempotentRequests idempotent;

	TriageApi(Triage triage, Viewers viewers, IdempotentRequests idempotent) {
		this.triage = triage;
		this.viewers = viewers;
		this.idempotent = idempotent;
	}

	@GetMapping("/api/v1/triage")
	@PreAuthorize(READ)
	@Operation(summary = "The centre's triage queue: filter OPEN (default), NEW, UNASSIGNED, MINE, OVERDUE or CLOSED; "
			+ "sorted by severity (the centre's if re-rated), then oldest first")
	PageJson<QueueJson> queue(@AuthenticationPrincipal KakehashiUser user, @RequestParam(defaultValue = "OPEN") String filter,
			@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
		return PageJson.of(triage.queue(viewers.of(user), filter(filter), PageJson.page(page), PageJson.size(size)),
				QueueJson::of);
	}

	@GetMapping("/api/v1/reports/{id}/triage")
	@PreAuthorize(READ)
	@Operation(summary = "A received report's triage state, links and notes (national centre only)")
	TriageJson get(@AuthenticationPrincipal KakehashiUser user, @PathVariable UUID id) {
		return current(user, id);
	}

	@PatchMapping("/api/v1/reports/{id}/triage")
	@PreAuthorize(WRITE)
	@Operation(summary = "Change triage: any of assigneeId (null unassigns), status, centreSeverity with severityReason "
			+ "(null withdraws), duplicateOf (report id or number; closes the triage), techniques (ATT&CK ids)")
	TriageJson patch(@AuthenticationPrincipal KakehashiUser user, @PathVariable UUID id, @RequestBody JsonNode body) {
		triage.change(viewers.of(user), id, change(body));
		return current(user, id);
	}

	@PostMapping("/api/v1/reports/{id}/triage")
	@PreAuthorize(WRITE)
	@Operation(summary = "Same as PATCH, for clients that cannot send PATCH")
	TriageJson post(@AuthenticationPrincipal KakehashiUser user, @PathVariable UUID id, @RequestBody JsonNode body) {
		return patch(user, id, body);
	}

	@PostMapping("/api/v1/reports/{id}/links")
	@PreAuthorize(WRITE)
	@Operation(summary = "Link a related report (symmetric; linking again replaces the note)")
	TriageJson link(@AuthenticationPrincipal KakehashiUser user, @PathVariable UUID id, @RequestBody LinkRequest request) {
		triage.link(viewers.of(user), id, request.reportId() == null ? "" : request.reportId(), request.note());
		return current(user, id);
	}

	@PostMapping("/api/v1/reports/{id}/triage/notes")
	@PreAuthorize(WRITE)
	@Operation(summary = "Add a triage note (Idempotency-Key honoured)")
	ResponseEntity<NoteJson> note(@AuthenticationPrincipal KakehashiUser user, @PathVariable UUID id,
			@RequestHeader(name = IdempotentRequests.HEADER, required = false) @Nullable String key,
			@RequestBody NoteRequest request) {
		var outcome = idempotent.once(user.id(), "POST /api/v1/reports/" + id + "/triage/notes", key, request, NoteJson.class,
				() -> NoteJson.of(triage.addNote(viewers.of(user), id, request.body())));
		return ResponseEntity.status(HttpStatus.CREATED)
			.header("Idempotent-Replayed", String.valueOf(outcome.replayed())).body(outcome.body());
	}

	@PostMapping("/api/v1/reports/{id}/coordination")
	@PreAuthorize(WRITE)
	@Operation(summary = "Ask a coordinator organisation for help: it may then read the report and open a case on it")
	CoordinationJson coordination(@AuthenticationPrincipal KakehashiUser user, @PathVariable UUID id,
			@RequestBody CoordinationRequest request) {
		var granted = triage.requestCoordination(viewers.of(user), id, request.organisationId());
		return new CoordinationJson(id, java.util.Objects.requireNonNull(request.organisationId()), granted);
	}

	private TriageJson current(KakehashiUser user, UUID id) {
		return TriageJson.of(triage.panel(viewers.of(user), id));
	}

	static Triage.Filter filter(String value) {
		try {
			return Triage.Filter.valueOf(value.toUpperCase(java.util.Locale.ROOT));
		} catch (IllegalArgumentException e) {
			throw new InvalidInput("filter", "triage.error.filter", "One of OPEN, NEW, UNASSIGNED, MINE, OVERDUE, CLOSED.");
		}
	}

	/** Reads a PATCH body: present keys change, absent keys stay; null clears where clearing makes sense. */
	static Triage.Change change(JsonNode body) {
		if (!body.isObject()) {
			throw new InvalidInput("body", "triage.error.body", "A JSON object.");
		}
		for (var name : body.propertyNames()) {
			if (!PATCHABLE.contains(name)) {
				throw new InvalidInput(name, "triage.error.unknown-field", "Unknown field: " + name);
			}
		}
		Optional<Optional<UUID>> assignee = Optional.empty();
		if (body.has("assigneeId")) {
			var node = body.get("assigneeId");
			assignee = Optional.of(node.isNull() ? Optional.empty() : Optional.of(uuid("assigneeId", node)));
		}
		Optional<TriageStatus> status = Optional.empty();
		if (body.has("status")) {
			status = Optional.of(TriageController.parseStatus(text("status", body.get("status"))));
		}
		Optional<Optional<Integer>> severity = Optional.empty();
		if (body.has("centreSeverity")) {
			var node = body.get("centreSeverity");
			if (!node.isNull() && !node.isIntegralNumber()) {
				throw new InvalidInput("centreSeverity", "triage.error.severity", "The level is 0 to 4.");
			}
			severity = Optional.of(node.isNull() ? Optional.empty() : Optional.of(node.intValue()));
		}
		String reason = body.has("severityReason") && !body.get("severityReason").isNull()
				? text("severityReason", body.get("severityReason")) : null;
		Optional<String> duplicate = body.has("duplicateOf")
				? Optional.of(text("duplicateOf", body.get("duplicateOf"))) : Optional.empty();
		Optional<List<String>> techniques = Optional.empty();
		if (body.has("techniques")) {
			var node = body.get("techniques");
			if (!node.isArray()) {
				throw new InvalidInput("techniques", "triage.error.technique", "A list of ATT&CK ids.");
			}
			var ids = new ArrayList<String>();
			int i = 0;
			for (var element : node.values()) {
				ids.add(text("techniques[" + i++ + "]", element));
			}
			techniques = Optional.of(ids);
		}
		if (severity.isEmpty() && reason != null) {
			throw new InvalidInput("severityReason", "triage.error.reason-alone", "Give centreSeverity with its reason.");
		}
		return new Triage.Change(assignee, status, severity, reason, duplicate, techniques);
	}

	private static String text(String field, JsonNode node) {
		if (!node.isString()) {
			throw new InvalidInput(field, "triage.error.text", "A string.");
		}
		return node.stringValue();
	}

	private static UUID uuid(String field, JsonNode node) {
		try {
			return UUID.fromString(text(field, node));
		} catch (IllegalArgumentException e) {
			throw new InvalidInput(field, "triage.error.unknown-id", "Not an id.");
		}
	}

}
