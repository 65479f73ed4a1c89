package org.kakehashi.vulns.certification;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;

import jakarta.mail.internet.MimeMessage;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.kakehashi.identity.OrganisationType;
import org.kakehashi.identity.Role;
import org.kakehashi.identity.internal.Organisation;
import org.kakehashi.identity.internal.Users;
import org.kakehashi.support.Fixtures;
import org.kakehashi.support.IntegrationTest;
import org.kakehashi.support.MutableClock;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Expiry reminders on a clock the test moves, against the real database and SMTP server: 90 and 30 days before the
 * end date the record's contact and the holder organisation's administrators (each in their language first) get one
 * e-mail each, however often and on however many nodes the job runs; extending the certificate arms them again for
 * the new date; a certificate registered late gets only the most urgent reminder; ended, suspended and withdrawn
 * ones get none.
 */
class CertificationReminderTests extends IntegrationTest {

	@TestConfiguration
	static class Clocks {

		@Bean
		@Primary
		MutableClock testClock() {
			return new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
		}
	}

	@Autowired
	MutableClock clock;

	@Autowired
	Fixtures fixtures;

	@Autowired
	Users users;

	@Autowired
	Certifications certifications;

	@Autowired
	CertificationReminders reminders;

	@Autowired
	JdbcClient jdbc;

	@Test
	void remindersAt90And30DaysGoOutOnceEachAndAnExtensionArmsThemAgain() throws Exception {
		var keeper = keeper();
		var holder = fixtures.organisation(OrganisationType.VENDOR);
		var admin = fixtures.user(holder, Role.ORG_ADMIN);
		users.setLocale(admin.id(), "en");
		var member = fixtures.user(holder, Role.VIEWER);
		var contact = Fixtures.unique("renewals") + "@towa.example";
		var number = Fixtures.unique("CSSC-D");
		var end = certifications.today().plusDays(100);
		var id = certifications.register(keeper, input(number, holder, contact, end, CertificationStatus.VALID)).id();

		reminders.remindDue();
		clock.advance(Duration.ofDays(9));
		reminders.remindDue();
		assertThat(sent(id)).isZero();
		assertThat(mailTo(contact)).isEmpty();

		// 90 days before the end: the contact (Japanese first) and the holder's administrator (English first).
		clock.advance(Duration.ofDays(1));
		reminders.remindDue();
		assertThat(sent(id)).isEqualTo(1);
		var first = mailTo(contact);
		assertThat(first).hasSize(1);
		assertThat(first.get(0).getSubject()).startsWith("認証 " + number).contains("Certificate " + number);
		assertThat(String.valueOf(first.get(0).getContent())).contains("残り 90 日", "ends in 90 days",
				"/vulns/certifications/" + id, "TC-7000", "IEC 62443-4-2 SL 2");
		var adminMail = mailTo(admin.email());
		assertThat(adminMail).hasSize(1);
		assertThat(adminMail.get(0).getSubject()).startsWith("Certificate " + number);
		assertThat(mailTo(member.email())).isEmpty();
		assertThat(String.valueOf(first.get(0).getContent())).doesNotContain("社内メモ");

		// Again the same day, and the days after: nothing new.
		reminders.remindDue();
		clock.advance(Duration.ofDays(59));
		reminders.remindDue();
		assertThat(sent(id)).isEqualTo(1);
		assertThat(mailTo(contact)).hasSize(1);

		// 30 days before the end, with two nodes running the job at once: sent once.
		clock.advance(Duration.ofDays(1));
		var ready = new CountDownLatch(1);
		var pool = Executors.newFixedThreadPool(2);
		try {
			Callable<CertificationReminders.Run> run = () -> {
				ready.await();
				return reminders.remindDue();
			};
			var a = pool.submit(run);
			var b = pool.submit(run);
			ready.countDown();
			assertThat(a.get().reminders() + b.get().reminders()).isEqualTo(1);
		}
		finally {
			pool.shutdown();
		}
		reminders.remindDue();
		assertThat(sent(id)).isEqualTo(2);
		assertThat(mailTo(contact)).hasSize(2);
		assertThat(mailTo(admin.email())).hasSize(2);
		assertThat(String.valueOf(mailTo(contact).get(1).getContent())).contains("残り 30 日");
		assertThat(jdbc.sql("select count(*) from audit_log where target_id = :id and action = 'vulns.certification-reminded'")
			.param("id", id.toString()).query(Long.class).single()).isEqualTo(2);

		// Renewed for a year: the reminders start again for the new end date, and only then.
		var current = certifications.find(keeper, id).orElseThrow();
		var renewed = end.plusYears(1);
		certifications.update(keeper, id, input(number, holder, contact, renewed, CertificationStatus.VALID),
				current.revision());
		reminders.remindDue();
		assertThat(sent(id)).isEqualTo(2);
		clock.advance(Duration.ofDays(renewed.toEpochDay() - certifications.today().toEpochDay() - 91));
		reminders.remindDue();
		assertThat(sent(id)).isEqualTo(2);
		clock.advance(Duration.ofDays(1));
		reminders.remindDue();
		reminders.remindDue();
		assertThat(sent(id)).isEqualTo(3);
		assertThat(mailTo(contact)).hasSize(3);
		assertThat(jdbc.sql("select valid_to from vuln_certification_reminder where certification_id = :id order by sent_at")
			.param("id", id).query(LocalDate.class).list()).containsExactly(end, end, renewed);
		assertThat(certifications.reminders(keeper, id)).extracting(SentReminder::thresholdDays).containsExactly(90, 30, 90);
	}

