/**
 * The certification registry: control-device certifications and evaluations, control-system evaluations and CSMS
 * conformity certificates, kept by coordinators, readable by the holder's organisation, listed publicly where
 * chosen, with expiry reminders to the holder.
 */
@NullMarked
package org.kakehashi.vulns.certification;

import org.jspecify.annotations.NullMarked;
