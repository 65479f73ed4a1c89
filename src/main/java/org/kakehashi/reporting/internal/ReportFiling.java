package org.kakehashi.reporting.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.kakehashi.audit.AuditLog;
import org.kakehashi.platform.Ids;
import org.kakehashi.platform.InvalidInput;
import org.kakehashi.platform.KakehashiProperties;
import org.kakehashi.reporting.ReportStatus;
import org.kakehashi.reporting.ReportSubmitted;
import org.kakehashi.reporting.Viewer;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Filing reports: drafts, the initial submission, updates and the final report, each submission a new whole
 * version; the ministry's relay to the centre. Every change is one transaction with its audit entry, and the
 * audit entry names the fields that changed, never their content.
 */
@Service
public class ReportFiling {

	/** What a submission is meant to be; the resulting status follows from it and the current state. */
	public enum Submission {
		/** Initial report from a draft, or an update of a submitted report. */
		REPORT,
		/** The final report; no updates after it. */
		FINAL
	}

	private final ReportDao dao;
	private final AuditLog audit;
	private final ApplicationEventPublisher events;
	private final Clock clock;
	private final KakehashiProperties properties;

	ReportFiling(ReportDao dao, AuditLog audit, ApplicationEventPublisher events, Clock clock,
			KakehashiProperties properties) {
		this.dao = dao;
		this.audit = audit;
		this.events = events;
		this.clock = clock;
		this.properties = properties;
	}

	@Transactional(readOnly = true)
	public Optional<Report> find(Viewer viewer, UUID id) {
		return dao.find(id, viewer);
	}

	@Transactional
	public Report createDraft(Viewer viewer, ReportContent content) {
		requireReporter(viewer);
		var now = Instant.now(clock);
		var checked = ReportRules.check(content, viewer.sectors(), false, now);
		var id = Ids.newId(clock);
		var number = dao.nextNumber(checked.kind(), now.atZone(ZoneOffset.UTC).getYear());
		dao.insert(id, number, viewer.organisationId(), viewer.userId(), checked, now);
		audit.record("report.draft-created", "report", id, Map.of("number", number, "kind", checked.kind().name()));
		return dao.lock(id).orElseThrow();
	}

	@Transactional
	public Report saveDraft(Viewer viewer, UUID id, ReportContent content) {
		var report = editable(viewer, id);
		if (!report.draft()) {
			throw new InvalidInput("status", "report.error.not-draft",
					"Only drafts are saved in place; submit an update instead.", HttpStatus.CONFLICT);
		}
		var now = Instant.now(clock);
		var checked = ReportRules.check(content, viewer.sectors(), false, now);
		dao.writeContent(id, checked, now);
		audit.record("report.draft-saved", "report", id, Map.of("number", report.number(),
				"changed", String.join(",", changedFields(report.content(), checked))));
		return dao.lock(id).orElseThrow();
	}

	/** Creates and submits in one step (an API client that never keeps drafts). */
	@Transactional
	public Report createAndSubmit(Viewer viewer, ReportContent content, Submission submission) {
		requireReporter(viewer);
		// Checked as a submission first: the draft step alone would report only the problems drafts may not have.
		ReportRules.check(content, viewer.sectors(), true, Instant.now(clock));
		var draft = createDraft(viewer, content);
		return submit(viewer, draft.id(), content, submission, null);
	}

	/**
	 * Submits a new whole version.
	 *
	 * @param basedOnVersion when given, the version the reporter edited; a later one means someone else
	 *                       submitted in between, and this submission is refused rather than overwriting theirs
	 */
	@Transactional
	public Report submit(Viewer viewer, UUID id, ReportContent content, Submission submission,
			@Nullable Integer basedOnVersion) {
		var report = editable(viewer, id);
		if (report.closedForUpdates()) {
			throw new InvalidInput("status", "report.error.final", "The final report was submitted; no more updates.",
					HttpStatus.CONFLICT);
		}
		if (basedOnVersion != null && basedOnVersion != report.version()) {
			throw new InvalidInput("basedOnVersion", "report.error.stale",
					"Version " + report.version() + " was submitted since you started editing; review it first.",
					HttpStatus.CONFLICT);
		}
		var now = Instant.now(clock);
		var checked = ReportRules.check(content, viewer.sectors(), true, now);
		dao.writeContent(id, checked, now);
		var status = submission == Submission.FINAL ? ReportStatus.FINAL
				: report.draft() ? ReportStatus.SUBMITTED : ReportStatus.UPDATED;
		var version = report.version() + 1;
		var centreNow = properties.reporting().centreReceives() == KakehashiProperties.CentreRoute.DIRECTLY;
		dao.markSubmitted(id, status, version, now, centreNow);
		var files = dao.attachments(id).stream()
			.map(a -> new ReportVersion.AttachedFile(a.fileName(), a.sizeBytes(), a.sha256()))
			.toList();
		dao.insertVersion(id, version, status, new ReportVersion.Snapshot(checked, files), viewer.userId(), now);
		var details = new LinkedHashMap<String, String>();
		details.put("number", report.number());
		details.put("version", String.valueOf(version));
		details.put("status", status.name());
		if (!report.draft()) {
			details.put("changed", String.join(",", changedFields(report.content(), checked)));
		}
		audit.record("report.submitted", "report", id, details);
		events.publishEvent(new ReportSubmitted(id, report.number(), report.organisationId(), checked.sectors(), version,
				status, now));
		return dao.lock(id).orElseThrow();
	}

