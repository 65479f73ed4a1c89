package org.kakehashi.vulns.certification.web;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;
import org.kakehashi.vulns.certification.Certification;
import org.kakehashi.vulns.certification.CertificationInput;
import org.kakehashi.vulns.certification.CertificationKind;
import org.kakehashi.vulns.certification.CertificationStatus;
import org.kakehashi.vulns.certification.SentReminder;
import org.kakehashi.vulns.certification.Standing;

/** The API's payloads: never the stored rows themselves. */
final class CertificationJson {

	private CertificationJson() {
	}

	/**
	 * A certification to register, or all of its fields for a replacement. Missing text counts as empty.
	 * {@code revision} (on replacement only) is the revision the change was based on; a record changed since answers
	 * 409.
	 */
	record Input(@Nullable CertificationKind kind, @Nullable String certificateNumber, @Nullable String issuer,
			@Nullable String holderName, @Nullable UUID holderOrganisationId, @Nullable String subjectName,
			@Nullable String subjectVersion, @Nullable String standard, @Nullable String level,
			@Nullable LocalDate validFrom, @Nullable LocalDate validTo, @Nullable CertificationStatus status,
			@Nullable Boolean publiclyListed, @Nullable String contactEmail, @Nullable String notes,
			@Schema(description = "for PUT: the revision the change is based on") @Nullable Integer revision) {

		CertificationInput input() {
			return new CertificationInput(kind, text(certificateNumber), text(issuer), text(holderName),
					holderOrganisationId, text(subjectName), text(subjectVersion), text(standard), text(level), validFrom,
					validTo, status, Boolean.TRUE.equals(publiclyListed), text(contactEmail), text(notes));
		}
	}

	record Reminder(int thresholdDays, LocalDate validTo, Instant sentAt, int recipients) {

		static Reminder of(SentReminder r) {
			return new Reminder(r.thresholdDays(), r.validTo(), r.sentAt(), r.recipients());
		}
	}

	/**
	 * One record as the caller may read it. {@code standing} is {@code status} as of today in Japan (EXPIRED past
	 * {@code validTo}). The contact, notes and reminders only for coordinators and the holder's organisation; who
	 * changed it only for coordinators.
	 */
	record Entry(UUID id, CertificationKind kind, String certificateNumber, String issuer, String holderName,
			@Nullable UUID holderOrganisationId, String subjectName, String subjectVersion, String standard, String level,
			LocalDate validFrom, LocalDate validTo, CertificationStatus status, Standing standing, long daysLeft,
			boolean publiclyListed, @Nullable String contactEmail, @Nullable String notes, int revision,
			Instant createdAt, @Nullable String createdBy, Instant updatedAt, @Nullable String updatedBy,
			@Nullable List<Reminder> reminders) {

		static Entry of(Certification c, @Nullable List<SentReminder> reminders) {
			return new Entry(c.id(), c.kind(), c.certificateNumber(), c.issuer(), c.holderName(),
					c.holderOrganisationId(), c.subjectName(), c.subjectVersion(), c.standard(), c.level(), c.validFrom(),
					c.validTo(), c.status(), c.standing(), c.daysLeft(), c.publiclyListed(), blankToNull(c.contactEmail()),
					blankToNull(c.notes()), c.revision(), c.createdAt(), blankToNull(c.createdByName()), c.updatedAt(),
					blankToNull(c.updatedByName()), reminders == null ? null : reminders.stream().map(Reminder::of).toList());
		}

		static Entry of(Certification c) {
			return of(c, null);
		}
	}

	static String text(@Nullable String value) {
		return value == null ? "" : value;
	}

	private static @Nullable String blankToNull(String value) {
		return value.isEmpty() ? null : value;
	}
}
