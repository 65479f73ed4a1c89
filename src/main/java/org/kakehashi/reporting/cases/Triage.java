package org.kakehashi.reporting.cases;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
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
import org.kakehashi.platform.KakehashiProperties;
import org.kakehashi.platform.Mailer;
import org.kakehashi.platform.Page;
import org.kakehashi.reporting.ReportKind;
import org.kakehashi.reporting.Viewer;
import org.kakehashi.reporting.internal.ReportNotFound;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The national centre's triage of the reports it received: a queue, assignment, the centre's own severity
 * beside the reporter's, duplicates, links between related reports, ATT&CK ids, notes, and requests for
 * coordination (which let a coordinator organisation read the report). Only centre analysts and
 * coordinators triage; every change is audited with what changed, never with the text written.
 */
@Service
public class Triage {

	/** The queue's tabs. OVERDUE: received over a day ago and still nobody's. */
	public enum Filter {
		OPEN, NEW, UNASSIGNED, MINE, OVERDUE, CLOSED
	}


	static final Duration OVERDUE_AFTER = Duration.ofHours(24);
	static final int MAX_NOTE = 20_000;
	static final int MAX_LINK_NOTE = 2_000;

	public record QueueEntry(UUID reportId, String number, @Nullable String title, ReportKind kind,
			String organisationName, List<String> sectors, @Nullable Integer reporterSeverity,
			@Nullable Integer centreSeverity, TriageStatus status, @Nullable UUID assigneeId,
			@Nullable String assigneeName, @Nullable Instant submittedAt, @Nullable Instant receivedAt, boolean overdue,
			@Nullable String duplicateOfNumber) {
	}

	public record LinkedReport(UUID reportId, String number, @Nullable String title, @Nullable String note) {
	}

	public record Note(UUID id, String authorName, String body, Instant createdAt) {
	}

	public record CoordinatorOption(UUID organisationId, String name, boolean granted) {
	}

	public record Assignee(UUID userId, String displayName) {
	}

	/** Everything the triage panel on a report's page shows. */
	public record Panel(UUID reportId, String number, @Nullable String title, @Nullable Integer reporterSeverity,
			TriageState state, @Nullable String assigneeName, @Nullable String duplicateOfNumber,
			List<LinkedReport> links, List<Note> notes, List<Assignee> assignees, List<CoordinatorOption> coordinators,
			List<Cases.CaseRef> cases) {

		public TriageStatus[] statuses() {
			return TriageStatus.values();
		}

		public String techniquesText() {
			return String.join(", ", state.techniques());
		}
	}

	/** A change from the API: only the fields present are changed ({@code assigneeId: null} unassigns). */
	public record Change(Optional<Optional<UUID>> assigneeId, Optional<TriageStatus> status,
			Optional<Optional<Integer>> centreSeverity, @Nullable String severityReason, Optional<String> duplicateOf,
			Optional<List<String>> techniques) {
	}

	private final TriageDao dao;
	private final Cases cases;
	private final Directory directory;
	private final AuditLog audit;
	private final Clock clock;
	private final Mailer mailer;
	private final KakehashiProperties properties;

	Triage(TriageDao dao, Cases cases, Directory directory, AuditLog audit, Clock clock, Mailer mailer,
			KakehashiProperties properties) {
		this.dao = dao;
		this.cases = cases;
		this.directory = directory;
		this.audit = audit;
		this.clock = clock;
		this.mailer = mailer;
		this.properties = properties;
	}

	/** The panel for a report's page; empty when the viewer does not triage or may not see the report. */
	@Transactional(readOnly = true)
	public Optional<Panel> panelFor(Viewer viewer, UUID reportId) {
		if (!viewer.centreAnalyst()) {
			return Optional.empty();
		}
		return dao.visibleReport(viewer, reportId, true).map(report -> panel(viewer, report));
	}

