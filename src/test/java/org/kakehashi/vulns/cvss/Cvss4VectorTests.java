package org.kakehashi.vulns.cvss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.kakehashi.vulns.cvss.InvalidCvssVector.Reason;

/** CVSS v4.0 against the FIRST examples and their scores, and the vector string rules. */
class Cvss4VectorTests {

	/**
	 * The FIRST CVSS v4.0 examples (CVE analyses in the specification's examples document), metrics in the
	 * specification's order.
	 */
	@ParameterizedTest(name = "{0} = {1}")
	@CsvSource(delimiter = '|', textBlock = """
			CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N | 9.3 | CVSS_B
			CVSS:4.0/AV:L/AC:L/AT:P/PR:L/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N | 7.3 | CVSS_B
			CVSS:4.0/AV:N/AC:L/AT:P/PR:N/UI:P/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N | 7.7 | CVSS_B
			CVSS:4.0/AV:N/AC:L/AT:P/PR:N/UI:P/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:U | 5.2 | CVSS_BT
			CVSS:4.0/AV:N/AC:L/AT:P/PR:N/UI:N/VC:H/VI:L/VA:L/SC:N/SI:N/SA:N | 8.3 | CVSS_B
			CVSS:4.0/AV:N/AC:L/AT:P/PR:N/UI:N/VC:H/VI:L/VA:L/SC:N/SI:N/SA:N/CR:H/IR:L/AR:L/MAV:N/MAC:H/MVC:H/MVI:L/MVA:L | 8.1 | CVSS_BE
			CVSS:4.0/AV:L/AC:L/AT:N/PR:N/UI:A/VC:L/VI:N/VA:N/SC:N/SI:N/SA:N | 4.6 | CVSS_B
			CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:A/VC:N/VI:N/VA:N/SC:L/SI:L/SA:N | 5.1 | CVSS_B
			CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:N/SC:L/SI:L/SA:N | 6.9 | CVSS_B
			CVSS:4.0/AV:L/AC:L/AT:N/PR:H/UI:N/VC:N/VI:N/VA:N/SC:H/SI:N/SA:N | 5.9 | CVSS_B
			CVSS:4.0/AV:L/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H | 9.4 | CVSS_B
			CVSS:4.0/AV:P/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:H/SA:N/S:P/V:D | 8.3 | CVSS_B
			CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:N/VA:N/SC:N/SI:N/SA:N/E:A | 8.7 | CVSS_BT
			CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H/E:A | 10.0 | CVSS_BT
			CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:A | 9.3 | CVSS_BT
			CVSS:4.0/AV:A/AC:L/AT:N/PR:N/UI:N/VC:N/VI:L/VA:N/SC:H/SI:N/SA:H | 6.4 | CVSS_B
			CVSS:4.0/AV:L/AC:L/AT:N/PR:H/UI:N/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H/R:I | 9.3 | CVSS_B
			CVSS:4.0/AV:L/AC:L/AT:P/PR:H/UI:N/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H/R:I | 8.7 | CVSS_B
			CVSS:4.0/AV:P/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H | 8.6 | CVSS_B
			CVSS:4.0/AV:N/AC:L/AT:N/PR:L/UI:N/VC:H/VI:N/VA:N/SC:N/SI:N/SA:N | 7.1 | CVSS_B
			CVSS:4.0/AV:N/AC:L/AT:P/PR:N/UI:N/VC:H/VI:N/VA:N/SC:N/SI:N/SA:N | 8.2 | CVSS_B
			CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:H/SC:N/SI:N/SA:L | 8.7 | CVSS_B
			CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:H/SC:N/SI:N/SA:L/E:U | 6.6 | CVSS_BT
			CVSS:4.0/AV:N/AC:L/AT:N/PR:L/UI:P/VC:N/VI:N/VA:N/SC:L/SI:L/SA:N | 5.1 | CVSS_B
			CVSS:4.0/AV:N/AC:L/AT:P/PR:L/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N | 7.7 | CVSS_B
			CVSS:4.0/AV:L/AC:L/AT:N/PR:H/UI:N/VC:H/VI:H/VA:N/SC:N/SI:N/SA:N | 8.3 | CVSS_B
			CVSS:4.0/AV:L/AC:L/AT:N/PR:H/UI:N/VC:H/VI:H/VA:N/SC:N/SI:N/SA:N/E:U | 5.6 | CVSS_BT
			CVSS:4.0/AV:L/AC:L/AT:N/PR:N/UI:P/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N | 8.5 | CVSS_B
			CVSS:4.0/AV:N/AC:L/AT:P/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:A | 9.2 | CVSS_BT
			CVSS:4.0/AV:P/AC:L/AT:P/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N | 5.4 | CVSS_B
			CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:N/VA:N/SC:N/SI:N/SA:N | 8.7 | CVSS_B
			CVSS:4.0/AV:N/AC:L/AT:N/PR:H/UI:N/VC:H/VI:N/VA:N/SC:N/SI:N/SA:N | 6.9 | CVSS_B
			CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:N/SC:N/SI:L/SA:N | 6.9 | CVSS_B
			CVSS:4.0/AV:L/AC:L/AT:N/PR:N/UI:P/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/S:P | 8.5 | CVSS_B
			CVSS:4.0/AV:N/AC:L/AT:N/PR:L/UI:N/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H/S:P/AU:Y/V:C/RE:L | 9.4 | CVSS_B
			CVSS:4.0/AV:N/AC:L/AT:N/PR:L/UI:N/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H/E:P/CR:L/IR:H/AR:L/MAV:L/MAC:H/MAT:N/MPR:N/MUI:N/MVC:N/MVI:H/MVA:L/MSC:N/MSI:S/MSA:L | 7.0 | CVSS_BTE
			CVSS:4.0/AV:N/AC:L/AT:N/PR:L/UI:N/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H/E:P/CR:L/IR:H/AR:H/MAV:A/MAC:H/MAT:N/MPR:L/MUI:N/MVC:L/MVI:H/MVA:H/MSC:L/MSI:S/MSA:S | 7.4 | CVSS_BTE
			CVSS:4.0/AV:N/AC:L/AT:N/PR:L/UI:N/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H/E:P/CR:M/IR:H/AR:M/MAV:N/MAC:H/MAT:N/MPR:L/MUI:N/MVC:H/MVI:H/MVA:H/MSC:H/MSI:S/MSA:H | 8.7 | CVSS_BTE
			CVSS:4.0/AV:A/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:N/SC:N/SI:N/SA:N/S:P | 8.6 | CVSS_B
			CVSS:4.0/AV:A/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:N/SC:N/SI:N/SA:N/MSI:S/S:P | 9.7 | CVSS_BE
			CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:H/SC:N/SI:N/SA:N/V:C | 8.7 | CVSS_B
			CVSS:4.0/AV:N/AC:H/AT:P/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:P/MAC:L/MAT:N/MVC:N/MVI:N/MVA:L | 5.5 | CVSS_BTE
			CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:N/SC:N/SI:N/SA:N | 0.0 | CVSS_B
			CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H | 10.0 | CVSS_B
			""")
	void scoresMatchTheFirstExamples(String vector, BigDecimal score, Cvss4Nomenclature nomenclature) {
		var parsed = Cvss4Vector.parse(vector);
		assertThat(parsed.score()).isEqualTo(score);
		assertThat(parsed.nomenclature()).isEqualTo(nomenclature);
		assertThat(parsed.severity()).isEqualTo(CvssSeverity.of(score));
		assertThat(parsed.toString()).isEqualTo(vector);
	}

