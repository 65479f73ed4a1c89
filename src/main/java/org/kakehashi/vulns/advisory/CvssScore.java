package org.kakehashi.vulns.advisory;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A CVSS base score as the scoring library computed it: the vector string, the base score and its severity. Values
 * only; the vector is not parsed here, but the version prefix, the score's range and precision, and the severity's
 * agreement with the score are checked, because CSAF and CVE consumers reject or misread anything else.
 */
public record CvssScore(String vector, BigDecimal baseScore, CvssSeverity severity) {

	private static final Pattern PREFIX = Pattern.compile("CVSS:(3\\.0|3\\.1|4\\.0)/\\S+");

	public CvssScore {
		vector = Checks.text(vector, "CVSS vector");
		if (!PREFIX.matcher(vector).matches()) {
			throw new IllegalArgumentException("not a CVSS 3.0, 3.1 or 4.0 vector: " + vector);
		}
		Objects.requireNonNull(baseScore, "CVSS base score");
		if (baseScore.signum() < 0 || baseScore.compareTo(BigDecimal.TEN) > 0 || baseScore.stripTrailingZeros().scale() > 1) {
			throw new IllegalArgumentException("CVSS base score must be 0.0–10.0 in steps of 0.1, was " + baseScore);
		}
		baseScore = baseScore.setScale(1);
		Objects.requireNonNull(severity, "CVSS severity");
		if (severity != CvssSeverity.of(baseScore)) {
			throw new IllegalArgumentException("severity " + severity + " does not match base score " + baseScore);
		}
	}

	public static CvssScore of(String vector, String baseScore) {
		var score = new BigDecimal(baseScore);
		return new CvssScore(vector, score, CvssSeverity.of(score));
	}

	/** {@code 3.0}, {@code 3.1} or {@code 4.0}, from the vector's prefix. */
	public String version() {
		return vector.substring("CVSS:".length(), vector.indexOf('/'));
	}

	public boolean isV4() {
		return version().equals("4.0");
	}
}