	/** The panel, refusing like every triage action: not found when invisible, forbidden when not centre staff. */
	@Transactional(readOnly = true)
	public Panel panel(Viewer viewer, UUID reportId) {
		return panel(viewer, triageable(viewer, reportId));
	}

	private Panel panel(Viewer viewer, TriageDao.ReportRef report) {
		var stored = dao.find(report.id());
		var state = stored.map(TriageDao.Stored::state).orElse(TriageState.initial());
		var links = dao.links(viewer, report.id()).stream()
			.map(l -> new LinkedReport(l.reportId(), l.number(), l.title(), l.note()))
			.toList();
		var notes = dao.notes(report.id()).stream().map(n -> new Note(n.id(), n.authorName(), n.body(), n.createdAt())).toList();
		var granted = Set.copyOf(dao.grantedOrganisations(report.id()));
		var coordinators = directory.organisationsOfType(OrganisationType.COORDINATOR, List.of()).stream()
			.map(o -> new CoordinatorOption(o.id(), o.name(), granted.contains(o.id())))
			.toList();
		return new Panel(report.id(), report.number(), report.title(), report.severity(), state,
				stored.map(TriageDao.Stored::assigneeName).orElse(null),
				stored.map(TriageDao.Stored::duplicateNumber).orElse(null), links, notes, assignees(viewer),
				coordinators, cases.onReport(viewer, report.id()));
	}

	@Transactional(readOnly = true)
	public Page<QueueEntry> queue(Viewer viewer, Filter filter, int page, int size) {
		requireCentre(viewer);
		var now = Instant.now(clock);
		var overdueBefore = now.minus(OVERDUE_AFTER);
		var total = new long[1];
		var rows = dao.queue(viewer, filter, overdueBefore, page * size, size, total);
		var names = directory.organisations(rows.stream().map(TriageDao.Row::organisationId).distinct().toList());
		var items = rows.stream().map(r -> new QueueEntry(r.reportId(), r.number(), r.title(), r.kind(),
				Optional.ofNullable(names.get(r.organisationId())).map(Directory.OrganisationRef::name).orElse("—"),
				r.sectors(), r.reporterSeverity(), r.centreSeverity(), r.status(), r.assigneeId(), r.assigneeName(),
				r.submittedAt(), r.receivedAt(),
				r.status() != TriageStatus.CLOSED && r.assigneeId() == null && r.submittedAt() != null
						&& r.submittedAt().isBefore(overdueBefore),
				r.duplicateNumber())).toList();
		return new Page<>(items, page, size, total[0]);
	}

	@Transactional(readOnly = true)
	public long count(Viewer viewer, Filter filter) {
		return viewer.centreAnalyst() ? dao.count(viewer, filter, Instant.now(clock).minus(OVERDUE_AFTER)) : 0;
	}

	@Transactional(readOnly = true)
	public Optional<TriageState> state(Viewer viewer, UUID reportId) {
		requireCentre(viewer);
		return dao.visibleReport(viewer, reportId, true)
			.map(r -> dao.find(r.id()).map(TriageDao.Stored::state).orElse(TriageState.initial()));
	}

	@Transactional
	public TriageState assign(Viewer viewer, UUID reportId, @Nullable UUID assignee) {
		return change(viewer, reportId, new Change(Optional.of(Optional.ofNullable(assignee)), Optional.empty(),
				Optional.empty(), null, Optional.empty(), Optional.empty()));
	}

	@Transactional
	public TriageState moveTo(Viewer viewer, UUID reportId, TriageStatus status) {
		return change(viewer, reportId, new Change(Optional.empty(), Optional.of(status), Optional.empty(), null,
				Optional.empty(), Optional.empty()));
	}

	@Transactional
	public TriageState rerate(Viewer viewer, UUID reportId, @Nullable Integer level, @Nullable String reason) {
		return change(viewer, reportId, new Change(Optional.empty(), Optional.empty(), Optional.of(Optional.ofNullable(level)),
				reason, Optional.empty(), Optional.empty()));
	}