	@Transactional
	public void deleteDraft(Viewer viewer, UUID id) {
		var report = editable(viewer, id);
		if (!report.draft()) {
			throw new InvalidInput("status", "report.error.not-draft", "Only drafts can be deleted.", HttpStatus.CONFLICT);
		}
		dao.deleteDraft(id);
		audit.record("report.draft-deleted", "report", id, Map.of("number", report.number()));
	}

	/** The sector ministry adds its note and passes the report on to the national centre (情報連絡). */
	@Transactional
	public Report forward(Viewer viewer, UUID id, @Nullable String note) {
		var report = dao.find(id, viewer).orElseThrow(() -> notFound());
		if (!viewer.ministryStaff() || report.draft()
				|| report.content().sectors().stream().noneMatch(viewer.sectors()::contains)) {
			throw new InvalidInput("report", "report.error.forward-not-allowed",
					"Only the report's sector ministry can forward it.", HttpStatus.FORBIDDEN);
		}
		if (note != null && note.length() > ReportRules.MAX_TEXT) {
			throw new InvalidInput("note", "report.error.too-long", "At most " + ReportRules.MAX_TEXT + " characters.");
		}
		dao.lock(id);
		dao.forward(id, viewer.userId(), note == null || note.isBlank() ? null : note.strip(), Instant.now(clock));
		audit.record("report.forwarded", "report", id, Map.of("number", report.number()));
		return dao.lock(id).orElseThrow();
	}

	/** A report with its attachments and versions, as its page shows it: one visibility check, one transaction. */
	public record ReportView(Report report, List<Attachment> attachments, List<ReportVersion> versions) {
	}

	@Transactional(readOnly = true)
	public Optional<ReportView> view(Viewer viewer, UUID id) {
		return dao.find(id, viewer).map(report -> new ReportView(report, dao.attachments(id), dao.versions(id)));
	}

	@Transactional(readOnly = true)
	public List<ReportVersion> versions(Viewer viewer, UUID id) {
		dao.find(id, viewer).orElseThrow(() -> notFound());
		return dao.versions(id);
	}

	@Transactional(readOnly = true)
	public List<Attachment> attachments(Viewer viewer, UUID id) {
		dao.find(id, viewer).orElseThrow(() -> notFound());
		return dao.attachments(id);
	}

	/** The report, visible to the viewer and theirs to change; anything else reads as not found or forbidden. */
	Report editable(Viewer viewer, UUID id) {
		var visible = dao.find(id, viewer).orElseThrow(() -> notFound());
		if (!visible.organisationId().equals(viewer.organisationId()) || !viewer.reporter()) {
			throw new InvalidInput("report", "report.error.not-yours", "Only the reporting organisation's reporters can change it.",
					HttpStatus.FORBIDDEN);
		}
		return dao.lock(id).orElseThrow(() -> notFound());
	}

	private static void requireReporter(Viewer viewer) {
		if (!viewer.reporter()) {
			throw new InvalidInput("report", "report.error.not-reporter", "Only reporters can file reports.",
					HttpStatus.FORBIDDEN);
		}
	}

	static ReportNotFound notFound() {
		return new ReportNotFound();
	}

	/** Field names whose value differs between two contents, in form order. */
	static List<String> changedFields(ReportContent before, ReportContent after) {
		var changed = new ArrayList<String>();
		var a = ReportDiff.fields(before);
		var b = ReportDiff.fields(after);
		a.forEach((field, value) -> {
			if (!Objects.equals(value, b.get(field))) {
				changed.add(field);
			}
		});
		return changed;
	}
}
