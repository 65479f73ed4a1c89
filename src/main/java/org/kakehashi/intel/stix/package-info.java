/**
 * STIX 2.1 objects checked against the specification: the {@link org.kakehashi.intel.stix.StixValidator} contract
 * and its implementation, written from the specification's text rather than its JSON schemas.
 */
@NullMarked
package org.kakehashi.intel.stix;

import org.jspecify.annotations.NullMarked;
