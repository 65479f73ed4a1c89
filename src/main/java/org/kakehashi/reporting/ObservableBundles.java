package org.kakehashi.reporting;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.UUID;

/**
 * Writes reports' observables as one STIX 2.1 bundle. The reporting module offers the download of a search
 * result; the intelligence module, which knows STIX, implements it (reporting does not depend on intel).
 */
public interface ObservableBundles {

	/** Writes the bundle for these reports, which the caller has already filtered by the viewer's visibility. */
	void write(List<UUID> reportIds, OutputStream out) throws IOException;
}
