/**
 * The coordinators' dashboard of vulnerability coordination: open cases by state and age, the scheme's KPIs per
 * quarter of the Japanese fiscal year (published within 45 days of acceptance, web sites fixed within 90 days of
 * notification) and vendor responsiveness, all counted by PostgreSQL.
 */
@NullMarked
package org.kakehashi.vulns.dashboard;

import org.jspecify.annotations.NullMarked;
