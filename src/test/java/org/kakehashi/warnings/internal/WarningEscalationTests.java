package org.kakehashi.warnings.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;

import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;
import org.kakehashi.identity.ApiScope;
import org.kakehashi.identity.OrganisationType;
import org.kakehashi.identity.Role;
import org.kakehashi.identity.internal.ApiTokens;
import org.kakehashi.identity.internal.Groups;
import org.kakehashi.identity.internal.Organisation;
import org.kakehashi.identity.internal.UserAccount;
import org.kakehashi.identity.internal.Users;
import org.kakehashi.sharing.Tlp;
import org.kakehashi.support.Fixtures;
import org.kakehashi.support.IntegrationTest;
import org.kakehashi.support.MutableClock;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * Reminders and escalations of silent recipients on a clock the test moves: a HIGH warning with the sender's own
 * rule (remind after 2 h, escalate after 6 h) reminds the silent organisation through the outbox, then tells its
 * sector ministry and its CEPTOAR by e-mail (never the text), logs and audits each step once however often (or on
 * how many nodes) the job runs, and never touches the organisation that acknowledged.
 */
@TestPropertySource(properties = "kakehashi.warnings.escalation-enabled=false")
class WarningEscalationTests extends IntegrationTest {

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
	Warnings warnings;

	@Autowired
	WarningEscalation escalation;

	@Autowired
	EscalationRules rules;

	@Autowired
	Groups groups;

	@Autowired
	Users users;

	@Autowired
	ApiTokens tokens;

	@Autowired
	JdbcClient jdbc;

	record World(Organisation centre, UserAccount author, UserAccount reviewer, Organisation silent,
			UserAccount silentUser, Organisation answering, UserAccount answeringUser, Organisation ministry,
			UserAccount ministryAnalyst, UserAccount ministryViewer, Organisation ceptoar, UserAccount ceptoarCoordinator,
			Groups.Group group, UserAccount otherMinistryAnalyst) {
	}

	World world() {
		var centre = fixtures.organisation(OrganisationType.NATIONAL_CENTRE);
		var silent = fixtures.organisation(OrganisationType.OPERATOR, "ELECTRICITY");
		var answering = fixtures.organisation(OrganisationType.OPERATOR, "ELECTRICITY");
		var ministry = fixtures.organisation(OrganisationType.SECTOR_MINISTRY, "ELECTRICITY");
		var ceptoar = fixtures.organisation(OrganisationType.CEPTOAR, "ELECTRICITY");
		var otherMinistry = fixtures.organisation(OrganisationType.SECTOR_MINISTRY, "FINANCE");
		var group = groups.create(Fixtures.unique("Electricity CEPTOAR"), Groups.Kind.CEPTOAR, "ELECTRICITY", null, false);
		groups.addMember(group.id(), silent.id(), null);
		groups.addMember(group.id(), ceptoar.id(), null);
		var world = new World(centre, fixtures.user(centre, Role.ANALYST), fixtures.user(centre, Role.COORDINATOR), silent,
				fixtures.user(silent, Role.REPORTER), answering, fixtures.user(answering, Role.VIEWER), ministry,
				fixtures.user(ministry, Role.ANALYST), fixtures.user(ministry, Role.VIEWER), ceptoar,
				fixtures.user(ceptoar, Role.COORDINATOR), group, fixtures.user(otherMinistry, Role.ANALYST));
		users.setLocale(world.ministryAnalyst().id(), "en");
		return world;
	}

	static WarningViewer viewer(UserAccount user) {
		return WarningViewer.of(user.principal());
	}

	Warning published(World w, Urgency urgency) {
		var author = viewer(w.author());
		var content = new WarningContent(urgency, Tlp.AMBER, "変電所を狙う攻撃", "Attacks on substations",
				"秘密の概要 AMBER-SECRET", "Secret summary AMBER-SECRET", "", "", "パッチを適用", "Apply the patch", "", List.of(),
				List.of(), List.of(), List.of(), List.of(), List.of(), List.of(w.silent().id(), w.answering().id()));
		var draft = warnings.create(author, content);
		warnings.requestReview(author, draft.id());
		warnings.review(viewer(w.reviewer()), draft.id(), true, null);
		return warnings.publish(author, draft.id());
	}

	long count(String sql, UUID warning) {
		return jdbc.sql(sql).param("id", warning).query(Long.class).single();
	}

	static List<MimeMessage> mailTo(String... addresses) {
		var wanted = Set.of(addresses);
		return Arrays.stream(MAIL.getReceivedMessages()).filter(m -> wanted.contains(to(m))).toList();
	}

	static boolean escalation(MimeMessage message) {
		try {
			return message.getSubject().contains("not acknowledged by");
		}
		catch (Exception e) {
			throw new IllegalStateException(e);
		}
	}

	static String to(MimeMessage message) {
		try {
			return message.getRecipients(Message.RecipientType.TO)[0].toString();
		}
		catch (Exception e) {
			throw new IllegalStateException(e);
		}
	}

