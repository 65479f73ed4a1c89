package org.kakehashi.intel.importing;

import org.jspecify.annotations.Nullable;

/** One line of an import's error report: which object (position and id), which property, what is wrong. */
public record ImportError(long position, @Nullable String objectId, String property, String message) {
}
