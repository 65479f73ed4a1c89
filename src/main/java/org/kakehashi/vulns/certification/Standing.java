package org.kakehashi.vulns.certification;

import java.time.LocalDate;

/**
 * Where a certificate stands on a given day in Japan: the declared status, except that a certificate past its end
 * date is EXPIRED. A withdrawal stays a withdrawal after the end date, since it says more than the expiry would.
 */
public enum Standing {
	VALID, SUSPENDED, WITHDRAWN, EXPIRED;

	public static Standing of(CertificationStatus status, LocalDate validTo, LocalDate today) {
		if (status == CertificationStatus.WITHDRAWN) {
			return WITHDRAWN;
		}
		if (validTo.isBefore(today)) {
			return EXPIRED;
		}
		return status == CertificationStatus.SUSPENDED ? SUSPENDED : VALID;
	}

	/**
	 * Whether a record flagged public appears on the public list that day: in force (started, not ended) and valid
	 * or suspended, the suspension shown beside it.
	 */
	public static boolean listedPublicly(boolean flagged, CertificationStatus status, LocalDate validFrom,
			LocalDate validTo, LocalDate today) {
		var standing = of(status, validTo, today);
		return flagged && !validFrom.isAfter(today) && (standing == VALID || standing == SUSPENDED);
	}
}