	@Transactional
	public TriageState markDuplicate(Viewer viewer, UUID reportId, String original) {
		return change(viewer, reportId, new Change(Optional.empty(), Optional.empty(), Optional.empty(), null,
				Optional.of(original), Optional.empty()));
	}

	@Transactional
	public TriageState tag(Viewer viewer, UUID reportId, List<String> techniques) {
		return change(viewer, reportId, new Change(Optional.empty(), Optional.empty(), Optional.empty(), null,
				Optional.empty(), Optional.of(techniques)));
	}

	/** Applies every present part of the change in one transaction with one audit entry naming what changed. */
	@Transactional
	public TriageState change(Viewer viewer, UUID reportId, Change change) {
		var report = triageable(viewer, reportId);
		var now = Instant.now(clock);
		var before = dao.lock(report.id(), viewer.userId(), now);
		var after = before;
		var details = new LinkedHashMap<String, String>();
		details.put("number", report.number());
		if (change.assigneeId().isPresent()) {
			var assignee = change.assigneeId().get().orElse(null);
			if (assignee != null && assignees(viewer).stream().noneMatch(a -> a.userId().equals(assignee))) {
				throw new InvalidInput("assigneeId", "triage.error.assignee", "Not an analyst or coordinator of the centre.");
			}
			after = after.assign(assignee);
			details.put("assignee", assignee == null ? "" : assignee.toString());
		}
		if (change.status().isPresent()) {
			after = after.moveTo(change.status().get());
		}
		if (change.centreSeverity().isPresent()) {
			after = after.rerate(change.centreSeverity().get().orElse(null), change.severityReason());
			details.put("centreSeverity", String.valueOf(after.centreSeverity()));
		}
		if (change.duplicateOf().isPresent()) {
			var original = dao.visibleReport(viewer, change.duplicateOf().get(), true)
				.orElseThrow(() -> new InvalidInput("duplicateOf", "triage.error.no-such-report", "No such report."));
			if (original.id().equals(report.id())) {
				throw new InvalidInput("duplicateOf", "triage.error.self", "A report is not a duplicate of itself.");
			}
			if (dao.isDuplicate(original.id())) {
				throw new InvalidInput("duplicateOf", "triage.error.original-is-duplicate",
						"That report is itself a duplicate; choose the original.");
			}
			after = after.markDuplicateOf(original.id());
			details.put("duplicateOf", original.number());
		}
		if (change.techniques().isPresent()) {
			after = after.tag(change.techniques().get());
			details.put("techniques", String.join(",", after.techniques()));
		}
		if (after.status() != before.status()) {
			details.put("status", after.status().name());
		}
		if (!after.equals(before)) {
			dao.save(report.id(), after, viewer.userId(), now);
			audit.record("triage.updated", "report", report.id(), details);
		}
		return after;
	}

	@Transactional
	public void link(Viewer viewer, UUID reportId, String other, @Nullable String note) {
		var report = triageable(viewer, reportId);
		var target = dao.visibleReport(viewer, other, true)
			.orElseThrow(() -> new InvalidInput("reportId", "triage.error.no-such-report", "No such report."));
		if (target.id().equals(report.id())) {
			throw new InvalidInput("reportId", "triage.error.link-self", "A report is not linked to itself.");
		}
		var text = optionalText("note", note, MAX_LINK_NOTE);
		dao.link(report.id(), target.id(), text, viewer.userId(), Instant.now(clock));
		audit.record("triage.linked", "report", report.id(), Map.of("number", report.number(), "linked", target.number()));
	}

	@Transactional
	public void unlink(Viewer viewer, UUID reportId, UUID other) {
		var report = triageable(viewer, reportId);
		var target = dao.visibleReport(viewer, other, true).orElseThrow(ReportNotFound::new);
		if (dao.unlink(report.id(), target.id())) {
			audit.record("triage.unlinked", "report", report.id(), Map.of("number", report.number(), "unlinked", target.number()));
		}
	}

