package org.kakehashi.vulns.certification;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.kakehashi.platform.Page;
import org.kakehashi.platform.SqlText;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * SQL for the certification registry. Every read takes the viewer (or is the public list) and filters by it in SQL;
 * "today" is the caller's date in Japan, so expiry is decided the same way everywhere. Callers hold the transaction.
 */
@Repository
class CertificationsDao {

	private static final String COLUMNS = """
			c.id, c.kind, c.certificate_number, c.issuer, c.holder_name, c.holder_organisation_id, c.subject_name,
			c.subject_version, c.standard, c.level, c.valid_from, c.valid_to, c.status, c.publicly_listed,
			c.contact_email, c.notes, c.revision, c.created_at, cu.display_name as created_by_name, c.updated_at,
			uu.display_name as updated_by_name
			""";

	private static final String FROM = """
			 from vuln_certification c
			 join app_user cu on cu.id = c.created_by
			 join app_user uu on uu.id = c.updated_by
			""";

	/** What the public list shows: flagged public, in force today, valid or suspended. Standing.listedPublicly in SQL. */
	private static final String LISTED = """
			(c.publicly_listed and c.status in ('VALID', 'SUSPENDED') and c.valid_from <= :today and c.valid_to >= :today)""";

	/** Coordinators see every record; anyone else the public ones and those their organisation holds. */
	private static final String VISIBLE = "(:coordinator or c.holder_organisation_id = :organisation or " + LISTED + ")";

	private final JdbcClient jdbc;

