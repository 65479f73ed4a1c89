package org.kakehashi.reporting.cases;

import java.io.InputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.kakehashi.audit.AuditLog;
import org.kakehashi.identity.Directory;
import org.kakehashi.identity.OrganisationType;
import org.kakehashi.identity.Role;
import org.kakehashi.platform.Ids;
import org.kakehashi.platform.InvalidInput;
import org.kakehashi.platform.Page;
import org.kakehashi.reporting.Viewer;
import org.kakehashi.reporting.internal.FileStore;
import org.springframework.http.HttpStatus;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Coordination cases (JPCERT/CC-like incident-response support, DESIGN P-K/P-N): opened on a report by the
 * national centre, or by a coordinator organisation the centre asked for help; tasks with owners and due
 * dates, contacts including foreign CSIRTs, a log of actions, evidence files with their SHA-256, and a closure
 * summary. Who sees what is decided in SQL ({@link CaseAccess}); who may change a case also needs the role.
 * The audit log records every change by ids and field names, never the text.
 */
@Service
public class Cases {

	static final int MAX_TITLE = 200;
	static final int MAX_TEXT = 20_000;
	static final int MAX_SHORT = 500;
	private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());

	public record CaseRef(UUID id, String number, CaseStatus status) {
	}

	public record Summary(UUID id, String number, @Nullable String title, CaseStatus status, String ownerName,
			CaseAccess access, List<String> reportNumbers, int openTasks, Instant openedAt, @Nullable Instant closedAt) {
	}

	public record TaskDraft(@Nullable String title, @Nullable UUID ownerId, @Nullable LocalDate dueOn) {
	}

	/** Null fields stay as they are. */
	public record TaskChange(@Nullable String title, @Nullable UUID ownerId, @Nullable LocalDate dueOn,
			@Nullable Boolean done) {
	}

	public record ContactDraft(@Nullable String name, @Nullable String organisation, @Nullable String country,
			@Nullable ContactChannel channel, @Nullable String address, boolean foreignCsirt) {
	}

	public record Download(CaseDetail.Evidence evidence, Path file) {
	}

	private final CaseDao dao;
	private final TriageDao reports;
	private final FileStore files;
	private final Directory directory;
	private final AuditLog audit;
	private final Clock clock;

	Cases(CaseDao dao, TriageDao reports, @Qualifier("evidenceFiles") FileStore files, Directory directory, AuditLog audit, Clock clock) {
		this.dao = dao;
		this.reports = reports;
		this.files = files;
		this.directory = directory;
		this.audit = audit;
		this.clock = clock;
	}

	/** Centre analysts and coordinators, and coordinators of a coordinator organisation, work on cases. */
	public static boolean caseWorker(Viewer viewer) {
		return viewer.centreAnalyst() || (viewer.is(OrganisationType.COORDINATOR) && viewer.has(Role.COORDINATOR));
	}

	public long maxEvidenceBytes() {
		return files.maxBytes();
	}

	@Transactional
	public CaseDetail open(Viewer viewer, UUID reportId, @Nullable String title) {
		var report = reports.visibleReport(viewer, reportId, viewer.is(OrganisationType.NATIONAL_CENTRE))
			.orElseThrow(CaseNotFound::report);
		if (!caseWorker(viewer)) {
			throw forbidden();
		}
		var checkedTitle = required("title", title, MAX_TITLE);
		var now = Instant.now(clock);
		var id = Ids.newId(clock);
		var number = dao.nextNumber(now.atZone(ZoneOffset.UTC).getYear());
		dao.insert(id, number, checkedTitle, viewer.organisationId(), viewer.userId(), now);
		dao.linkReport(id, report.id(), viewer.userId(), now);
		audit.record("case.opened", "case", id, Map.of("number", number, "report", report.number()));
		return find(viewer, id).orElseThrow();
	}

	@Transactional
	public void linkReport(Viewer viewer, UUID caseId, @Nullable String reportReference) {
		var header = workable(viewer, caseId);
		var report = Optional.ofNullable(reportReference).filter(r -> !r.isBlank())
			.flatMap(r -> reports.visibleReport(viewer, r, viewer.is(OrganisationType.NATIONAL_CENTRE)))
			.orElseThrow(() -> new InvalidInput("reportId", "triage.error.no-such-report", "No such report."));
		var now = Instant.now(clock);
		if (dao.linkReport(caseId, report.id(), viewer.userId(), now)) {
			dao.touch(caseId, now);
			audit.record("case.report-linked", "case", caseId, Map.of("number", header.number(), "report", report.number()));
		}
	}

	@Transactional(readOnly = true)
	public Page<Summary> list(Viewer viewer, @Nullable CaseStatus status, int page, int size) {
		var rows = dao.list(viewer, status, page * size, size);
		long total = rows.isEmpty() ? (page == 0 ? 0 : dao.count(viewer, status)) : rows.get(0).total();
		var owners = directory.organisations(rows.stream().map(r -> r.header().ownerOrgId()).distinct().toList());
		var items = rows.stream().map(r -> {
			var h = r.header();
			var full = h.access() == CaseAccess.FULL;
			return new Summary(h.id(), h.number(), full ? h.title() : null, h.status(), ownerName(owners, h.ownerOrgId()),
					h.access(), r.reportNumbers(), full ? r.openTasks() : 0, h.openedAt(), h.closedAt());
		}).toList();
		return new Page<>(items, page, size, total);
	}

	@Transactional(readOnly = true)
	public long openCases(Viewer viewer) {
		return dao.count(viewer, CaseStatus.OPEN);
	}

	@Transactional(readOnly = true)
	public Optional<CaseDetail> find(Viewer viewer, UUID caseId) {
		return dao.find(viewer, caseId, false).map(h -> detail(viewer, h));
	}

	/** A report the viewer's organisation was asked to help with, and the cases on it they can see. */
	public record Request(UUID reportId, String number, @Nullable String title, Instant grantedAt, List<CaseRef> cases) {
	}

	@Transactional(readOnly = true)
	public List<Request> requests(Viewer viewer) {
		return dao.requests(viewer).stream()
			.map(r -> new Request(r.reportId(), r.number(), r.title(), r.grantedAt(), onReport(viewer, r.reportId())))
			.toList();
	}

	@Transactional(readOnly = true)
	public List<CaseRef> onReport(Viewer viewer, UUID reportId) {
		return dao.onReport(viewer, reportId).stream().map(h -> new CaseRef(h.id(), h.number(), h.status())).toList();
	}

	private CaseDetail detail(Viewer viewer, CaseDao.Header h) {
		var owner = ownerName(directory.organisations(List.of(h.ownerOrgId())), h.ownerOrgId());
		var linked = dao.reports(viewer, h.id());
		if (h.access() != CaseAccess.FULL) {
			return new CaseDetail(h.id(), h.number(), null, h.status(), h.ownerOrgId(), owner, h.access(),
					h.closureSummary(), h.openedAt(), h.closedAt(), linked, List.of(), List.of(), List.of(), List.of(), false);
		}
		return new CaseDetail(h.id(), h.number(), h.title(), h.status(), h.ownerOrgId(), owner, h.access(),
				h.closureSummary(), h.openedAt(), h.closedAt(), linked, dao.tasks(h.id()), dao.contacts(h.id()),
				dao.log(h.id()), dao.evidence(h.id()), caseWorker(viewer));
	}

	/** People a task can be given to: analysts and coordinators of the case's owner and of the viewer's organisation. */
	@Transactional(readOnly = true)
	public List<Triage.Assignee> taskOwners(Viewer viewer, UUID caseId) {
		var header = dao.find(viewer, caseId, false).filter(h -> h.access() == CaseAccess.FULL)
			.orElseThrow(CaseNotFound::new);
		return taskOwners(viewer, header);
	}

	private List<Triage.Assignee> taskOwners(Viewer viewer, CaseDao.Header header) {
		var roles = Set.of(Role.ANALYST, Role.COORDINATOR);
		var people = new LinkedHashMap<UUID, Triage.Assignee>();
		for (var org : List.of(header.ownerOrgId(), viewer.organisationId())) {
			for (var contact : directory.contacts(org, roles)) {
				people.putIfAbsent(contact.userId(), new Triage.Assignee(contact.userId(), contact.displayName()));
			}
		}
		return List.copyOf(people.values());
	}

	// --- changes

	@Transactional
	public CaseDetail.Task addTask(Viewer viewer, UUID caseId, TaskDraft draft) {
		var header = changeable(viewer, caseId);
		var title = required("title", draft.title(), MAX_TITLE);
		checkOwner(viewer, header, draft.ownerId());
		var now = Instant.now(clock);
		var id = Ids.newId(clock);
		dao.insertTask(id, caseId, title, draft.ownerId(), draft.dueOn(), viewer.userId(), now);
		dao.touch(caseId, now);
		audit.record("case.task-added", "case", caseId, Map.of("number", header.number(), "task", id.toString()));
		return task(caseId, id);
	}

	@Transactional
	public CaseDetail.Task changeTask(Viewer viewer, UUID caseId, UUID taskId, TaskChange change) {
		var header = changeable(viewer, caseId);
		var task = dao.tasks(caseId).stream().filter(t -> t.id().equals(taskId)).findFirst()
			.orElseThrow(() -> new CaseNotFound("No such task."));
		var title = change.title() == null ? task.title() : required("title", change.title(), MAX_TITLE);
		var owner = change.ownerId() == null ? task.ownerId() : change.ownerId();
		if (change.ownerId() != null) {
			checkOwner(viewer, header, change.ownerId());
		}
		var now = Instant.now(clock);
		var doneAt = change.done() == null ? task.doneAt() : change.done() ? (task.doneAt() != null ? task.doneAt() : now) : null;
		var updated = new CaseDetail.Task(taskId, title, owner, null, change.dueOn() == null ? task.dueOn() : change.dueOn(), doneAt);
		dao.updateTask(caseId, updated, doneAt == null ? null : viewer.userId());
		dao.touch(caseId, now);
		var details = new LinkedHashMap<String, String>();
		details.put("number", header.number());
		details.put("task", taskId.toString());
		if (change.done() != null) {
			details.put("done", String.valueOf(change.done()));
		}
		audit.record("case.task-changed", "case", caseId, details);
		return task(caseId, taskId);
	}

	private CaseDetail.Task task(UUID caseId, UUID taskId) {
		return dao.tasks(caseId).stream().filter(t -> t.id().equals(taskId)).findFirst().orElseThrow();
	}

	@Transactional
	public CaseDetail.Contact addContact(Viewer viewer, UUID caseId, ContactDraft draft) {
		var header = changeable(viewer, caseId);
		var name = required("name", draft.name(), MAX_TITLE);
		var organisation = Triage.optionalText("organisation", draft.organisation(), MAX_TITLE);
		var address = Triage.optionalText("address", draft.address(), MAX_SHORT);
		var country = draft.country() == null || draft.country().isBlank() ? null
				: draft.country().strip().toUpperCase(Locale.ROOT);
		if (country != null && !COUNTRIES.contains(country)) {
			throw new InvalidInput("country", "case.error.country", "An ISO 3166 country code of two letters (JP, US).");
		}
		if (draft.foreignCsirt() && country == null) {
			throw new InvalidInput("country", "case.error.country-required", "A foreign CSIRT needs its country.");
		}
		if (draft.channel() == null) {
			throw new InvalidInput("channel", "case.error.channel", "Choose how to reach the contact.");
		}
		var contact = new CaseDetail.Contact(Ids.newId(clock), name, organisation, country, draft.channel(), address,
				draft.foreignCsirt());
		var now = Instant.now(clock);
		dao.insertContact(caseId, contact, viewer.userId(), now);
		dao.touch(caseId, now);
		audit.record("case.contact-added", "case", caseId, Map.of("number", header.number(), "contact", contact.id().toString()));
		return contact;
	}

	@Transactional
	public CaseDetail.LogEntry addLog(Viewer viewer, UUID caseId, @Nullable String body) {
		var header = changeable(viewer, caseId);
		var text = required("body", body, MAX_TEXT);
		var id = Ids.newId(clock);
		var now = Instant.now(clock);
		dao.insertLog(id, caseId, viewer.userId(), text, now);
		dao.touch(caseId, now);
		audit.record("case.log-added", "case", caseId, Map.of("number", header.number(), "entry", id.toString()));
		return dao.log(caseId).stream().filter(e -> e.id().equals(id)).findFirst().orElseThrow();
	}

	@Transactional
	public CaseDetail.Evidence addEvidence(Viewer viewer, UUID caseId, @Nullable String fileName,
			@Nullable String description, InputStream content) {
		var header = changeable(viewer, caseId);
		var text = Triage.optionalText("description", description, MAX_SHORT);
		var id = Ids.newId(clock);
		var now = Instant.now(clock);
		var stored = files.store(id, now, content);
		var evidence = new CaseDetail.Evidence(id, FileStore.safeName(fileName == null ? "" : fileName), text,
				stored.contentType(), stored.size(), stored.sha256(), "", now);
		dao.insertEvidence(caseId, evidence, stored.key(), viewer.userId());
		dao.touch(caseId, now);
		audit.record("case.evidence-added", "case", caseId, Map.of("number", header.number(), "evidence", id.toString(),
				"sha256", stored.sha256(), "size", String.valueOf(stored.size())));
		return dao.evidence(caseId, id).orElseThrow().evidence();
	}

	/** Refuses (404 or 403, as a change would) before a form's own checks, so they never reveal more. */
	@Transactional
	public void checkChangeable(Viewer viewer, UUID caseId) {
		changeable(viewer, caseId);
	}

	/** The evidence and its file, for those who see the whole case. Downloads are audited. */
	@Transactional
	public Download openEvidence(Viewer viewer, UUID caseId, UUID evidenceId) {
		var header = dao.find(viewer, caseId, false).filter(h -> h.access() == CaseAccess.FULL).orElseThrow(CaseNotFound::new);
		var stored = dao.evidence(caseId, evidenceId).orElseThrow(CaseNotFound::new);
		audit.record("case.evidence-downloaded", "case", caseId,
				Map.of("number", header.number(), "evidence", evidenceId.toString()));
		return new Download(stored.evidence(), files.file(stored.storageKey()));
	}

	@Transactional
	public void close(Viewer viewer, UUID caseId, @Nullable String summary) {
		var header = changeable(viewer, caseId);
		var text = required("closureSummary", summary, MAX_TEXT);
		dao.close(caseId, text, viewer.userId(), Instant.now(clock));
		audit.record("case.closed", "case", caseId, Map.of("number", header.number()));
	}

	@Transactional
	public void reopen(Viewer viewer, UUID caseId) {
		var header = workable(viewer, caseId);
		if (header.status() == CaseStatus.OPEN) {
			return;
		}
		dao.reopen(caseId, Instant.now(clock));
		audit.record("case.reopened", "case", caseId, Map.of("number", header.number()));
	}

	// --- rules

	/** The case locked, seen in full by a case worker; otherwise not found (or forbidden when they see its summary). */
	private CaseDao.Header workable(Viewer viewer, UUID caseId) {
		var header = dao.find(viewer, caseId, true).orElseThrow(CaseNotFound::new);
		if (header.access() != CaseAccess.FULL || !caseWorker(viewer)) {
			throw forbidden();
		}
		return header;
	}

	/** As {@link #workable}, and still open: a closed case is reopened before it changes again. */
	private CaseDao.Header changeable(Viewer viewer, UUID caseId) {
		var header = workable(viewer, caseId);
		if (header.status() != CaseStatus.OPEN) {
			throw new InvalidInput("status", "case.error.closed", "The case is closed; reopen it first.", HttpStatus.CONFLICT);
		}
		return header;
	}

	private void checkOwner(Viewer viewer, CaseDao.Header header, @Nullable UUID owner) {
		if (owner != null && taskOwners(viewer, header).stream().noneMatch(a -> a.userId().equals(owner))) {
			throw new InvalidInput("ownerId", "case.error.owner", "Not an analyst or coordinator working on this case.");
		}
	}

	private static String required(String field, @Nullable String text, int max) {
		var value = Triage.optionalText(field, text, max);
		if (value == null) {
			throw new InvalidInput(field, "case.error.required", "Required.");
		}
		return value;
	}

	private static String ownerName(Map<UUID, Directory.OrganisationRef> owners, UUID id) {
		return Optional.ofNullable(owners.get(id)).map(Directory.OrganisationRef::name).orElse("—");
	}

	static InvalidInput forbidden() {
		return new InvalidInput("case", "case.error.forbidden",
				"Only the centre's analysts and coordinators working on the case may change it.", HttpStatus.FORBIDDEN);
	}
}
