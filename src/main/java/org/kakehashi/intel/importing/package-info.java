/**
 * Bulk import of STIX 2.1 bundles and MISP events into collections (a job per upload, loaded through COPY in
 * batches that resume after a crash), and export of collections and reports' observables as STIX 2.1 bundles.
 */
@NullMarked
package org.kakehashi.intel.importing;

import org.jspecify.annotations.NullMarked;
