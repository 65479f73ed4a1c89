package org.kakehashi.sharing.internal;

/**
 * Where a shared item stands. The hub edits until it asks the source for approval; the source approves or asks
 * for changes; an edit after approval voids it (the approval holds for one revision); publication needs the
 * approval of the current revision unless the hub records why it publishes without.
 */
public enum ItemStatus {

	DRAFT, AWAITING_APPROVAL, CHANGES_REQUESTED, APPROVED, PUBLISHED, WITHDRAWN;

	/** The hub may still change the text and the audience. */
	public boolean editable() {
		return this != PUBLISHED && this != WITHDRAWN;
	}

	/** It has reached recipients (a withdrawn item stays in their inbox, marked withdrawn). */
	public boolean published() {
		return this == PUBLISHED || this == WITHDRAWN;
	}
}
