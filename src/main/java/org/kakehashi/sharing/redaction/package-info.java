/**
 * Redaction engine for sanitised sharing: suggests what in a report's text identifies its source (names from the
 * directory, contact details, the source's own infrastructure, internal identifiers) and replaces accepted
 * suggestions with consistent pseudonyms. Pure Java, no Spring, no database.
 */
@NullMarked
package org.kakehashi.sharing.redaction;

import org.jspecify.annotations.NullMarked;
