/**
 * Early warnings and advisories: a sender (national centre, coordinator, ministry, hub) composes a warning with
 * the countermeasures it requires, its recipients come from prior agreements with subscriber organisations plus
 * explicit additions, and it is delivered by web inbox, e-mail, signed webhooks and TAXII; each recipient's
 * opening, acknowledgement and action are tracked, silence is escalated, and reachability drills test the chains.
 */
@ApplicationModule(allowedDependencies = { "platform", "audit", "identity", "reporting", "sharing" })
@NullMarked
package org.kakehashi.warnings;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
