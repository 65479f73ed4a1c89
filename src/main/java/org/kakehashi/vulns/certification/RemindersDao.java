package org.kakehashi.vulns.certification;

import java.sql.Date;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for expiry reminders. Callers hold the transaction. */
@Repository
class RemindersDao {

	private final JdbcClient jdbc;

	RemindersDao(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** A valid certificate near its end date, with the thresholds already sent for that end date. */
	record Candidate(UUID id, LocalDate validTo, Set<Integer> sent) {
	}

	/** The certificate as a reminder needs it (never the notes). */
	record Expiring(UUID id, CertificationKind kind, String certificateNumber, String issuer, String holderName,
			@Nullable UUID holderOrganisationId, String subjectName, String subjectVersion, String standard, String level,
			LocalDate validTo, String contactEmail, Set<Integer> sent) {
	}

	/**
	 * Valid certificates whose end date lies between today and {@code horizon} days from now, soonest first. Which of
	 * them is due what is {@link ReminderSchedule}'s to say.
	 */
	List<Candidate> candidates(LocalDate today, int horizon) {
		return jdbc.sql("""
				select c.id, c.valid_to, %s as sent
				  from vuln_certification c
				 where c.status = 'VALID' and c.valid_to >= :today and c.valid_to <= :horizon
				 order by c.valid_to, c.id
				""".formatted(SENT))
			.param("today", Date.valueOf(today)).param("horizon", Date.valueOf(today.plusDays(horizon)))
			.query((rs, n) -> new Candidate(rs.getObject("id", UUID.class), rs.getDate("valid_to").toLocalDate(),
					ints(rs.getArray("sent"))))
			.list();
	}

	/** Thresholds already sent for the certificate's current end date. */
	private static final String SENT = """
			array(select r.threshold_days from vuln_certification_reminder r
			       where r.certification_id = c.id and r.valid_to = c.valid_to)""";

	/**
	 * Locks the certificate if it is still valid with the same end date and no other node holds it; empty when it
	 * changed meanwhile or another node is on it.
	 */
	Optional<Expiring> claim(UUID id, LocalDate validTo) {
		return jdbc.sql("""
				select c.id, c.kind, c.certificate_number, c.issuer, c.holder_name, c.holder_organisation_id,
				       c.subject_name, c.subject_version, c.standard, c.level, c.valid_to, c.contact_email, %s as sent
				  from vuln_certification c
				 where c.id = :id and c.valid_to = :validTo and c.status = 'VALID'
				   for update of c skip locked
				""".formatted(SENT))
			.param("id", id).param("validTo", Date.valueOf(validTo))
			.query((rs, n) -> new Expiring(rs.getObject("id", UUID.class), CertificationKind.valueOf(rs.getString("kind")),
					rs.getString("certificate_number"), rs.getString("issuer"), rs.getString("holder_name"),
					rs.getObject("holder_organisation_id", UUID.class), rs.getString("subject_name"),
					rs.getString("subject_version"), rs.getString("standard"), rs.getString("level"),
					rs.getDate("valid_to").toLocalDate(), rs.getString("contact_email"), ints(rs.getArray("sent"))))
			.optional();
	}

	/**
	 * Records the reminder; false when it is recorded already (a node that read before another committed). The
	 * primary key makes this the last word on "once".
	 */
	boolean record(UUID id, int threshold, LocalDate validTo, Instant now, int recipients) {
		return jdbc.sql("""
				insert into vuln_certification_reminder (certification_id, threshold_days, valid_to, sent_at, recipients)
				values (:id, :threshold, :validTo, :now, :recipients)
				on conflict do nothing
				""")
			.param("id", id).param("threshold", threshold).param("validTo", Date.valueOf(validTo))
			.param("now", Timestamp.from(now)).param("recipients", recipients)
			.update() == 1;
	}

	private static Set<Integer> ints(java.sql.@Nullable Array array) throws SQLException {
		if (array == null) {
			return Set.of();
		}
		return Arrays.stream((Integer[]) array.getArray()).collect(Collectors.toUnmodifiableSet());
	}
}
