package org.kakehashi.reporting.clocks;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;

import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;
import org.kakehashi.identity.DashboardCards;
import org.kakehashi.identity.OrganisationType;
import org.kakehashi.identity.Role;
import org.kakehashi.identity.internal.UserAccount;
import org.kakehashi.identity.internal.Users;
import org.kakehashi.reporting.ReportKind;
import org.kakehashi.reporting.internal.ReportFiling;
import org.kakehashi.support.Fixtures;
import org.kakehashi.support.IntegrationTest;
import org.kakehashi.support.MutableClock;
import org.kakehashi.support.ReportFixtures;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * Escalation end to end on a clock the test moves: a NIS2 report's notification becomes nearly due, then overdue;
 * each level mails the organisation's reporters and administrators and its ministry's analysts exactly once, in
 * their language, and never again however often (or on how many nodes at once) the job runs.
 */
@TestPropertySource(properties = "kakehashi.reporting.escalation-enabled=false")
class ClockEscalationTests extends IntegrationTest {

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
	ReportFixtures reports;

	@Autowired
	ReportFiling filing;

	@Autowired
	Users users;

	@Autowired
	Regimes regimes;

	@Autowired
	ClockEscalation escalation;

	@Autowired
	ClockCards cards;

	@Autowired
	JdbcClient jdbc;

	record World(UserAccount reporter, UserAccount admin, UserAccount viewer, UserAccount ministryAnalyst,
			UserAccount ministryCoordinator, UserAccount otherMinistryAnalyst, UserAccount otherOperator) {

		Set<String> everyone() {
			return Set.of(reporter.email(), admin.email(), viewer.email(), ministryAnalyst.email(),
					ministryCoordinator.email(), otherMinistryAnalyst.email(), otherOperator.email());
		}
	}

	World world(String sector, String otherSector) {
		var operator = fixtures.organisation(OrganisationType.OPERATOR, sector);
		var ministry = fixtures.organisation(OrganisationType.SECTOR_MINISTRY, sector);
		var otherMinistry = fixtures.organisation(OrganisationType.SECTOR_MINISTRY, otherSector);
		var world = new World(fixtures.user(operator, Role.REPORTER), fixtures.user(operator, Role.ORG_ADMIN),
				fixtures.user(operator, Role.VIEWER), fixtures.user(ministry, Role.ANALYST),
				fixtures.user(ministry, Role.COORDINATOR), fixtures.user(otherMinistry, Role.ANALYST),
				fixtures.user(fixtures.organisation(OrganisationType.OPERATOR, sector), Role.REPORTER));
		users.setLocale(world.reporter().id(), "en");
		users.setLocale(world.ministryAnalyst().id(), "ja");
		regimes.assign(operator.id(), List.of("EU_NIS2"));
		return world;
	}

	static List<MimeMessage> mailTo(Set<String> addresses) throws Exception {
		return Arrays.stream(MAIL.getReceivedMessages())
			.filter(m -> {
				try {
					return addresses.contains(m.getRecipients(Message.RecipientType.TO)[0].toString());
				} catch (Exception e) {
					throw new IllegalStateException(e);
				}
			})
			.toList();
	}

	static String to(MimeMessage message) throws Exception {
		return message.getRecipients(Message.RecipientType.TO)[0].toString();
	}

