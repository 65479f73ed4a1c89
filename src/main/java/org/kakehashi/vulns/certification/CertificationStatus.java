package org.kakehashi.vulns.certification;

/**
 * The status the certification body declares, as stored. Expiry is not among them: it follows from the end date
 * (see {@link Standing}).
 */
public enum CertificationStatus {
	VALID, SUSPENDED, WITHDRAWN
}
