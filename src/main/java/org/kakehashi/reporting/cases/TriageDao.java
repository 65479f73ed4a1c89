package org.kakehashi.reporting.cases;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.kakehashi.platform.SqlText;
import org.kakehashi.reporting.ReportKind;
import org.kakehashi.reporting.Viewer;
import org.kakehashi.reporting.internal.ReportVisibility;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Triage rows, links and notes. Every read that returns report data joins {@code report r} and goes through
 * {@link ReportVisibility#VISIBLE}; the centre additionally only triages what it has received.
 */
@Repository
class TriageDao {

	/** A received report the viewer may see, as triage needs it. */
	static final String RECEIVED = " r.status <> 'DRAFT' and r.centre_received_at is not null and " + ReportVisibility.VISIBLE;

	private final JdbcClient jdbc;

	TriageDao(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	record ReportRef(UUID id, String number, @Nullable String title, @Nullable Integer severity, @Nullable Instant submittedAt) {
	}

	/** By id or by number (INC-2026-000123), among reports the viewer may see; both miss alike otherwise. */
	Optional<ReportRef> visibleReport(Viewer viewer, String reference, boolean receivedByCentre) {
		UUID id = null;
		try {
			id = UUID.fromString(reference.strip());
		} catch (IllegalArgumentException notAnId) {
			// a report number then
		}
		var predicate = receivedByCentre ? RECEIVED : " r.status <> 'DRAFT' and " + ReportVisibility.VISIBLE;
		var sql = "select r.id, r.number, r.title, r.severity, r.submitted_at from report r where "
				+ (id != null ? "r.id = :id" : "r.number = :number") + " and " + predicate;
		var spec = jdbc.sql(sql);
		spec = id != null ? spec.param("id", id) : spec.param("number", reference.strip().toUpperCase(java.util.Locale.ROOT));
		return ReportVisibility.bind(spec, viewer).query(TriageDao::reportRef).optional();
	}

	Optional<ReportRef> visibleReport(Viewer viewer, UUID id, boolean receivedByCentre) {
		return visibleReport(viewer, id.toString(), receivedByCentre);
	}

	static ReportRef reportRef(ResultSet rs, int row) throws SQLException {
		return new ReportRef(rs.getObject("id", UUID.class), rs.getString("number"), rs.getString("title"),
				(Integer) rs.getObject("severity"), SqlText.instant(rs, "submitted_at"));
	}

	/** The state, locked for a change; a report nobody has triaged yet gets its NEW row first. */
	TriageState lock(UUID reportId, UUID by, Instant now) {
		jdbc.sql("""
				insert into report_triage (report_id, status, updated_at, updated_by) values (:id, 'NEW', :now, :by)
				on conflict do nothing
				""").param("id", reportId).param("now", Timestamp.from(now)).param("by", by).update();
		return jdbc.sql("select * from report_triage where report_id = :id for update").param("id", reportId)
			.query(TriageDao::state).single();
	}

	Optional<Stored> find(UUID reportId) {
		return jdbc.sql("""
				select t.*, u.display_name as assignee_name, d.number as duplicate_number
				from report_triage t left join app_user u on u.id = t.assignee_id left join report d on d.id = t.duplicate_of
				where t.report_id = :id
				""").param("id", reportId)
			.query((rs, row) -> new Stored(state(rs, row), rs.getString("assignee_name"), rs.getString("duplicate_number"),
					SqlText.instant(rs, "updated_at")))
			.optional();
	}

	record Stored(TriageState state, @Nullable String assigneeName, @Nullable String duplicateNumber, @Nullable Instant updatedAt) {
	}

	void save(UUID reportId, TriageState s, UUID by, Instant now) {
		jdbc.sql("""
				update report_triage set status = :status, assignee_id = :assignee, centre_severity = :severity,
				  severity_reason = :reason, duplicate_of = :duplicate, techniques = :techniques::text[],
				  updated_at = :now, updated_by = :by
				where report_id = :id
				""")
			.param("id", reportId).param("status", s.status().name()).param("assignee", s.assigneeId())
			.param("severity", s.centreSeverity()).param("reason", s.severityReason()).param("duplicate", s.duplicateOf())
			.param("techniques", s.techniques().toArray(String[]::new)).param("now", Timestamp.from(now)).param("by", by)
			.update();
	}

	static TriageState state(ResultSet rs, int row) throws SQLException {
		var techniques = rs.getArray("techniques");
		return new TriageState(TriageStatus.valueOf(rs.getString("status")), rs.getObject("assignee_id", UUID.class),
				(Integer) rs.getObject("centre_severity"), rs.getString("severity_reason"),
				rs.getObject("duplicate_of", UUID.class),
				techniques == null ? List.of() : Arrays.asList((String[]) techniques.getArray()));
	}

	/** Whether the report is itself marked as a duplicate (then it cannot be anybody's original). */
	boolean isDuplicate(UUID reportId) {
		return jdbc.sql("select count(*) from report_triage where report_id = :id and duplicate_of is not null")
			.param("id", reportId).query(Long.class).single() > 0;
	}

	// --- the queue

	record Row(UUID reportId, String number, @Nullable String title, ReportKind kind, UUID organisationId,
			List<String> sectors, @Nullable Integer reporterSeverity, @Nullable Integer centreSeverity,
			TriageStatus status, @Nullable UUID assigneeId, @Nullable String assigneeName, @Nullable Instant submittedAt,
			@Nullable Instant receivedAt, @Nullable String duplicateNumber) {
	}

	List<Row> queue(Viewer viewer, Triage.Filter filter, Instant overdueBefore, int offset, int limit, long[] total) {
		var sql = """
				select r.id, r.number, r.title, r.kind, r.organisation_id, r.sectors, r.severity, r.submitted_at,
				  r.centre_received_at, coalesce(t.status, 'NEW') as triage_status, t.assignee_id, t.centre_severity,
				  u.display_name as assignee_name, d.number as duplicate_number, count(*) over () as total
				from report r
				left join report_triage t on t.report_id = r.id
				left join app_user u on u.id = t.assignee_id
				left join report d on d.id = t.duplicate_of
				where""" + RECEIVED + " and " + filterSql(filter) + """
				 order by coalesce(t.centre_severity, r.severity) desc nulls last, r.submitted_at asc, r.number
				limit :limit offset :offset
				""";
		var rows = ReportVisibility.bind(jdbc.sql(sql), viewer)
			.param("me", viewer.userId()).param("overdueBefore", Timestamp.from(overdueBefore))
			.param("limit", limit).param("offset", offset)
			.query((rs, n) -> {
				total[0] = rs.getLong("total");
				return new Row(rs.getObject("id", UUID.class), rs.getString("number"), rs.getString("title"),
						ReportKind.valueOf(rs.getString("kind")), rs.getObject("organisation_id", UUID.class),
						Arrays.asList((String[]) rs.getArray("sectors").getArray()), (Integer) rs.getObject("severity"),
						(Integer) rs.getObject("centre_severity"), TriageStatus.valueOf(rs.getString("triage_status")),
						rs.getObject("assignee_id", UUID.class), rs.getString("assignee_name"),
						SqlText.instant(rs, "submitted_at"), SqlText.instant(rs, "centre_received_at"),
						rs.getString("duplicate_number"));
			})
			.list();
		if (rows.isEmpty() && offset > 0) {
			total[0] = count(viewer, filter, overdueBefore);
		}
		return rows;
	}

	long count(Viewer viewer, Triage.Filter filter, Instant overdueBefore) {
		var sql = "select count(*) from report r left join report_triage t on t.report_id = r.id where" + RECEIVED + " and "
				+ filterSql(filter);
		return ReportVisibility.bind(jdbc.sql(sql), viewer).param("me", viewer.userId())
			.param("overdueBefore", Timestamp.from(overdueBefore)).query(Long.class).single();
	}

	private static String filterSql(Triage.Filter filter) {
		return switch (filter) {
			case OPEN -> "coalesce(t.status, 'NEW') <> 'CLOSED'";
			case NEW -> "coalesce(t.status, 'NEW') = 'NEW'";
			case UNASSIGNED -> "t.assignee_id is null and coalesce(t.status, 'NEW') <> 'CLOSED'";
			case MINE -> "t.assignee_id = :me and t.status <> 'CLOSED'";
			case OVERDUE -> "r.submitted_at < :overdueBefore and t.assignee_id is null and coalesce(t.status, 'NEW') <> 'CLOSED'";
			case CLOSED -> "t.status = 'CLOSED'";
		};
	}

	// --- links and notes

	record LinkRow(UUID reportId, String number, @Nullable String title, @Nullable String note, Instant createdAt) {
	}

	/** Linked reports the viewer may see; a link to one they may not see is simply not shown. */
	List<LinkRow> links(Viewer viewer, UUID reportId) {
		return ReportVisibility.bind(jdbc.sql("""
				select r.id, r.number, r.title, l.note, l.created_at
				from report_link l join report r on r.id = case when l.report_a = :id then l.report_b else l.report_a end
				where (l.report_a = :id or l.report_b = :id) and""" + RECEIVED + """
				 order by l.created_at
				"""), viewer).param("id", reportId)
			.query((rs, n) -> new LinkRow(rs.getObject("id", UUID.class), rs.getString("number"), rs.getString("title"),
					rs.getString("note"), SqlText.instant(rs, "created_at")))
			.list();
	}

	boolean link(UUID one, UUID other, @Nullable String note, UUID by, Instant now) {
		var a = one.compareTo(other) < 0 ? one : other;
		var b = a.equals(one) ? other : one;
		return jdbc.sql("""
				insert into report_link (report_a, report_b, note, created_by, created_at) values (:a, :b, :note, :by, :now)
				on conflict (report_a, report_b) do update set note = excluded.note
				""")
			.param("a", a).param("b", b).param("note", note).param("by", by).param("now", Timestamp.from(now))
			.update() == 1;
	}

	boolean unlink(UUID one, UUID other) {
		return jdbc.sql("""
				delete from report_link where (report_a = :one and report_b = :other) or (report_a = :other and report_b = :one)
				""").param("one", one).param("other", other).update() > 0;
	}

	record NoteRow(UUID id, String authorName, String body, Instant createdAt) {
	}

	void addNote(UUID id, UUID reportId, UUID author, String body, Instant now) {
		jdbc.sql("""
				insert into report_triage_note (id, report_id, author_id, body, created_at) values (:id, :report, :author, :body, :now)
				""").param("id", id).param("report", reportId).param("author", author).param("body", body)
			.param("now", Timestamp.from(now)).update();
	}

	List<NoteRow> notes(UUID reportId) {
		return jdbc.sql("""
				select n.id, u.display_name, n.body, n.created_at from report_triage_note n join app_user u on u.id = n.author_id
				where n.report_id = :id order by n.created_at, n.id
				""").param("id", reportId)
			.query((rs, row) -> new NoteRow(rs.getObject("id", UUID.class), rs.getString("display_name"), rs.getString("body"),
					SqlText.instant(rs, "created_at")))
			.list();
	}

	// --- coordination grants

	List<UUID> grantedOrganisations(UUID reportId) {
		return jdbc.sql("select organisation_id from report_access where report_id = :id").param("id", reportId)
			.query(UUID.class).list();
	}

	boolean grant(UUID reportId, UUID organisationId, String reason, UUID by, Instant now) {
		return jdbc.sql("""
				insert into report_access (report_id, organisation_id, reason, granted_by, granted_at)
				values (:report, :org, :reason, :by, :now) on conflict do nothing
				""").param("report", reportId).param("org", organisationId).param("reason", reason).param("by", by)
			.param("now", Timestamp.from(now)).update() == 1;
	}
}
