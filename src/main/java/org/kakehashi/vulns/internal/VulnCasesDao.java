package org.kakehashi.vulns.internal;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.kakehashi.platform.Page;
import org.kakehashi.platform.SqlText;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * SQL for vulnerability cases and their history. Every read takes the viewer and filters by it
 * ({@link CaseScope}). Callers hold the transaction.
 */
@Repository
class VulnCasesDao {

	private static final String COLUMNS = """
			c.id, c.number, c.kind, c.ics, c.vendor_name, c.product_name, c.versions, c.site_url, c.title, c.description,
			c.reproduction, c.impact, c.suggested_cvss, c.consent_credit, c.consent_share_with_vendor, c.finder_user_id,
			c.finder_organisation_id, c.finder_email, c.finder_name, c.finder_language, c.status, c.outcome, c.first_vendor_contact_on,
			c.publication_at, c.publication_zone, c.created_at, c.updated_at
			""";

	private final JdbcClient jdbc;

	VulnCasesDao(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	String nextNumber(int year) {
		var next = jdbc.sql("""
				insert into vuln_case_number (year, last) values (:year, 1)
				on conflict (year) do update set last = vuln_case_number.last + 1
				returning last
				""").param("year", year).query(Integer.class).single();
		return "VU#%d-%04d".formatted(year, next);
	}

	/** A new case; the finder is a user (with their organisation) or a guest's verified address and name. */
	void insert(UUID id, String number, CaseReport r, @Nullable UUID finderUser, @Nullable UUID finderOrganisation,
			@Nullable String finderEmail, String finderName, String finderLanguage, Instant now) {
		jdbc.sql("""
				insert into vuln_case (id, number, kind, ics, vendor_name, product_name, versions, site_url, title,
				                       description, reproduction, impact, suggested_cvss, consent_credit,
				                       consent_share_with_vendor, finder_user_id, finder_organisation_id, finder_email,
				                       finder_name, finder_language, status, created_at, updated_at)
				values (:id, :number, :kind, :ics, :vendor, :product, :versions, :site, :title, :description,
				        :reproduction, :impact, :cvss, :credit, :share, :finder::uuid, :finderOrg::uuid, :finderEmail,
				        :finderName, :finderLanguage, 'RECEIVED', :now, :now)
				""")
			.param("id", id).param("number", number).param("kind", r.kind().name()).param("ics", r.ics())
			.param("vendor", r.vendorName()).param("product", r.productName()).param("versions", r.versions())
			.param("site", r.siteUrl()).param("title", r.title()).param("description", r.description())
			.param("reproduction", r.reproduction()).param("impact", r.impact()).param("cvss", r.suggestedCvss())
			.param("credit", r.consentCredit()).param("share", r.consentShareWithVendor())
			.param("finder", finderUser).param("finderOrg", finderOrganisation).param("finderEmail", finderEmail)
			.param("finderName", finderName).param("finderLanguage", finderLanguage).param("now", Timestamp.from(now))
			.update();
	}

	Optional<VulnCase> find(UUID id, CaseViewer viewer, Instant now) {
		return CaseScope.bind(jdbc.sql("select " + COLUMNS + " from vuln_case c where c.id = :id and " + CaseScope.VISIBLE),
				viewer, now).param("id", id).query(VulnCasesDao::vulnCase).optional();
	}

	/** The case locked for a change; empty when the viewer may not see it. */
	Optional<VulnCase> lock(UUID id, CaseViewer viewer, Instant now) {
		return CaseScope.bind(jdbc.sql("select " + COLUMNS + " from vuln_case c where c.id = :id and "
				+ CaseScope.VISIBLE + " for update"), viewer, now).param("id", id).query(VulnCasesDao::vulnCase).optional();
	}

	/** The case locked for the platform's own work (scheduled publication): no viewer. */
	Optional<VulnCase> lockForPlatform(UUID id) {
		return jdbc.sql("select " + COLUMNS + " from vuln_case c where c.id = :id for update")
			.param("id", id).query(VulnCasesDao::vulnCase).optional();
	}

	/** What the viewer is in the case: coordinator, finder, and which vendors they speak for. */
	Participation participation(UUID caseId, CaseViewer viewer, Instant now) {
		var finder = jdbc.sql("""
				select c.finder_user_id = :viewer::uuid
				       or exists (select 1 from vuln_access_key k where k.case_id = c.id and k.party = 'FINDER'
				                  and k.key_hash = any(:keys::text[]) and k.expires_at > :now)
				  from vuln_case c where c.id = :case
				""")
			.param("viewer", viewer.userId()).param("keys", viewer.accessKeys().toArray(String[]::new))
			.param("now", Timestamp.from(now)).param("case", caseId)
			.query(Boolean.class).optional().map(Boolean.TRUE::equals).orElse(false);
		var vendors = new HashSet<>(jdbc.sql("""
				select cv.vendor_id from vuln_case_vendor cv join vuln_vendor v on v.id = cv.vendor_id
				 where cv.case_id = :case and :vendorStaff and v.organisation_id = :viewerOrg::uuid
				union
				select k.vendor_id from vuln_access_key k
				 where k.case_id = :case and k.party = 'VENDOR' and k.key_hash = any(:keys::text[]) and k.expires_at > :now
				""")
			.param("case", caseId).param("vendorStaff", viewer.vendorStaff()).param("viewerOrg", viewer.organisationId())
			.param("keys", viewer.accessKeys().toArray(String[]::new)).param("now", Timestamp.from(now))
			.query(UUID.class).list());
		return new Participation(viewer.coordinator(), finder, vendors);
	}

	/** Writes the new state and whatever the move sets; fields a move does not set keep their value. */
	void move(UUID id, CaseStatus to, @Nullable Outcome outcome, @Nullable LocalDate firstContact,
			@Nullable Instant publicationAt, @Nullable String publicationZone, Instant now) {
		jdbc.sql("""
				update vuln_case set status = :to, outcome = :outcome,
				       first_vendor_contact_on = coalesce(:firstContact, first_vendor_contact_on),
				       publication_at = coalesce(:publicationAt, publication_at),
				       publication_zone = coalesce(:zone, publication_zone),
				       -- A newly agreed date may again be overdue, and is told of again.
				       publication_overdue_notified_at = case when :publicationAt::timestamptz is null
				                                              then publication_overdue_notified_at end,
				       updated_at = :now
				 where id = :id
				""")
			.param("id", id).param("to", to.name()).param("outcome", outcome == null ? null : outcome.name())
			.param("firstContact", firstContact == null ? null : Date.valueOf(firstContact))
			.param("publicationAt", publicationAt == null ? null : Timestamp.from(publicationAt))
			.param("zone", publicationZone).param("now", Timestamp.from(now))
			.update();
	}

	void touch(UUID id, Instant now) {
		jdbc.sql("update vuln_case set updated_at = :now where id = :id").param("id", id)
			.param("now", Timestamp.from(now)).update();
	}

	void record(UUID caseId, @Nullable CaseStatus from, CaseStatus to, @Nullable Outcome outcome, String reason,
			boolean visibleToFinder, @Nullable UUID by, String byLabel, Instant at) {
		jdbc.sql("""
				insert into vuln_case_transition (case_id, from_status, to_status, outcome, reason, visible_to_finder,
				                                  by_user_id, by_label, at)
				values (:case, :from, :to, :outcome, :reason, :visible, :by::uuid, :label, :at)
				""")
			.param("case", caseId).param("from", from == null ? null : from.name()).param("to", to.name())
			.param("outcome", outcome == null ? null : outcome.name()).param("reason", reason)
			.param("visible", visibleToFinder).param("by", by).param("label", byLabel).param("at", Timestamp.from(at))
			.update();
	}

	/** The whole history, oldest first. */
	List<CaseTransition> history(UUID caseId) {
		return jdbc.sql("""
				select t.id, t.from_status, t.to_status, t.outcome, t.reason, t.visible_to_finder, t.by_user_id,
				       coalesce(u.display_name, t.by_label) as by_name, t.at
				  from vuln_case_transition t left join app_user u on u.id = t.by_user_id
				 where t.case_id = :case order by t.id
				""")
			.param("case", caseId)
			.query((rs, n) -> new CaseTransition(rs.getLong("id"),
					rs.getString("from_status") == null ? null : CaseStatus.valueOf(rs.getString("from_status")),
					CaseStatus.valueOf(rs.getString("to_status")),
					rs.getString("outcome") == null ? null : Outcome.valueOf(rs.getString("outcome")),
					rs.getString("reason"), rs.getBoolean("visible_to_finder"), rs.getObject("by_user_id", UUID.class),
					rs.getString("by_name"), rs.getTimestamp("at").toInstant()))
			.list();
	}

	Page<CaseLine> list(CaseViewer viewer, @Nullable CaseStatus status, @Nullable String text, int page, int size,
			Instant now) {
		var where = new StringBuilder(CaseScope.VISIBLE);
		if (status != null) {
			where.append(" and c.status = :status");
		}
		var search = text != null && !text.isBlank();
		if (search) {
			// Invited vendors' names only for coordinators: a vendor finding its case by another vendor's name would
			// learn who else is on it.
			where.append(" and ").append("""
					(c.number ilike :text or c.title ilike :text or c.vendor_name ilike :text
					      or c.product_name ilike :text or c.site_url ilike :text
					      or exists (select 1 from vuln_case_vulnerability qv where qv.case_id = c.id and qv.cve_id ilike :text)
					      or (:coordinator and exists (select 1 from vuln_case_vendor qcv join vuln_vendor qv2 on qv2.id = qcv.vendor_id
					                                   where qcv.case_id = c.id and (qv2.name ilike :text or qv2.name_en ilike :text
					                                         or qcv.product_name ilike :text))))""");
		}
		var count = CaseScope.bind(jdbc.sql("select count(*) from vuln_case c where " + where), viewer, now);
		var select = CaseScope.bind(jdbc.sql("""
				select c.id, c.number, c.kind, c.ics, c.title, c.vendor_name, c.product_name, c.site_url, c.status,
				       c.outcome, c.publication_at, c.publication_zone, c.created_at, c.updated_at
				  from vuln_case c where %s
				 order by c.updated_at desc, c.id desc limit :limit offset :offset
				""".formatted(where)), viewer, now)
			.param("limit", size).param("offset", (long) page * size);
		if (status != null) {
			count = count.param("status", status.name());
			select = select.param("status", status.name());
		}
		if (search) {
			count = count.param("text", SqlText.containing(text));
			select = select.param("text", SqlText.containing(text));
		}
		var total = count.query(Long.class).single();
		var items = select.query((rs, n) -> new CaseLine(rs.getObject("id", UUID.class), rs.getString("number"),
				CaseKind.valueOf(rs.getString("kind")), rs.getBoolean("ics"), rs.getString("title"),
				rs.getString("vendor_name"), rs.getString("product_name"), rs.getString("site_url"),
				CaseStatus.valueOf(rs.getString("status")),
				rs.getString("outcome") == null ? null : Outcome.valueOf(rs.getString("outcome")),
				SqlText.instant(rs, "publication_at"), rs.getString("publication_zone"),
				rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant())).list();
		return new Page<>(items, page, size, total);
	}

	/** Who the finder is: their name, address and organisation (a guest has none). */
	Optional<VulnCases.FinderContact> finderContact(UUID caseId) {
		return jdbc.sql("""
				select coalesce(u.display_name, c.finder_name, '') as name, coalesce(u.email, c.finder_email, '') as email,
				       o.name as organisation, c.finder_user_id is null as guest
				  from vuln_case c left join app_user u on u.id = c.finder_user_id
				  left join organisation o on o.id = c.finder_organisation_id
				 where c.id = :case
				""").param("case", caseId)
			.query((rs, n) -> new VulnCases.FinderContact(rs.getString("name"), rs.getString("email"),
					rs.getString("organisation"), rs.getBoolean("guest")))
			.optional();
	}

	/** Counts for the start page: new reports and due-but-unpublished advisories (coordinators). */
	long count(CaseStatus status) {
		return jdbc.sql("select count(*) from vuln_case where status = :status").param("status", status.name())
			.query(Long.class).single();
	}

	long overduePublications(Instant now) {
		return jdbc.sql("select count(*) from vuln_case where status = 'DATE_AGREED' and publication_at <= :now")
			.param("now", Timestamp.from(now)).query(Long.class).single();
	}

	/** Open cases where a vendor of the viewer's organisation has not answered yet. */
	long awaitingVendorAnswer(UUID organisationId) {
		return jdbc.sql("""
				select count(distinct cv.case_id) from vuln_case_vendor cv
				  join vuln_vendor v on v.id = cv.vendor_id join vuln_case c on c.id = cv.case_id
				 where v.organisation_id = :org and cv.first_response_at is null
				   and c.status in ('ACCEPTED', 'VENDOR_CONTACTED', 'DATE_AGREED')
				""").param("org", organisationId).query(Long.class).single();
	}

	private static VulnCase vulnCase(ResultSet rs, int row) throws SQLException {
		var contact = rs.getDate("first_vendor_contact_on");
		return new VulnCase(rs.getObject("id", UUID.class), rs.getString("number"), CaseKind.valueOf(rs.getString("kind")),
				rs.getBoolean("ics"), rs.getString("vendor_name"), rs.getString("product_name"), rs.getString("versions"),
				rs.getString("site_url"), rs.getString("title"), rs.getString("description"), rs.getString("reproduction"),
				rs.getString("impact"), rs.getString("suggested_cvss"), rs.getBoolean("consent_credit"),
				rs.getBoolean("consent_share_with_vendor"), rs.getObject("finder_user_id", UUID.class),
				rs.getObject("finder_organisation_id", UUID.class), rs.getString("finder_email"),
				rs.getString("finder_name"), rs.getString("finder_language"), CaseStatus.valueOf(rs.getString("status")),
				rs.getString("outcome") == null ? null : Outcome.valueOf(rs.getString("outcome")),
				contact == null ? null : contact.toLocalDate(), SqlText.instant(rs, "publication_at"),
				rs.getString("publication_zone"), rs.getTimestamp("created_at").toInstant(),
				rs.getTimestamp("updated_at").toInstant());
	}
}
