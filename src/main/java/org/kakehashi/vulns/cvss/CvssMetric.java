package org.kakehashi.vulns.cvss;

import java.util.List;

/** A metric as a vector string writes it: its abbreviation and the values it takes. */
public interface CvssMetric {

	/** "AV", "MSI", … */
	String abbreviation();

	/** Allowed values in the specification's order; optional metrics include "X" (Not Defined). */
	List<String> allowedValues();

	/** Base metrics must appear in every vector; the others may be left out (Not Defined). */
	boolean mandatory();
}
