/**
 * Sanitised sharing: a hub turns reports into shared items with redactions and its own analysis, the source
 * approves the text, and the item is published under TLP 2.0 to an audience whose members cannot tell who else
 * received it nor, by what it discloses, who reported it.
 */
@ApplicationModule(allowedDependencies = { "platform", "audit", "identity", "reporting" })
@NullMarked
package org.kakehashi.sharing;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