	@Test
	void theMacrovectorTableHasEveryClassCombination() {
		assertThat(Cvss4Scoring.SCORES).hasSize(270);
		assertThat(Cvss4Scoring.SCORES).containsEntry("000000", 10.0).containsEntry("212221", 0.1)
				.containsEntry("002201", 6.9).containsEntry("111111", 5.7);
	}

	@Test
	void macrovectorNamesTheEquivalenceClasses() {
		assertThat(Cvss4Vector.parse("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N").macroVector())
				.isEqualTo("000200");
		assertThat(Cvss4Vector
				.parse("CVSS:4.0/AV:P/AC:H/AT:P/PR:H/UI:A/VC:L/VI:L/VA:L/SC:L/SI:L/SA:L/E:U/CR:L/IR:L/AR:L")
				.macroVector()).isEqualTo("212221");
	}

	@Test
	void notDefinedMetricsAreDroppedAndDoNotChangeTheNomenclature() {
		var parsed = Cvss4Vector.parse(
				"CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:X/CR:X/MAV:X/S:X/U:X");
		assertThat(parsed.nomenclature()).isEqualTo(Cvss4Nomenclature.CVSS_B);
		assertThat(parsed.nomenclature().label()).isEqualTo("CVSS-B");
		assertThat(parsed.toString()).isEqualTo("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N");
		assertThat(parsed.score()).isEqualByComparingTo("9.3");
	}

