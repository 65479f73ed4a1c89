/** The registry's pages (management and the public list with its CSV) and its REST API. */
@NullMarked
package org.kakehashi.vulns.certification.web;

import org.jspecify.annotations.NullMarked;
