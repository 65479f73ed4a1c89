package org.kakehashi.intel.store;

import java.util.List;

/** One page of a query and whether more rows follow it. */
public record Slice<T>(List<T> rows, boolean more) {
}
