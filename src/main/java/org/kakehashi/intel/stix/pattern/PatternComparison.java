package org.kakehashi.intel.stix.pattern;

import org.jspecify.annotations.Nullable;

/**
 * One comparison in a pattern, flattened for lookups: {@code [ipv4-addr:value = '198.51.100.1/32']} gives
 * ({@code ipv4-addr}, {@code value}, {@code =}, {@code '198.51.100.1/32'}). {@code value} is null for {@code EXISTS}.
 */
public record PatternComparison(String objectType, String propertyPath, ObjectPath path, ComparisonOperator operator,
		boolean negated, @Nullable Constant value) {
}
