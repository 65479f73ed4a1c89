/**
 * The append-only, hash-chained audit log: every sign-in, every change to identity and permissions, and
 * whatever other modules record through {@link org.kakehashi.audit.AuditLog}.
 */
@ApplicationModule(allowedDependencies = "platform")
@NullMarked
package org.kakehashi.audit;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
