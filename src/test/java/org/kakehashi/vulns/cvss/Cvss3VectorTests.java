package org.kakehashi.vulns.cvss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.kakehashi.vulns.cvss.InvalidCvssVector.Reason;

/** CVSS v3.x against published vectors and their scores, and the vector string rules. */
class Cvss3VectorTests {

	/** The FIRST CVSS v3.1 examples document and well-known CVEs. */
	@ParameterizedTest(name = "{0} = {1}")
	@CsvSource(delimiter = '|', textBlock = """
			CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H | 9.8 | CRITICAL
			CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N | 6.1 | MEDIUM
			CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H | 7.8 | HIGH
			CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:C/C:L/I:L/A:N | 6.4 | MEDIUM
			CVSS:3.1/AV:N/AC:H/PR:N/UI:R/S:U/C:L/I:N/A:N | 3.1 | LOW
			CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:C/C:H/I:H/A:H | 9.9 | CRITICAL
			CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H | 8.8 | HIGH
			CVSS:3.1/AV:L/AC:L/PR:N/UI:R/S:U/C:H/I:H/A:H | 7.8 | HIGH
			CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N | 7.5 | HIGH
			CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:C/C:N/I:H/A:N | 6.8 | MEDIUM
			CVSS:3.1/AV:P/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H | 6.8 | MEDIUM
			CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:L/I:N/A:N | 5.8 | MEDIUM
			CVSS:3.1/AV:L/AC:L/PR:H/UI:N/S:U/C:L/I:L/A:L | 4.2 | MEDIUM
			CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H | 10.0 | CRITICAL
			CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:N | 0.0 | NONE
			CVSS:3.1/AV:N/AC:L/PR:L/UI:R/S:U/C:L/I:N/A:N | 3.5 | LOW
			CVSS:3.1/AV:N/AC:L/PR:H/UI:N/S:U/C:H/I:N/A:N | 4.9 | MEDIUM
			CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H | 9.8 | CRITICAL
			CVSS:3.0/AV:L/AC:L/PR:H/UI:R/S:U/C:H/I:H/A:H | 6.5 | MEDIUM
			""")
	void baseScoresMatchThePublishedOnes(String vector, BigDecimal score, CvssSeverity severity) {
		var parsed = Cvss3Vector.parse(vector);
		assertThat(parsed.baseScore()).isEqualTo(score);
		assertThat(parsed.severity()).isEqualTo(severity);
		assertThat(parsed.temporalScore()).isEmpty();
		assertThat(parsed.environmentalScore()).isEmpty();
		assertThat(parsed.toString()).isEqualTo(vector);
	}

	/** Base, temporal and environmental scores from FIRST's calculator. */
	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			CVSS:3.0/S:U/AV:N/AC:L/PR:H/UI:N/C:L/I:L/A:N/E:F/RL:X | 3.8 | 3.7 |
			CVSS:3.0/AV:N/AC:L/PR:N/UI:R/S:C/C:H/I:H/A:N/E:H/RL:O/RC:C/CR:H/IR:H/AR:H/MAV:N/MAC:L/MPR:L/MUI:N/MS:C/MC:H/MI:H/MA:H | 9.3 | 8.9 | 9.5
			CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:H/I:H/A:H/CR:M | 9.6 | | 9.7
			CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:C/C:H/I:H/A:H/CR:M | 9.9 | | 10.0
			CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:P/RL:O/RC:C | 9.8 | 8.8 |
			CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:U/RL:O/RC:U/MC:N/MI:N/MA:N | 9.8 | 7.8 | 0.0
			""")
	void temporalAndEnvironmentalScoresComeWithTheirMetrics(String vector, BigDecimal base, BigDecimal temporal,
			BigDecimal environmental) {
		var parsed = Cvss3Vector.parse(vector);
		assertThat(parsed.baseScore()).isEqualTo(base);
		assertThat(parsed.temporalScore().orElse(null)).isEqualTo(temporal);
		assertThat(parsed.environmentalScore().orElse(null)).isEqualTo(environmental);
	}

	@Test
	void metricsMayComeInAnyOrderAndAreWrittenInTheSpecificationsOrder() {
		var parsed = Cvss3Vector.parse("CVSS:3.1/S:U/C:H/I:H/A:H/AV:N/AC:L/PR:N/UI:N/RL:O/E:X/CR:X");
		assertThat(parsed.toString()).isEqualTo("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/RL:O");
		assertThat(parsed.baseScore()).isEqualByComparingTo("9.8");
		assertThat(parsed.value(Cvss3Metric.E)).isEqualTo("X");
		assertThat(parsed).isEqualTo(Cvss3Vector.parse(parsed.toString()));
	}

	@Test
	void notDefinedMetricsAloneGiveNoTemporalOrEnvironmentalScore() {
		var parsed = Cvss3Vector.parse("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:X/RL:X/RC:X/MAV:X/CR:X");
		assertThat(parsed.temporalScore()).isEmpty();
		assertThat(parsed.environmentalScore()).isEmpty();
		assertThat(parsed.toString()).isEqualTo("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H");
	}

	@Test
	void roundupIgnoresFloatingPointNoise() {
		assertThat(Cvss3Vector.roundUpTenths(4.000000000000001)).isEqualTo(40);
		assertThat(Cvss3Vector.roundUpTenths(4.02)).isEqualTo(41);
		assertThat(Cvss3Vector.roundUpTenths(4.0)).isEqualTo(40);
		assertThat(Cvss3Vector.roundUpTenths(0.00001)).isEqualTo(1);
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H                     | CVSS | PREFIX
			CVSS:3.2/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H            | CVSS | PREFIX
			cvss:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H            | CVSS | PREFIX
			CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H                | A    | MISSING_METRIC
			CVSS:3.1/AV:N/AC:L/UI:N/S:U/C:H/I:H/A:H                 | PR   | MISSING_METRIC
			CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/AV:N       | AV   | DUPLICATE_METRIC
			CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:P/E:P    | E    | DUPLICATE_METRIC
			CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/AT:N       | AT   | UNKNOWN_METRIC
			CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/Au:N       | Au   | UNKNOWN_METRIC
			CVSS:3.1/AV:X/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H            | AV   | INVALID_VALUE
			CVSS:3.1/AV:N/AC:L/PR:N/UI:P/S:U/C:H/I:H/A:H            | UI   | INVALID_VALUE
			CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:h            | A    | INVALID_VALUE
			CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/MS:S       | MS   | INVALID_VALUE
			CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/           | ''   | MALFORMED
			CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E          | E    | MALFORMED
			CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H:H          | A:H:H | MALFORMED
			""")
	void invalidVectorsAreRefusedNamingTheMetric(String vector, String metric, Reason reason) {
		assertThatThrownBy(() -> Cvss3Vector.parse(vector)).isInstanceOfSatisfying(InvalidCvssVector.class, e -> {
			assertThat(e.metric()).isEqualTo(metric);
			assertThat(e.reason()).isEqualTo(reason);
			assertThat(e.getMessage()).contains(metric.isEmpty() ? "empty" : metric);
		});
	}

	@Test
	void theErrorSaysWhichValuesTheMetricTakes() {
		assertThatThrownBy(() -> Cvss3Vector.parse("CVSS:3.1/AV:Q/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"))
				.hasMessage("CVSS v3.1 vector: AV:Q is not allowed; AV takes N, A, L, P");
	}
}
