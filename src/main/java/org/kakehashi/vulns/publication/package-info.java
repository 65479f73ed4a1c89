/**
 * The advisory of a product case: the coordinators' draft, the readiness checks, publication at the agreed time
 * (a job on every node, each advisory once), re-publication as new revisions, and the public reads — the advisory
 * pages, the index and feed, the CSAF 2.0 document and CVE JSON 5 records exactly as published.
 */
@NullMarked
package org.kakehashi.vulns.publication;

import org.jspecify.annotations.NullMarked;