	CertificationsDao(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** A list query: who may see it, search text, kind and status filter. */
	record Query(@Nullable CertificationViewer viewer, @Nullable String text, @Nullable CertificationKind kind,
			@Nullable StatusFilter status) {
	}

	void insert(UUID id, CertificationInput c, UUID by, Instant now) {
		bind(jdbc.sql("""
				insert into vuln_certification (id, kind, certificate_number, issuer, holder_name, holder_organisation_id,
				                                subject_name, subject_version, standard, level, valid_from, valid_to,
				                                status, publicly_listed, contact_email, notes, revision, created_at,
				                                created_by, updated_at, updated_by)
				values (:id, :kind, :number, :issuer, :holder, :holderOrganisation, :subject, :version, :standard, :level,
				        :validFrom, :validTo, :status, :public, :email, :notes, 1, :now, :by, :now, :by)
				"""), c)
			.param("id", id).param("by", by).param("now", Timestamp.from(now))
			.update();
	}

	void update(UUID id, CertificationInput c, UUID by, Instant now) {
		bind(jdbc.sql("""
				update vuln_certification
				   set kind = :kind, certificate_number = :number, issuer = :issuer, holder_name = :holder,
				       holder_organisation_id = :holderOrganisation, subject_name = :subject, subject_version = :version,
				       standard = :standard, level = :level, valid_from = :validFrom, valid_to = :validTo,
				       status = :status, publicly_listed = :public, contact_email = :email, notes = :notes,
				       revision = revision + 1, updated_at = :now, updated_by = :by
				 where id = :id
				"""), c)
			.param("id", id).param("by", by).param("now", Timestamp.from(now))
			.update();
	}

	private static JdbcClient.StatementSpec bind(JdbcClient.StatementSpec statement, CertificationInput c) {
		return statement.param("kind", Objects.requireNonNull(c.kind()).name()).param("number", c.certificateNumber())
			.param("issuer", c.issuer()).param("holder", c.holderName()).param("holderOrganisation", c.holderOrganisationId())
			.param("subject", c.subjectName()).param("version", c.subjectVersion()).param("standard", c.standard())
			.param("level", c.level()).param("validFrom", Date.valueOf(Objects.requireNonNull(c.validFrom())))
			.param("validTo", Date.valueOf(Objects.requireNonNull(c.validTo())))
			.param("status", Objects.requireNonNull(c.status()).name()).param("public", c.publiclyListed())
			.param("email", c.contactEmail()).param("notes", c.notes());
	}

	/** Whether another record of the same certification body has this number (case-insensitively). */
	boolean numberTaken(String issuer, String number, @Nullable UUID except) {
		return jdbc.sql("""
				select exists (select 1 from vuln_certification
				                where lower(issuer) = lower(:issuer) and lower(certificate_number) = lower(:number)
				                  and id <> :except)
				""")
			.param("issuer", issuer).param("number", number).param("except", except == null ? new UUID(0, 0) : except)
			.query(Boolean.class).single();
	}

	Optional<Certification> find(UUID id, CertificationViewer viewer, LocalDate today) {
		return visible(jdbc.sql("select " + COLUMNS + FROM + " where c.id = :id and " + VISIBLE), viewer, today)
			.param("id", id)
			.query((rs, n) -> certification(rs, today)).optional();
	}

	/** The record locked for an edit; empty when the viewer may not see it. */
	Optional<Certification> lock(UUID id, CertificationViewer viewer, LocalDate today) {
		return visible(jdbc.sql("select " + COLUMNS + FROM + " where c.id = :id and " + VISIBLE + " for update of c"),
				viewer, today)
			.param("id", id)
			.query((rs, n) -> certification(rs, today)).optional();
	}

	/** One page, newest certificates first; nearest end date first when looking for the ones about to expire. */
	Page<Certification> list(Query query, LocalDate today, int page, int size) {
		var where = where(query);
		var order = query.status() == StatusFilter.EXPIRING ? "c.valid_to, c.certificate_number, c.id"
				: "c.valid_from desc, c.certificate_number, c.id";
		var total = params(jdbc.sql("select count(*) from vuln_certification c where " + where), query, today)
			.query(Long.class).single();
		var items = params(jdbc.sql("select " + COLUMNS + FROM + " where " + where + " order by " + order
				+ " limit :limit offset :offset"), query, today)
			.param("limit", size).param("offset", (long) page * size)
			.query((rs, n) -> certification(rs, today)).list();
		return new Page<>(items, page, size, total);
	}

	private static String where(Query query) {
		var where = new StringBuilder(query.viewer() == null ? LISTED : VISIBLE);
		if (query.kind() != null) {
			where.append(" and c.kind = :kind");
		}
		if (query.status() != null) {
			// StatusFilter.matches in SQL.
			where.append(" and ").append(switch (query.status()) {
				case VALID -> "c.status = 'VALID' and c.valid_to >= :today";
				case SUSPENDED -> "c.status = 'SUSPENDED' and c.valid_to >= :today";
				case WITHDRAWN -> "c.status = 'WITHDRAWN'";
				case EXPIRED -> "c.status <> 'WITHDRAWN' and c.valid_to < :today";
				case EXPIRING -> "c.status <> 'WITHDRAWN' and c.valid_to >= :today and c.valid_to <= :expiringEnd";
			});
		}
		if (query.text() != null && !query.text().isBlank()) {
			where.append(" and ").append("""
					normalize(c.certificate_number || ' ' || c.holder_name || ' ' || c.subject_name || ' '
					          || c.subject_version || ' ' || c.standard || ' ' || c.level || ' ' || c.issuer, NFKC)
					ilike :text""");
		}
		return where.toString();
	}

	private static JdbcClient.StatementSpec params(JdbcClient.StatementSpec statement, Query query, LocalDate today) {
		var bound = statement.param("today", Date.valueOf(today));
		if (query.viewer() != null) {
			bound = visible(bound, query.viewer(), today);
		}
		if (query.kind() != null) {
			bound = bound.param("kind", query.kind().name());
		}
		if (query.status() == StatusFilter.EXPIRING) {
			bound = bound.param("expiringEnd", Date.valueOf(today.plusDays(StatusFilter.EXPIRING_DAYS)));
		}
		if (query.text() != null && !query.text().isBlank()) {
			// Both sides NFKC-normalised: full-width letters typed with a Japanese input method find their half-width
			// spelling, and the other way round.
			bound = bound.param("text", SqlText.containing(CertificationRules.nfkc(query.text())));
		}
		return bound;
	}

	private static JdbcClient.StatementSpec visible(JdbcClient.StatementSpec statement, CertificationViewer viewer,
			LocalDate today) {
		return statement.param("coordinator", viewer.coordinator()).param("organisation", viewer.organisationId())
			.param("today", Date.valueOf(today));
	}

	List<SentReminder> reminders(UUID id) {
		return jdbc.sql("""
				select threshold_days, valid_to, sent_at, recipients from vuln_certification_reminder
				 where certification_id = :id order by sent_at, threshold_days desc
				""")
			.param("id", id)
			.query((rs, n) -> new SentReminder(rs.getInt("threshold_days"), rs.getDate("valid_to").toLocalDate(),
					rs.getTimestamp("sent_at").toInstant(), rs.getInt("recipients")))
			.list();
	}

	/** Values already used in a column (standard or issuer), most used first, for the form's suggestions. */
	List<String> used(String column, int limit) {
		if (!column.equals("standard") && !column.equals("issuer") && !column.equals("level")) {
			throw new IllegalArgumentException(column);
		}
		return jdbc.sql("select " + column + " from vuln_certification where " + column + " <> '' group by " + column
				+ " order by count(*) desc, " + column + " limit :limit")
			.param("limit", limit)
			.query(String.class).list();
	}

	static Certification certification(ResultSet rs, LocalDate today) throws SQLException {
		var status = CertificationStatus.valueOf(rs.getString("status"));
		var validTo = rs.getDate("valid_to").toLocalDate();
		return new Certification(rs.getObject("id", UUID.class), CertificationKind.valueOf(rs.getString("kind")),
				rs.getString("certificate_number"), rs.getString("issuer"), rs.getString("holder_name"),
				rs.getObject("holder_organisation_id", UUID.class), rs.getString("subject_name"),
				rs.getString("subject_version"), rs.getString("standard"), rs.getString("level"),
				rs.getDate("valid_from").toLocalDate(), validTo, status, Standing.of(status, validTo, today),
				ChronoUnit.DAYS.between(today, validTo), rs.getBoolean("publicly_listed"), rs.getString("contact_email"),
				rs.getString("notes"), rs.getInt("revision"), rs.getTimestamp("created_at").toInstant(),
				rs.getString("created_by_name"), rs.getTimestamp("updated_at").toInstant(),
				rs.getString("updated_by_name"));
	}
}
