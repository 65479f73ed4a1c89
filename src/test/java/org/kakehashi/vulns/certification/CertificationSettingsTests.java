package org.kakehashi.vulns.certification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Bad reminder settings stop the start with a message naming the setting (ADR 018: fail fast). */
class CertificationSettingsTests {

	@Test
	void remindersAreWholeDaysBeforeTheEndDate() {
		var settings = new CertificationsProperties(List.of(Duration.ofDays(90), Duration.ofDays(30), Duration.ofDays(30)),
				true, Duration.ofHours(1));
		assertThat(settings.schedule().thresholds()).containsExactly(30, 90);
		assertThat(new CertificationsProperties(List.of(), true, Duration.ofHours(1)).schedule().horizon()).isNegative();
		for (var bad : List.of(Duration.ofHours(36), Duration.ofDays(-1), Duration.ofDays(3651))) {
			assertThatThrownBy(() -> new CertificationsProperties(List.of(bad), true, Duration.ofHours(1)))
				.hasMessageContaining("kakehashi.vulns.certifications.reminders");
		}
		assertThatThrownBy(() -> new CertificationsProperties(List.of(Duration.ofDays(30)), true, Duration.ZERO))
			.hasMessageContaining("kakehashi.vulns.certifications.reminder-interval");
	}
}
