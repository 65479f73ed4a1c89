package org.kakehashi.vulns.cvss;

import java.math.BigDecimal;

/** A valid CVSS vector of any supported version, scored. */
public sealed interface CvssVector permits Cvss3Vector, Cvss4Vector {

	/** Reads "CVSS:3.0/…", "CVSS:3.1/…" or "CVSS:4.0/…"; throws {@link InvalidCvssVector} naming the metric at fault. */
	static CvssVector parse(String vector) {
		if (vector.startsWith(Cvss4Vector.PREFIX + "/")) {
			return Cvss4Vector.parse(vector);
		}
		if (vector.startsWith("CVSS:3.")) {
			return Cvss3Vector.parse(vector);
		}
		throw new InvalidCvssVector(InvalidCvssVector.Reason.PREFIX, "CVSS",
				"a CVSS vector starts with CVSS:3.0/, CVSS:3.1/ or CVSS:4.0/");
	}

	/** "3.0", "3.1" or "4.0". */
	String version();

	/** The score the vector stands for: the base score in v3.x, the CVSS-B/BT/BE/BTE score in v4.0. */
	BigDecimal score();

	default CvssSeverity severity() {
		return CvssSeverity.of(score());
	}

	/** The normalised vector string: the specification's metric order, metrics left Not Defined (X) dropped. */
	@Override
	String toString();
}
