package org.kakehashi.warnings.internal;

/** How an agreement's subscriber receives warnings; the web inbox is always one of them. */
public enum Channel {
	INBOX, EMAIL, WEBHOOK, TAXII
}
