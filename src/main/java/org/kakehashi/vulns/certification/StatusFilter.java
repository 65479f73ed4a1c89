package org.kakehashi.vulns.certification;

import java.time.LocalDate;

/**
 * The list's status filter: one of the {@link Standing}s, or EXPIRING, the valid or suspended certificates whose end
 * date falls within {@value #EXPIRING_DAYS} days (today included).
 */
public enum StatusFilter {
	VALID, SUSPENDED, WITHDRAWN, EXPIRED, EXPIRING;

	public static final int EXPIRING_DAYS = 90;

	/** The rule the SQL of {@code CertificationsDao} implements, in Java. */
	public boolean matches(CertificationStatus status, LocalDate validTo, LocalDate today) {
		var standing = Standing.of(status, validTo, today);
		return switch (this) {
			case VALID -> standing == Standing.VALID;
			case SUSPENDED -> standing == Standing.SUSPENDED;
			case WITHDRAWN -> standing == Standing.WITHDRAWN;
			case EXPIRED -> standing == Standing.EXPIRED;
			case EXPIRING -> (standing == Standing.VALID || standing == Standing.SUSPENDED)
					&& !validTo.isAfter(today.plusDays(EXPIRING_DAYS));
		};
	}
}
