package org.kakehashi.reporting.cases;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.kakehashi.platform.SqlText;
import org.kakehashi.reporting.Viewer;
import org.kakehashi.reporting.internal.ReportVisibility;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Cases and what hangs off them. Every read of a case goes through {@link CaseAccess#LEVEL}. */
@Repository
class CaseDao {

	private final JdbcClient jdbc;

	CaseDao(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	String nextNumber(int year) {
		var next = jdbc.sql("""
				insert into case_number (year, last) values (:year, 1)
				on conflict (year) do update set last = case_number.last + 1
				returning last
				""").param("year", year).query(Integer.class).single();
		return "CASE-%d-%04d".formatted(year, next);
	}

	void insert(UUID id, String number, String title, UUID ownerOrg, UUID by, Instant now) {
		jdbc.sql("""
				insert into coordination_case (id, number, title, owner_org_id, status, opened_by, opened_at, updated_at)
				values (:id, :number, :title, :owner, 'OPEN', :by, :now, :now)
				""").param("id", id).param("number", number).param("title", title).param("owner", ownerOrg)
			.param("by", by).param("now", Timestamp.from(now)).update();
	}

	boolean linkReport(UUID caseId, UUID reportId, UUID by, Instant now) {
		return jdbc.sql("""
				insert into case_report (case_id, report_id, linked_by, linked_at) values (:case, :report, :by, :now)
				on conflict do nothing
				""").param("case", caseId).param("report", reportId).param("by", by).param("now", Timestamp.from(now))
			.update() == 1;
	}

	/** The case header with the viewer's access level, if they have any. */
	record Header(UUID id, String number, String title, CaseStatus status, UUID ownerOrgId, @Nullable String closureSummary,
			Instant openedAt, @Nullable Instant closedAt, CaseAccess access) {
	}

	private static final String HEADER = """
			select * from (select c.id, c.number, c.title, c.status, c.owner_org_id, c.closure_summary, c.opened_at,
			  c.closed_at, c.updated_at, %s as access from coordination_case c) c
			where c.access is not null
			""".formatted(CaseAccess.LEVEL);

	Optional<Header> find(Viewer viewer, UUID caseId, boolean lock) {
		// Access is decided first; the lock, when asked for, is then taken on the row itself.
		var header = ReportVisibility.bind(jdbc.sql(HEADER + " and c.id = :id"), viewer).param("id", caseId)
			.query(CaseDao::header).optional();
		if (lock && header.isPresent()) {
			jdbc.sql("select id from coordination_case where id = :id for update").param("id", caseId).query(UUID.class).single();
		}
		return header;
	}

	static Header header(ResultSet rs, int row) throws SQLException {
		return new Header(rs.getObject("id", UUID.class), rs.getString("number"), rs.getString("title"),
				CaseStatus.valueOf(rs.getString("status")), rs.getObject("owner_org_id", UUID.class),
				rs.getString("closure_summary"), SqlText.instant(rs, "opened_at"), SqlText.instant(rs, "closed_at"),
				CaseAccess.valueOf(rs.getString("access")));
	}

	record ListRow(Header header, List<String> reportNumbers, int openTasks, long total) {
	}

	List<ListRow> list(Viewer viewer, @Nullable CaseStatus status, int offset, int limit) {
		var sql = """
				select c.*,
				  array(select r.number from case_report cr join report r on r.id = cr.report_id
				        where cr.case_id = c.id and""" + " " + ReportVisibility.VISIBLE + """
				         order by r.number) as report_numbers,
				  (select count(*) from case_task t where t.case_id = c.id and t.done_at is null) as open_tasks,
				  count(*) over () as total
				from (""" + HEADER + """
				) c
				where (cast(:status as text) is null or c.status = :status)
				order by c.status desc, c.updated_at desc, c.number desc
				limit :limit offset :offset
				""";
		return ReportVisibility.bind(jdbc.sql(sql), viewer)
			.param("status", status == null ? null : status.name()).param("limit", limit).param("offset", offset)
			.query((rs, row) -> new ListRow(header(rs, row), Arrays.asList((String[]) rs.getArray("report_numbers").getArray()),
					rs.getInt("open_tasks"), rs.getLong("total")))
			.list();
	}

	long count(Viewer viewer, @Nullable CaseStatus status) {
		return ReportVisibility.bind(jdbc.sql("select count(*) from (" + HEADER
				+ ") c where (cast(:status as text) is null or c.status = :status)"), viewer)
			.param("status", status == null ? null : status.name()).query(Long.class).single();
	}

	/** Cases on one report the viewer can see (the triage panel lists them). */
	List<Header> onReport(Viewer viewer, UUID reportId) {
		return ReportVisibility.bind(jdbc.sql(HEADER + """
				 and exists (select 1 from case_report cr where cr.case_id = c.id and cr.report_id = :report)
				order by c.opened_at
				"""), viewer).param("report", reportId).query(CaseDao::header).list();
	}

	/** The case's reports the viewer may read; one they may not read stays unnamed. */
	List<CaseDetail.LinkedReport> reports(Viewer viewer, UUID caseId) {
		return ReportVisibility.bind(jdbc.sql("""
				select r.id, r.number, r.title from case_report cr join report r on r.id = cr.report_id
				where cr.case_id = :case and""" + " " + ReportVisibility.VISIBLE + " order by cr.linked_at"), viewer)
			.param("case", caseId)
			.query((rs, row) -> new CaseDetail.LinkedReport(rs.getObject("id", UUID.class), rs.getString("number"),
					rs.getString("title")))
			.list();
	}

	void close(UUID caseId, String summary, UUID by, Instant now) {
		jdbc.sql("""
				update coordination_case set status = 'CLOSED', closure_summary = :summary, closed_by = :by, closed_at = :now,
				  updated_at = :now where id = :id
				""").param("id", caseId).param("summary", summary).param("by", by).param("now", Timestamp.from(now)).update();
	}

	void reopen(UUID caseId, Instant now) {
		jdbc.sql("update coordination_case set status = 'OPEN', updated_at = :now where id = :id")
			.param("id", caseId).param("now", Timestamp.from(now)).update();
	}

	void touch(UUID caseId, Instant now) {
		jdbc.sql("update coordination_case set updated_at = :now where id = :id").param("id", caseId)
			.param("now", Timestamp.from(now)).update();
	}

	// --- tasks

	void insertTask(UUID id, UUID caseId, String title, @Nullable UUID owner, @Nullable LocalDate dueOn, UUID by, Instant now) {
		jdbc.sql("""
				insert into case_task (id, case_id, title, owner_id, due_on, created_by, created_at)
				values (:id, :case, :title, :owner, :due, :by, :now)
				""").param("id", id).param("case", caseId).param("title", title).param("owner", owner)
			.param("due", dueOn == null ? null : Date.valueOf(dueOn)).param("by", by).param("now", Timestamp.from(now))
			.update();
	}

	void updateTask(UUID caseId, CaseDetail.Task task, @Nullable UUID doneBy) {
		jdbc.sql("""
				update case_task set title = :title, owner_id = :owner, due_on = :due, done_at = :doneAt, done_by = :doneBy
				where id = :id and case_id = :case
				""").param("id", task.id()).param("case", caseId).param("title", task.title()).param("owner", task.ownerId())
			.param("due", task.dueOn() == null ? null : Date.valueOf(task.dueOn()))
			.param("doneAt", task.doneAt() == null ? null : Timestamp.from(task.doneAt())).param("doneBy", doneBy)
			.update();
	}

	List<CaseDetail.Task> tasks(UUID caseId) {
		return jdbc.sql("""
				select t.id, t.title, t.owner_id, u.display_name, t.due_on, t.done_at
				from case_task t left join app_user u on u.id = t.owner_id
				where t.case_id = :case order by t.done_at nulls first, t.due_on nulls last, t.created_at
				""").param("case", caseId)
			.query((rs, row) -> new CaseDetail.Task(rs.getObject("id", UUID.class), rs.getString("title"),
					rs.getObject("owner_id", UUID.class), rs.getString("display_name"),
					rs.getObject("due_on", LocalDate.class), SqlText.instant(rs, "done_at")))
			.list();
	}

	// --- contacts, log, evidence

	void insertContact(UUID caseId, CaseDetail.Contact c, UUID by, Instant now) {
		jdbc.sql("""
				insert into case_contact (id, case_id, name, organisation, country, channel, address, foreign_csirt, created_by, created_at)
				values (:id, :case, :name, :org, :country, :channel, :address, :foreign, :by, :now)
				""").param("id", c.id()).param("case", caseId).param("name", c.name()).param("org", c.organisation())
			.param("country", c.country()).param("channel", c.channel().name()).param("address", c.address())
			.param("foreign", c.foreignCsirt()).param("by", by).param("now", Timestamp.from(now)).update();
	}

	List<CaseDetail.Contact> contacts(UUID caseId) {
		return jdbc.sql("select * from case_contact where case_id = :case order by created_at, id").param("case", caseId)
			.query((rs, row) -> new CaseDetail.Contact(rs.getObject("id", UUID.class), rs.getString("name"),
					rs.getString("organisation"), rs.getString("country"), ContactChannel.valueOf(rs.getString("channel")),
					rs.getString("address"), rs.getBoolean("foreign_csirt")))
			.list();
	}

	void insertLog(UUID id, UUID caseId, UUID author, String body, Instant now) {
		jdbc.sql("""
				insert into case_log (id, case_id, author_id, body, created_at) values (:id, :case, :author, :body, :now)
				""").param("id", id).param("case", caseId).param("author", author).param("body", body)
			.param("now", Timestamp.from(now)).update();
	}

	List<CaseDetail.LogEntry> log(UUID caseId) {
		return jdbc.sql("""
				select l.id, u.display_name, l.body, l.created_at from case_log l join app_user u on u.id = l.author_id
				where l.case_id = :case order by l.created_at, l.id
				""").param("case", caseId)
			.query((rs, row) -> new CaseDetail.LogEntry(rs.getObject("id", UUID.class), rs.getString("display_name"),
					rs.getString("body"), SqlText.instant(rs, "created_at")))
			.list();
	}

	void insertEvidence(UUID caseId, CaseDetail.Evidence e, String storageKey, UUID by) {
		jdbc.sql("""
				insert into case_evidence (id, case_id, file_name, description, content_type, size_bytes, sha256, storage_key,
				  uploaded_by, uploaded_at)
				values (:id, :case, :name, :description, :type, :size, :sha256, :key, :by, :at)
				""").param("id", e.id()).param("case", caseId).param("name", e.fileName()).param("description", e.description())
			.param("type", e.contentType()).param("size", e.sizeBytes()).param("sha256", e.sha256()).param("key", storageKey)
			.param("by", by).param("at", Timestamp.from(e.uploadedAt())).update();
	}

	private static final String EVIDENCE = """
			select e.*, u.display_name from case_evidence e join app_user u on u.id = e.uploaded_by where e.case_id = :case
			""";

	List<CaseDetail.Evidence> evidence(UUID caseId) {
		return jdbc.sql(EVIDENCE + " order by e.uploaded_at, e.id").param("case", caseId).query(CaseDao::evidence).list();
	}

	Optional<StoredEvidence> evidence(UUID caseId, UUID evidenceId) {
		return jdbc.sql(EVIDENCE + " and e.id = :id").param("case", caseId).param("id", evidenceId)
			.query((rs, row) -> new StoredEvidence(evidence(rs, row), rs.getString("storage_key"))).optional();
	}

	record StoredEvidence(CaseDetail.Evidence evidence, String storageKey) {
	}

	static CaseDetail.Evidence evidence(ResultSet rs, int row) throws SQLException {
		return new CaseDetail.Evidence(rs.getObject("id", UUID.class), rs.getString("file_name"), rs.getString("description"),
				rs.getString("content_type"), rs.getLong("size_bytes"), rs.getString("sha256"), rs.getString("display_name"),
				SqlText.instant(rs, "uploaded_at"));
	}

	record Request(UUID reportId, String number, @Nullable String title, Instant grantedAt) {
	}

	/** Reports the viewer's organisation was asked to help with (a coordination request), newest first. */
	List<Request> requests(Viewer viewer) {
		return ReportVisibility.bind(jdbc.sql("""
				select r.id, r.number, r.title, ra.granted_at from report_access ra join report r on r.id = ra.report_id
				where ra.organisation_id = :viewerOrg and""" + " " + ReportVisibility.VISIBLE + """
				 order by ra.granted_at desc limit 200
				"""), viewer)
			.query((rs, row) -> new Request(rs.getObject("id", UUID.class), rs.getString("number"), rs.getString("title"),
					SqlText.instant(rs, "granted_at")))
			.list();
	}
}
