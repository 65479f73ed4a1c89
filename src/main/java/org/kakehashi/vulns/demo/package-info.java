/**
 * The demo world's vulnerability coordination: vendors, cases in every stage and one advisory that the scheduled job
 * publishes a few minutes after start, all made through the module's own services.
 */
@NullMarked
package org.kakehashi.vulns.demo;

import org.jspecify.annotations.NullMarked;
