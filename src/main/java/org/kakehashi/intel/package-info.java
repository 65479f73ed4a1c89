/**
 * Threat intelligence: a STIX 2.1 object store with versions and a validator written from the specification,
 * a TAXII 2.1 server, bulk import of STIX bundles and MISP events, correlation of observables, and
 * published shared items placed in the collections whose readers all received them, early warnings in one
 * collection per prior agreement that includes TAXII, and published vulnerability advisories in one collection that
 * every organisation reads.
 */
@ApplicationModule(allowedDependencies = { "platform", "audit", "identity", "reporting", "sharing", "warnings", "vulns" })
@NullMarked
package org.kakehashi.intel;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