	@Test
	void lateRegistrationsGetTheMostUrgentReminderOnlyAndEndedOrSuspendedOnesNone() {
		var keeper = keeper();
		var today = certifications.today();
		var late = Fixtures.unique("late") + "@example.jp";
		var lateId = certifications.register(keeper, input(Fixtures.unique("L"), null, late, today.plusDays(20),
				CertificationStatus.VALID)).id();
		var lastDay = Fixtures.unique("last") + "@example.jp";
		var lastDayId = certifications.register(keeper, input(Fixtures.unique("Z"), null, lastDay, today,
				CertificationStatus.VALID)).id();
		var ended = Fixtures.unique("ended") + "@example.jp";
		certifications.register(keeper, input(Fixtures.unique("E"), null, ended, today.minusDays(1),
				CertificationStatus.VALID));
		var suspended = Fixtures.unique("suspended") + "@example.jp";
		certifications.register(keeper, input(Fixtures.unique("S"), null, suspended, today.plusDays(10),
				CertificationStatus.SUSPENDED));
		var withdrawn = Fixtures.unique("withdrawn") + "@example.jp";
		certifications.register(keeper, input(Fixtures.unique("W"), null, withdrawn, today.plusDays(10),
				CertificationStatus.WITHDRAWN));

		reminders.remindDue();
		reminders.remindDue();
		assertThat(certifications.reminders(keeper, lateId)).extracting(SentReminder::thresholdDays).containsExactly(30);
		assertThat(mailTo(late)).hasSize(1);
		assertThat(String.valueOf(content(mailTo(late).get(0)))).contains("残り 20 日");
		// The end date itself still counts as valid: the last call.
		assertThat(certifications.reminders(keeper, lastDayId)).extracting(SentReminder::thresholdDays).containsExactly(30);
		assertThat(mailTo(ended)).isEmpty();
		assertThat(mailTo(suspended)).isEmpty();
		assertThat(mailTo(withdrawn)).isEmpty();
	}

	CertificationViewer keeper() {
		var coordinator = fixtures.user(fixtures.organisation(OrganisationType.COORDINATOR), Role.COORDINATOR);
		var viewer = CertificationViewer.of(coordinator.principal());
		assertThat(viewer.coordinator()).isTrue();
		return viewer;
	}

	static CertificationInput input(String number, @Nullable Organisation holder, String contact, LocalDate end,
			CertificationStatus status) {
		return new CertificationInput(CertificationKind.DEVICE_CERTIFICATION, number, "CSSC-CL",
				holder == null ? "株式会社テスト" : "", holder == null ? null : holder.id(), "TC-7000 コントローラ", "FW 4.2",
				"IEC 62443-4-2", "SL 2", end.minusYears(3), end, status, false, contact, "社内メモ: 更新は未定");
	}

	long sent(UUID id) {
		return jdbc.sql("select count(*) from vuln_certification_reminder where certification_id = :id").param("id", id)
			.query(Long.class).single();
	}

	static List<MimeMessage> mailTo(String address) {
		return List.of(MAIL.getReceivedMessagesForDomain(address));
	}

	static Object content(MimeMessage message) {
		try {
			return message.getContent();
		}
		catch (Exception e) {
			throw new IllegalStateException(e);
		}
	}
}
