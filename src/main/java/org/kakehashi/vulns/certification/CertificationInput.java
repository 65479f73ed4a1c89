package org.kakehashi.vulns.certification;

import java.time.LocalDate;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A certification as a coordinator enters it, before the rules have looked at it: missing choices and dates are
 * null, missing text is empty.
 *
 * @param holderOrganisationId the holder as a Kakehashi organisation; with it the holder's name may be left empty
 *                             and is taken from the organisation
 * @param subjectVersion       model number and/or version of the product or system
 */
public record CertificationInput(@Nullable CertificationKind kind, String certificateNumber, String issuer,
		String holderName, @Nullable UUID holderOrganisationId, String subjectName, String subjectVersion,
		String standard, String level, @Nullable LocalDate validFrom, @Nullable LocalDate validTo,
		@Nullable CertificationStatus status, boolean publiclyListed, String contactEmail, String notes) {
}