	@Test
	void nearlyDueThenOverdueEachMailTheRightPeopleOnceInTheirLanguage() throws Exception {
		var w = world("ELECTRICITY", "FINANCE");
		var report = reports.submitted(w.reporter(), ReportKind.INCIDENT, "Ransomware at the substation",
				clock.instant().minus(Duration.ofHours(1)));

		// Early warning met by the submission; notification due 72 h after awareness, nearly due in its last 18 h.
		assertThat(escalation.escalateDue()).isZero();
		clock.advance(Duration.ofHours(52));
		assertThat(escalation.escalateDue()).isZero();
		assertThat(mailTo(w.everyone())).isEmpty();

		clock.advance(Duration.ofHours(2));
		assertThat(escalation.escalateDue()).isEqualTo(1);
		var nearly = mailTo(w.everyone());
		assertThat(nearly).hasSize(3);
		assertThat(nearly.stream().map(m -> {
			try {
				return to(m);
			} catch (Exception e) {
				throw new IllegalStateException(e);
			}
		})).containsExactlyInAnyOrder(w.reporter().email(), w.admin().email(), w.ministryAnalyst().email());
		for (var message : nearly) {
			var subject = message.getSubject();
			var body = (String) message.getContent();
			assertThat(subject).contains(report.number());
			assertThat(body).contains("/reports/" + report.id()).doesNotContain("説明").doesNotContain("substation");
			if (to(message).equals(w.reporter().email())) {
				assertThat(subject).isEqualTo("[Kakehashi] " + report.number()
						+ ": Incident notification (EU NIS2 Directive, Article 23) is nearly due");
			} else if (to(message).equals(w.ministryAnalyst().email())) {
				assertThat(subject).isEqualTo("[架け橋] " + report.number()
						+ ": EU NIS2 指令 第23条のインシデント通知の期限が近づいています");
			} else {
				// No language chosen: Japanese first, then English.
				assertThat(subject).startsWith("[架け橋] ").contains(" / [Kakehashi] ");
			}
		}
		assertThat(escalation.escalateDue()).isZero();
		assertThat(mailTo(w.everyone())).hasSize(3);

		// Overdue: one more round, sent once even when two nodes run the job at the same moment.
		clock.advance(Duration.ofHours(18));
		var pool = Executors.newFixedThreadPool(2);
		try {
			Callable<Integer> run = escalation::escalateDue;
			var a = pool.submit(run);
			var b = pool.submit(run);
			assertThat(a.get() + b.get()).isEqualTo(1);
		} finally {
			pool.shutdown();
		}
		var all = mailTo(w.everyone());
		assertThat(all).hasSize(6);
		assertThat(all.stream().filter(m -> {
			try {
				return m.getSubject().contains("is overdue") || m.getSubject().contains("期限を過ぎています");
			} catch (Exception e) {
				throw new IllegalStateException(e);
			}
		})).hasSize(3);
		assertThat(escalation.escalateDue()).isZero();
		assertThat(jdbc.sql("select count(*) from audit_log where action = 'report.clock-escalated' and target_id = :id")
			.param("id", report.id().toString()).query(Long.class).single()).isEqualTo(2);

		// The start page counts the overdue report for its organisation and its ministry, not for a viewer.
		assertThat(cards.cards(w.reporter().principal())).extracting(DashboardCards.Card::id, DashboardCards.Card::count)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("reports-overdue", 1L));
		assertThat(cards.cards(w.ministryAnalyst().principal())).extracting(DashboardCards.Card::count).containsExactly(1L);
		assertThat(cards.cards(w.viewer().principal())).isEmpty();
		assertThat(cards.cards(w.otherMinistryAnalyst().principal())).isEmpty();

		// The notification, late: the clock is met, nothing more is escalated and the card goes.
		filing.submit(reports.viewer(w.reporter()), report.id(), reports.content(w.reporter(), ReportKind.INCIDENT,
				"Ransomware at the substation", report.content().awareAt()), ReportFiling.Submission.REPORT, null);
		assertThat(escalation.escalateDue()).isZero();
		assertThat(cards.cards(w.reporter().principal())).isEmpty();
		assertThat(mailTo(w.everyone())).hasSize(6);
	}

	@Test
	void finalReportsAndMetClocksAreNeverEscalated() throws Exception {
		var w = world("GAS", "WATER");
		var reporter = reports.viewer(w.reporter());
		var fin = filing.createAndSubmit(reporter, reports.content(w.reporter(), ReportKind.FAILURE, "Pump failure",
				clock.instant().minus(Duration.ofHours(30))), ReportFiling.Submission.FINAL);
		// Filed late, but filed: the early warning is met late, the rest met by the final report.
		assertThat(jdbc.sql("select count(*) from report_clock where report_id = :id and met_at is null")
			.param("id", fin.id()).query(Long.class).single()).isZero();
		clock.advance(Duration.ofDays(40));
		escalation.escalateDue();
		assertThat(mailTo(w.everyone())).isEmpty();
		clock.advance(Duration.ofDays(-40));
	}
}
