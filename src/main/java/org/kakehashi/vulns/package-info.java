/**
 * Vulnerability coordination: finders report flaws in products and web sites, coordinators drive each case with
 * its vendors (or the site operator) through the Japanese scheme's states to a dated publication, with CVSS scores
 * and machine-readable CSAF 2.0 and CVE JSON 5 output.
 */
@ApplicationModule(allowedDependencies = { "platform", "audit", "identity" })
@NullMarked
package org.kakehashi.vulns;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