	@Test
	void supplementalMetricsNeverChangeTheScore() {
		var plain = Cvss4Vector.parse("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N");
		var supplemented = Cvss4Vector
				.parse("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/S:P/AU:Y/R:I/V:C/RE:H/U:Red");
		assertThat(supplemented.score()).isEqualTo(plain.score());
		assertThat(supplemented.value(Cvss4Metric.U)).isEqualTo("Red");
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			CVSS:3.1/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N       | CVSS | PREFIX
			CVSS:4.0/AV:N/AC:L/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N            | AT   | MISSING_METRIC
			CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N            | SA   | MISSING_METRIC
			CVSS:4.0/AV:N/AC:L/AT:N/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N  | AT   | DUPLICATE_METRIC
			CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/AU:P  | AU   | INVALID_VALUE
			CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/S:Y   | S    | INVALID_VALUE
			CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:S/SA:N       | SI   | INVALID_VALUE
			CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:R/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N       | UI   | INVALID_VALUE
			CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/U:red | U    | INVALID_VALUE
			CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/MS:C  | MS   | UNKNOWN_METRIC
			CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/C:H/VI:H/VA:H/SC:N/SI:N/SA:N        | C    | UNKNOWN_METRIC
			CVSS:4.0/AC:L/AV:N/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N       | AV   | OUT_OF_ORDER
			CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/MAV:N/E:A | E | OUT_OF_ORDER
			CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N//E:A  | ''   | MALFORMED
			""")
	void invalidVectorsAreRefusedNamingTheMetric(String vector, String metric, Reason reason) {
		assertThatThrownBy(() -> Cvss4Vector.parse(vector)).isInstanceOfSatisfying(InvalidCvssVector.class, e -> {
			assertThat(e.metric()).isEqualTo(metric);
			assertThat(e.reason()).isEqualTo(reason);
		});
	}

	@Test
	void anyVersionIsReadThroughOneEntryPoint() {
		assertThat(CvssVector.parse("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N"))
				.isInstanceOf(Cvss4Vector.class).extracting(CvssVector::version).isEqualTo("4.0");
		assertThat(CvssVector.parse("CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"))
				.isInstanceOf(Cvss3Vector.class).extracting(CvssVector::severity).isEqualTo(CvssSeverity.CRITICAL);
		assertThatThrownBy(() -> CvssVector.parse("AV:N/AC:L/Au:N/C:C/I:C/A:C"))
				.isInstanceOfSatisfying(InvalidCvssVector.class, e -> assertThat(e.metric()).isEqualTo("CVSS"));
	}

	@Test
	void severityBandsFollowTheScale() {
		assertThat(CvssSeverity.of(new BigDecimal("0.0"))).isEqualTo(CvssSeverity.NONE);
		assertThat(CvssSeverity.of(new BigDecimal("0.1"))).isEqualTo(CvssSeverity.LOW);
		assertThat(CvssSeverity.of(new BigDecimal("3.9"))).isEqualTo(CvssSeverity.LOW);
		assertThat(CvssSeverity.of(new BigDecimal("4.0"))).isEqualTo(CvssSeverity.MEDIUM);
		assertThat(CvssSeverity.of(new BigDecimal("6.9"))).isEqualTo(CvssSeverity.MEDIUM);
		assertThat(CvssSeverity.of(new BigDecimal("7.0"))).isEqualTo(CvssSeverity.HIGH);
		assertThat(CvssSeverity.of(new BigDecimal("8.9"))).isEqualTo(CvssSeverity.HIGH);
		assertThat(CvssSeverity.of(new BigDecimal("9.0"))).isEqualTo(CvssSeverity.CRITICAL);
		assertThat(CvssSeverity.of(BigDecimal.TEN)).isEqualTo(CvssSeverity.CRITICAL);
		assertThatThrownBy(() -> CvssSeverity.of(new BigDecimal("10.1"))).isInstanceOf(IllegalArgumentException.class);
	}
}
