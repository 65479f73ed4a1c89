/**
 * Shared infrastructure every module uses: database (embedded or external PostgreSQL), clock, ids,
 * internationalisation, web layout, problem+json errors and outbound mail.
 */
@ApplicationModule(type = ApplicationModule.Type.OPEN)
@NullMarked
package org.kakehashi.platform;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