	@Transactional
	public Note addNote(Viewer viewer, UUID reportId, @Nullable String body) {
		var report = triageable(viewer, reportId);
		var text = optionalText("body", body, MAX_NOTE);
		if (text == null) {
			throw new InvalidInput("body", "triage.error.note-empty", "Write the note first.");
		}
		var id = Ids.newId(clock);
		var now = Instant.now(clock);
		dao.addNote(id, report.id(), viewer.userId(), text, now);
		audit.record("triage.note-added", "report", report.id(), Map.of("number", report.number(), "note", id.toString()));
		return dao.notes(report.id()).stream().filter(n -> n.id().equals(id)).findFirst()
			.map(n -> new Note(n.id(), n.authorName(), n.body(), n.createdAt())).orElseThrow();
	}

	/**
	 * Asks a coordinator organisation (JPCERT/CC-like) for help: from now on it may read the report, and open or
	 * join a coordination case on it. Coordinators see no report without such a grant.
	 */
	@Transactional
	public boolean requestCoordination(Viewer viewer, UUID reportId, @Nullable UUID organisationId) {
		var report = triageable(viewer, reportId);
		var coordinator = Optional.ofNullable(organisationId).flatMap(directory::organisation)
			.filter(o -> o.type() == OrganisationType.COORDINATOR)
			.orElseThrow(() -> new InvalidInput("organisationId", "triage.error.not-coordinator",
					"Not a coordinator organisation."));
		var granted = dao.grant(report.id(), coordinator.id(), "case", viewer.userId(), Instant.now(clock));
		if (granted) {
			audit.record("report.coordination-requested", "report", report.id(),
					Map.of("number", report.number(), "organisation", coordinator.id().toString()));
			var centre = directory.organisation(viewer.organisationId()).map(Directory.OrganisationRef::name).orElse("");
			var recipients = directory.contacts(coordinator.id(), Set.of(Role.COORDINATOR));
			mailer.afterCommit("a coordination request", () -> recipients.forEach(to -> mailer.sendInBothLanguages(
					to.email(), to.locale(), "mail.coordination-requested.subject", "mail.coordination-requested.body", report.number(), centre,
					properties.link("/cases"))));
		}
		return granted;
	}


	/** Analysts and coordinators of the viewer's centre, the people triage can be assigned to. */
	List<Assignee> assignees(Viewer viewer) {
		var people = new ArrayList<Assignee>();
		for (var contact : directory.contacts(viewer.organisationId(), Set.of(Role.ANALYST, Role.COORDINATOR))) {
			people.add(new Assignee(contact.userId(), contact.displayName()));
		}
		return people;
	}

	/** A received report the viewer may triage; invisible reads as not found, visible but not theirs to triage as forbidden. */
	private TriageDao.ReportRef triageable(Viewer viewer, UUID reportId) {
		if (!viewer.centreAnalyst()) {
			if (dao.visibleReport(viewer, reportId, false).isPresent()) {
				throw forbidden();
			}
			throw new ReportNotFound();
		}
		return dao.visibleReport(viewer, reportId, true).orElseThrow(ReportNotFound::new);
	}

	private static void requireCentre(Viewer viewer) {
		if (!viewer.centreAnalyst()) {
			throw forbidden();
		}
	}

	static InvalidInput forbidden() {
		return new InvalidInput("report", "triage.error.centre-only", "Only the national centre's analysts triage reports.",
				HttpStatus.FORBIDDEN);
	}

	static @Nullable String optionalText(String field, @Nullable String text, int max) {
		if (text == null || text.isBlank()) {
			return null;
		}
		var stripped = text.strip();
		if (stripped.length() > max) {
			throw new InvalidInput(field, "triage.error.too-long", "At most " + max + " characters.");
		}
		return stripped;
	}
}
