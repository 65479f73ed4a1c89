package org.kakehashi.reporting.cases;

/** How a case contact is reached. ENCRYPTED_EMAIL: PGP or S/MIME, as CSIRTs exchange TLP:AMBER and above. */
public enum ContactChannel {
	EMAIL, PHONE, ENCRYPTED_EMAIL, OTHER
}
