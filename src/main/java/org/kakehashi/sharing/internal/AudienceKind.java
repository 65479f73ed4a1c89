package org.kakehashi.sharing.internal;

/** How an audience entry names recipients; {@code ref} is a sector code, a group, organisation or user id. */
public enum AudienceKind {

	/** Every member organisation covering the sector. */
	SECTOR,
	/** A CEPTOAR, SIG or sharing group's members; for groups that require an NDA, only members who accepted it. */
	GROUP,
	ORGANISATION,
	/** Every local government (no ref). */
	LOCAL_GOVERNMENTS,
	/** A named individual: the only kind TLP:RED allows, and allowed only with TLP:RED. */
	USER
}
