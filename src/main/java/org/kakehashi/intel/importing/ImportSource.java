package org.kakehashi.intel.importing;

import java.io.Closeable;
import java.util.List;

/** Items of an import in a fixed order, read a batch at a time; the same file always gives the same items. */
interface ImportSource extends Closeable {

	/** Up to {@code max} items; an empty list at the end. */
	List<ImportItem> next(int max);

	@Override
	void close();
}
