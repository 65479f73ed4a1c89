package org.kakehashi.intel.stix;

import org.jspecify.annotations.Nullable;

/**
 * One way a STIX object breaks the specification: the object's id (when it has a usable one), the property
 * path ({@code created}, {@code external_references[0].source_name}, {@code pattern}) and what is wrong.
 */
public record StixProblem(@Nullable String objectId, String property, String message) {
}
