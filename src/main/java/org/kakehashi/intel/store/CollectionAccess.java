package org.kakehashi.intel.store;

/** A collection with what one reader may do in it (grants narrowed by the credential's scopes). */
public record CollectionAccess(IntelCollection collection, boolean canRead, boolean canWrite) {

	/** A collection one may neither read nor write is, to that reader, not there at all. */
	public boolean visible() {
		return canRead || canWrite;
	}
}
