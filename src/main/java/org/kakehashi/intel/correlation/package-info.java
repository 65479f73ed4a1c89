/**
 * Correlation: one index of observable values (addresses and networks, domains, URLs, e-mail addresses, file hashes)
 * from STIX objects and report observables, lookups of every place a value occurs that the caller may see,
 * sightings and false-positive marks on indicators.
 */
@NullMarked
package org.kakehashi.intel.correlation;

import org.jspecify.annotations.NullMarked;
