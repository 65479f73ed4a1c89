/**
 * Incident, failure and near-miss reports: filing and versions, relay from operator to sector ministry and
 * national centre (情報連絡), regulatory clocks, triage and coordination cases, lists and statistics.
 */
@ApplicationModule(allowedDependencies = { "platform", "audit", "identity" })
@NullMarked
package org.kakehashi.reporting;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
