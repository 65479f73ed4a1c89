/**
 * A published advisory as plain values, and its machine-readable forms: a CSAF 2.0 {@code csaf_security_advisory}
 * document ({@link org.kakehashi.vulns.advisory.CsafWriter}) and one CVE JSON 5 record per CVE id
 * ({@link org.kakehashi.vulns.advisory.CveRecordWriter}). No storage here: the case tables feed these records.
 */
@NullMarked
package org.kakehashi.vulns.advisory;

import org.jspecify.annotations.NullMarked;
