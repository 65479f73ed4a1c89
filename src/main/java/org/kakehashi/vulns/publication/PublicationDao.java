package org.kakehashi.vulns.publication;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.kakehashi.platform.Page;
import org.kakehashi.platform.SqlText;
import org.kakehashi.vulns.advisory.Revision;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for advisory drafts, published advisories and their revisions. Callers hold the transaction. */
@Repository
class PublicationDao {

	private final JdbcClient jdbc;

	PublicationDao(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	Optional<AdvisoryDraft> draft(UUID caseId) {
		return jdbc.sql("select * from vuln_advisory_draft where case_id = :case").param("case", caseId)
			.query((rs, n) -> new AdvisoryDraft(rs.getString("title_ja"), rs.getString("title_en"), rs.getString("summary_ja"),
					rs.getString("summary_en"), rs.getString("impact_ja"), rs.getString("impact_en"),
					rs.getString("solution_ja"), rs.getString("solution_en"), rs.getString("reference_lines"),
					rs.getString("credit"), rs.getTimestamp("updated_at").toInstant()))
			.optional();
	}

	void saveDraft(UUID caseId, AdvisoryDraft d, @Nullable UUID by, Instant now) {
		jdbc.sql("""
				insert into vuln_advisory_draft (case_id, title_ja, title_en, summary_ja, summary_en, impact_ja, impact_en,
				                                 solution_ja, solution_en, reference_lines, credit, updated_at, updated_by)
				values (:case, :titleJa, :titleEn, :summaryJa, :summaryEn, :impactJa, :impactEn, :solutionJa, :solutionEn,
				        :references, :credit, :now, :by::uuid)
				on conflict (case_id) do update set title_ja = excluded.title_ja, title_en = excluded.title_en,
				       summary_ja = excluded.summary_ja, summary_en = excluded.summary_en, impact_ja = excluded.impact_ja,
				       impact_en = excluded.impact_en, solution_ja = excluded.solution_ja, solution_en = excluded.solution_en,
				       reference_lines = excluded.reference_lines, credit = excluded.credit, updated_at = excluded.updated_at,
				       updated_by = excluded.updated_by
				""")
			.param("case", caseId).param("titleJa", d.titleJa()).param("titleEn", d.titleEn())
			.param("summaryJa", d.summaryJa()).param("summaryEn", d.summaryEn()).param("impactJa", d.impactJa())
			.param("impactEn", d.impactEn()).param("solutionJa", d.solutionJa()).param("solutionEn", d.solutionEn())
			.param("references", d.referenceLines()).param("credit", d.credit()).param("now", Timestamp.from(now))
			.param("by", by).update();
	}

	/** The finder's name as Kakehashi knows it (a user's display name, or the name a guest gave). */
	String finderName(UUID caseId) {
		return jdbc.sql("""
				select coalesce(u.display_name, c.finder_name, '') from vuln_case c left join app_user u on u.id = c.finder_user_id
				 where c.id = :case
				""").param("case", caseId).query(String.class).optional().orElse("");
	}

	/** The next case whose agreed moment has come, claimed so that another node skips it; {@code passed} are left out. */
	Optional<UUID> claimDue(Instant now, java.util.Collection<UUID> passed) {
		return jdbc.sql("""
				select id from vuln_case where status = 'DATE_AGREED' and publication_at <= :now
				   and id <> all(:passed::uuid[])
				 order by publication_at, id limit 1 for update skip locked
				""").param("now", Timestamp.from(now)).param("passed", passed.toArray(UUID[]::new))
			.query(UUID.class).optional();
	}

	boolean overdueNotified(UUID caseId) {
		return jdbc.sql("select publication_overdue_notified_at is not null from vuln_case where id = :case")
			.param("case", caseId).query(Boolean.class).single();
	}

	void markOverdueNotified(UUID caseId, Instant now) {
		jdbc.sql("update vuln_case set publication_overdue_notified_at = :now where id = :case")
			.param("case", caseId).param("now", Timestamp.from(now)).update();
	}

	/**
	 * The revision history, oldest first: numbers, dates and summaries only. The documents stay unread: each revision
	 * of a large advisory holds megabytes of them.
	 */
	List<Revision> history(UUID caseId) {
		return jdbc.sql("select number, published_at, summary from vuln_advisory_revision where case_id = :case order by number")
			.param("case", caseId)
			.query((rs, n) -> new Revision(rs.getInt("number"), rs.getTimestamp("published_at").toInstant(),
					rs.getString("summary")))
			.list();
	}

	void saveAdvisory(UUID caseId, String slug, String trackingId, int revision, Instant firstPublished, Instant published,
			String titleJa, String titleEn, List<String> cveIds, String searchText) {
		jdbc.sql("""
				insert into vuln_advisory (case_id, slug, tracking_id, revision, first_published_at, published_at, title_ja,
				                           title_en, cve_ids, search_text)
				values (:case, :slug, :tracking, :revision, :first, :published, :titleJa, :titleEn, :cves, :search)
				on conflict (case_id) do update set revision = excluded.revision, published_at = excluded.published_at,
				       title_ja = excluded.title_ja, title_en = excluded.title_en, cve_ids = excluded.cve_ids,
				       search_text = excluded.search_text
				""")
			.param("case", caseId).param("slug", slug).param("tracking", trackingId).param("revision", revision)
			.param("first", Timestamp.from(firstPublished)).param("published", Timestamp.from(published))
			.param("titleJa", titleJa).param("titleEn", titleEn).param("cves", cveIds.toArray(String[]::new))
			.param("search", searchText).update();
	}

	void saveRevision(UUID caseId, int number, Instant published, String summary, String page, String csaf,
			String cveRecords, @Nullable UUID by) {
		jdbc.sql("""
				insert into vuln_advisory_revision (case_id, number, published_at, summary, page, csaf, cve_records, published_by)
				values (:case, :number, :published, :summary, :page::jsonb, :csaf, :cves::jsonb, :by::uuid)
				""")
			.param("case", caseId).param("number", number).param("published", Timestamp.from(published))
			.param("summary", summary).param("page", page).param("csaf", csaf).param("cves", cveRecords).param("by", by)
			.update();
	}

	/** A published advisory as a line of the index: its latest revision's number and dates, no document. */
	private static final String LINE = """
			select a.slug, a.tracking_id, a.revision, a.first_published_at, a.published_at, a.title_ja, a.title_en, a.cve_ids
			  from vuln_advisory a""";

	Page<PublishedAdvisories.Line> index(@Nullable String text, int page, int size) {
		var search = text != null && !text.isBlank();
		var where = search ? " where a.search_text ilike :text" : "";
		var count = jdbc.sql("select count(*) from vuln_advisory a" + where);
		var select = jdbc.sql(LINE + where + " order by a.published_at desc, a.slug limit :limit offset :offset")
			.param("limit", size).param("offset", (long) page * size);
		if (search) {
			count = count.param("text", SqlText.containing(text));
			select = select.param("text", SqlText.containing(text));
		}
		var total = count.query(Long.class).single();
		var items = select.query(PublicationDao::line).list();
		return new Page<>(items, page, size, total);
	}

	/** Every published advisory's address and dates, the latest change first: for CSAF's index.txt and changes.csv. */
	List<PublishedAdvisories.Line> all() {
		return jdbc.sql(LINE + " order by a.published_at desc, a.slug").query(PublicationDao::line).list();
	}

	/** The index line of one advisory: its latest revision's number and date, without reading any document. */
	Optional<PublishedAdvisories.Line> line(String slug) {
		return jdbc.sql(LINE + " where a.slug = :slug").param("slug", slug).query(PublicationDao::line).optional();
	}

	private static PublishedAdvisories.Line line(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
		return new PublishedAdvisories.Line(rs.getString("slug"), rs.getString("tracking_id"),
				rs.getInt("revision"), rs.getTimestamp("first_published_at").toInstant(),
				rs.getTimestamp("published_at").toInstant(), rs.getString("title_ja"), rs.getString("title_en"),
				List.of((String[]) rs.getArray("cve_ids").getArray()));
	}

	Optional<UUID> caseBySlug(String slug) {
		return jdbc.sql("select case_id from vuln_advisory where slug = :slug").param("slug", slug)
			.query(UUID.class).optional();
	}

	/**
	 * One revision's page as published (JSON), the latest when {@code number} is null. Like the two below, it reads one
	 * column of one row: the revision is chosen before anything is read, so the other revisions' documents (and this
	 * one's other documents) are never detoasted or converted.
	 */
	Optional<String> page(UUID caseId, @Nullable Integer number) {
		return document("page::text", caseId, number);
	}

	/** One revision's CSAF document as published, the latest when {@code number} is null. */
	Optional<String> csaf(UUID caseId, @Nullable Integer number) {
		return document("csaf", caseId, number);
	}

	/** The latest revision's CVE records as published (a JSON array). */
	Optional<String> cveRecords(UUID caseId) {
		return document("cve_records::text", caseId, null);
	}

	private Optional<String> document(String column, UUID caseId, @Nullable Integer number) {
		return jdbc.sql("""
				select %s from vuln_advisory_revision
				 where case_id = :case
				   and number = coalesce(:number::int, (select max(number) from vuln_advisory_revision where case_id = :case))
				""".formatted(column)).param("case", caseId).param("number", number).query(String.class).optional();
	}
}