	@Test
	void silentRecipientIsRemindedThenEscalatedOnceToItsMinistryAndCeptoar() throws Exception {
		var w = world();
		rules.save(viewer(w.author()), List.of(new EscalationRules.Hours(Urgency.HIGH, 2, 6)));
		var warning = published(w, Urgency.HIGH);
		warnings.acknowledge(viewer(w.answeringUser()), warning.id(), "received");

		// Nothing is due straight after publication.
		assertThat(escalation.escalateDue()).isEqualTo(new WarningEscalation.Outcome(0, 0));

		// 3 h: past the sender's 2 h reminder rule; the organisation that acknowledged is left alone.
		clock.advance(Duration.ofHours(3));
		assertThat(escalation.escalateDue()).isEqualTo(new WarningEscalation.Outcome(1, 0));
		assertThat(count("select count(*) from warning_recipient where warning_id = :id and reminded_at is not null",
				warning.id())).isEqualTo(1);
		assertThat(jdbc.sql("select organisation_id from warning_escalation where warning_id = :id and kind = 'REMINDER'")
			.param("id", warning.id()).query(UUID.class).list()).containsExactly(w.silent().id());
		var reminders = jdbc.sql("""
				select target from warning_delivery where warning_id = :id and event = 'REMINDER' and channel = 'EMAIL'
				""").param("id", warning.id()).query(String.class).list();
		assertThat(reminders).containsExactly(w.silentUser().email());

		// Running again (and again) changes nothing.
		assertThat(escalation.escalateDue()).isEqualTo(new WarningEscalation.Outcome(0, 0));
		assertThat(count("select count(*) from warning_delivery where warning_id = :id and event = 'REMINDER'",
				warning.id())).isEqualTo(1);
		assertThat(mailTo(w.ministryAnalyst().email(), w.ceptoarCoordinator().email())).isEmpty();

		// 7 h: past the 6 h escalation rule, with two nodes running the job at the same moment.
		clock.advance(Duration.ofHours(4));
		var pool = Executors.newFixedThreadPool(2);
		try {
			Callable<WarningEscalation.Outcome> run = escalation::escalateDue;
			var a = pool.submit(run);
			var b = pool.submit(run);
			assertThat(a.get().escalations() + b.get().escalations()).isEqualTo(1);
		}
		finally {
			pool.shutdown();
		}
		assertThat(escalation.escalateDue()).isEqualTo(new WarningEscalation.Outcome(0, 0));

		var told = jdbc.sql("""
				select target_organisation_id from warning_escalation
				 where warning_id = :id and kind = 'ESCALATION' and organisation_id = :org
				""").param("id", warning.id()).param("org", w.silent().id()).query(UUID.class).list();
		assertThat(told).contains(w.ministry().id(), w.ceptoar().id()).doesNotContain(w.centre().id(), w.silent().id());
		assertThat(jdbc.sql("""
				select target_group_id from warning_escalation where warning_id = :id and target_organisation_id = :ceptoar
				""").param("id", warning.id()).param("ceptoar", w.ceptoar().id()).query(UUID.class).single())
			.isEqualTo(w.group().id());
		assertThat(count("select count(*) from warning_escalation where warning_id = :id and organisation_id <> "
				+ "(select organisation_id from warning_recipient where warning_id = :id and acknowledged_at is null)",
				warning.id())).isZero();

		// The recipients' own e-mails (the warning, the reminder) leave through the outbox; these are the escalations.
		var mails = mailTo(w.ministryAnalyst().email(), w.ministryViewer().email(), w.ceptoarCoordinator().email(),
				w.otherMinistryAnalyst().email(), w.silentUser().email(), w.answeringUser().email()).stream()
			.filter(WarningEscalationTests::escalation).toList();
		assertThat(mails).extracting(WarningEscalationTests::to)
			.containsExactlyInAnyOrder(w.ministryAnalyst().email(), w.ceptoarCoordinator().email());
		for (var mail : mails) {
			var body = (String) mail.getContent();
			assertThat(mail.getSubject()).contains(warning.number());
			assertThat(body).contains(warning.number()).contains("Attacks on substations").contains("変電所を狙う攻撃")
				.contains(w.silent().name()).contains("/warnings/" + warning.id()).doesNotContain("AMBER-SECRET")
				.doesNotContain("Apply the patch");
			if (to(mail).equals(w.ministryAnalyst().email())) {
				// English first for someone who chose English.
				assertThat(mail.getSubject()).startsWith("[Kakehashi] Warning");
			}
		}

		// Still unacknowledged, but escalated once: later runs stay quiet.
		clock.advance(Duration.ofHours(48));
		assertThat(escalation.escalateDue()).isEqualTo(new WarningEscalation.Outcome(0, 0));
		assertThat(mailTo(w.ministryAnalyst().email(), w.ceptoarCoordinator().email())).hasSize(2);
		assertThat(jdbc.sql("select count(*) from audit_log where action = 'warnings.escalated' and target_id = :id")
			.param("id", warning.id().toString()).query(Long.class).single()).isEqualTo(1);
		assertThat(jdbc.sql("select count(*) from audit_log where action = 'warnings.reminded' and target_id = :id")
			.param("id", warning.id().toString()).query(Long.class).single()).isEqualTo(1);

		// The sender's staff read the log; the recipients cannot.
		var log = rules.log(viewer(w.author()), warning.id(), true);
		assertThat(log).extracting(EscalationEntry::kind).contains("REMINDER", "ESCALATION");
		assertThat(log).extracting(EscalationEntry::organisationName).containsOnly(w.silent().name());
		assertThat(org.assertj.core.api.Assertions.catchThrowable(
				() -> rules.log(viewer(w.silentUser()), warning.id(), true))).isInstanceOf(Warnings.WarningNotFound.class);
	}

