/**
 * Who is who: organisations, sectors, groups and memberships, users and roles, and how they sign in
 * (password, TOTP, passkeys, an organisation's own OIDC provider, API tokens).
 */
@ApplicationModule(allowedDependencies = { "platform", "audit" })
@NullMarked
package org.kakehashi.identity;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
