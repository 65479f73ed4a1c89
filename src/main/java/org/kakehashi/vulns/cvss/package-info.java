/**
 * CVSS v3.0/v3.1 and v4.0 vectors: strict parsing, normalised vector strings and the specifications' scores and
 * severity ratings. Pure Java, no Spring; used by the vulns module and its web layer.
 */
@NullMarked
package org.kakehashi.vulns.cvss;

import org.jspecify.annotations.NullMarked;