	@Test
	void defaultsApplyWithoutARuleAndAnAcknowledgedRecipientIsNeverReminded() {
		var w = world();
		// MEDIUM: defaults are 24 h to remind and 72 h to escalate.
		var warning = published(w, Urgency.MEDIUM);
		warnings.acknowledge(viewer(w.answeringUser()), warning.id(), null);
		clock.advance(Duration.ofHours(23));
		escalation.escalateDue();
		assertThat(count("select count(*) from warning_escalation where warning_id = :id", warning.id())).isZero();
		clock.advance(Duration.ofHours(2));
		escalation.escalateDue();
		assertThat(count("select count(*) from warning_escalation where warning_id = :id and kind = 'REMINDER'",
				warning.id())).isEqualTo(1);
		// The silent one acknowledges before escalation: nothing more happens to anyone.
		warnings.acknowledge(viewer(w.silentUser()), warning.id(), null);
		clock.advance(Duration.ofHours(100));
		escalation.escalateDue();
		assertThat(count("select count(*) from warning_escalation where warning_id = :id and kind = 'ESCALATION'",
				warning.id())).isZero();
		assertThat(count("""
				select count(*) from warning_escalation
				 where warning_id = :id and organisation_id = (select id from organisation where id = :answering)
				""".replace(":answering", "'" + w.answering().id() + "'"), warning.id())).isZero();
	}

	@Test
	void rulesOverTheApiAreValidatedAndOnlyForSenders() {
		var w = world();
		var sender = api(token(w.author()));
		var rulesNow = sender.get("/api/v1/warning-escalation-rules");
		assertThat(rulesNow.status()).isEqualTo(200);
		assertThat(rulesNow.body()).contains("\"urgency\":\"CRITICAL\"").contains("\"own\":false");

		var backwards = sender.send("PUT", "/api/v1/warning-escalation-rules",
				"{\"rules\":[{\"urgency\":\"LOW\",\"remindAfterHours\":10,\"escalateAfterHours\":5}]}");
		assertThat(backwards.status()).isEqualTo(400);
		assertThat(backwards.body()).contains("LOW.escalateAfterHours");
		var zero = sender.send("PUT", "/api/v1/warning-escalation-rules",
				"{\"rules\":[{\"urgency\":\"LOW\",\"remindAfterHours\":0,\"escalateAfterHours\":5}]}");
		assertThat(zero.status()).isEqualTo(400);
		assertThat(zero.body()).contains("LOW.remindAfterHours");

		var saved = sender.send("PUT", "/api/v1/warning-escalation-rules",
				"{\"rules\":[{\"urgency\":\"LOW\",\"remindAfterHours\":10,\"escalateAfterHours\":10}]}");
		assertThat(saved.status()).isEqualTo(200);
		assertThat(saved.body()).contains("{\"urgency\":\"LOW\",\"remindAfterHours\":10,\"escalateAfterHours\":10,\"own\":true");

		var operator = api(token(w.silentUser()));
		assertThat(operator.get("/api/v1/warning-escalation-rules").status()).isEqualTo(403);
		assertThat(operator.send("PUT", "/api/v1/warning-escalation-rules",
				"{\"rules\":[{\"urgency\":\"LOW\",\"remindAfterHours\":1,\"escalateAfterHours\":1}]}").status())
			.isEqualTo(403);
		// A ministry analyst is a sender too, with rules of its own that the centre's do not touch.
		assertThat(api(token(w.ministryAnalyst())).get("/api/v1/warning-escalation-rules").body())
			.contains("\"own\":false").doesNotContain("\"own\":true");

		var warning = published(w, Urgency.LOW);
		assertThat(sender.get("/api/v1/warnings/" + warning.id() + "/escalations").status()).isEqualTo(200);
		assertThat(operator.get("/api/v1/warnings/" + warning.id() + "/escalations").status()).isEqualTo(404);
		assertThat(api(token(w.ministryAnalyst())).get("/api/v1/warnings/" + warning.id() + "/escalations").status())
			.isEqualTo(404);
	}

	String token(UserAccount user) {
		var principal = user.principal();
		var scopes = EnumSet.noneOf(ApiScope.class);
		Arrays.stream(ApiScope.values()).filter(s -> s.allowedFor(principal.roles())).forEach(scopes::add);
		return tokens.create(principal, "escalation test", scopes, 30).clearToken();
	}
}
