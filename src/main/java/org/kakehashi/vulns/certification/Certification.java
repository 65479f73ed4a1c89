package org.kakehashi.vulns.certification;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A registered certification as one viewer may read it, with its {@link Standing} on the day it was read. For a
 * viewer outside the coordinators and the holder's organisation the contact address and notes are empty, and for
 * anyone but coordinators so are the names of who created and last changed it.
 *
 * @param daysLeft days from the day it was read to the end date; negative once it has ended
 */
public record Certification(UUID id, CertificationKind kind, String certificateNumber, String issuer,
		String holderName, @Nullable UUID holderOrganisationId, String subjectName, String subjectVersion,
		String standard, String level, LocalDate validFrom, LocalDate validTo, CertificationStatus status,
		Standing standing, long daysLeft, boolean publiclyListed, String contactEmail, String notes, int revision,
		Instant createdAt, String createdByName, Instant updatedAt, String updatedByName) {

	/** What anyone may read: the registry entry without the contact, notes and names. */
	Certification publicPart() {
		return new Certification(id, kind, certificateNumber, issuer, holderName, holderOrganisationId, subjectName,
				subjectVersion, standard, level, validFrom, validTo, status, standing, daysLeft, publiclyListed, "", "",
				revision, createdAt, "", updatedAt, "");
	}

	/** What the holder's own members read: everything but who at the coordinators entered it. */
	Certification withoutNames() {
		return new Certification(id, kind, certificateNumber, issuer, holderName, holderOrganisationId, subjectName,
				subjectVersion, standard, level, validFrom, validTo, status, standing, daysLeft, publiclyListed,
				contactEmail, notes, revision, createdAt, "", updatedAt, "");
	}

	/** The input that would store this record again (a starting point for an edit). */
	public CertificationInput input() {
		return new CertificationInput(kind, certificateNumber, issuer, holderName, holderOrganisationId, subjectName,
				subjectVersion, standard, level, validFrom, validTo, status, publiclyListed, contactEmail, notes);
	}
}
