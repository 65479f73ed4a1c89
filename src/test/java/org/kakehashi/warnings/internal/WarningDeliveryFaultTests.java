package org.kakehashi.warnings.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kakehashi.audit.AuditLog;
import org.kakehashi.identity.Role;
import org.kakehashi.identity.internal.Users;
import org.kakehashi.platform.KakehashiProperties;
import org.kakehashi.platform.live.DatabaseNotifications;
import org.kakehashi.sharing.Tlp;
import org.kakehashi.support.Fixtures;
import org.kakehashi.support.TestDatabases;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Faults during fan-out, in a context of its own: its own SMTP server (stopped and started again here without
 * touching the shared one), short back-off, lease and timeouts so the faults play out in seconds, no review step.
 * No message is lost and none is delivered twice except as the same message (same key) after a lease ran out.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
		"kakehashi.warnings.review-required=false",
		"kakehashi.warnings.delivery.poll-interval=100ms",
		"kakehashi.warnings.delivery.parallelism=4",
		"kakehashi.warnings.delivery.lease=3s",
		"kakehashi.warnings.delivery.backoff=200ms",
		"kakehashi.warnings.delivery.max-backoff=1s",
		"kakehashi.warnings.delivery.max-attempts=10",
		"kakehashi.warnings.delivery.connect-timeout=500ms",
		"kakehashi.warnings.delivery.read-timeout=1s",
		"kakehashi.warnings.delivery.webhook-disable-after=3" })
class WarningDeliveryFaultTests {

	private static final int SMTP_PORT = freePort();
	private static volatile GreenMail smtp = startSmtp();
	private static WebhookSink sink;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		TestDatabases.fresh(registry, "delivery-faults");
		registry.add("spring.mail.host", () -> "127.0.0.1");
		registry.add("spring.mail.port", () -> SMTP_PORT);
	}

	@Autowired
	Fixtures fixtures;

	@Autowired
	Agreements agreements;

	@Autowired
	Warnings warnings;

	@Autowired
	Users users;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	JsonMapper json;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	DeliveryDao deliveryDao;

	@Autowired
	WarningMail warningMail;

	@Autowired
	KakehashiProperties kakehashiProperties;

	@Autowired
	WarningsProperties warningsProperties;

	@Autowired
	Clock clock;

	@Autowired
	AuditLog audit;

	@Autowired
	DatabaseNotifications notifications;

	private DeliveryScenario scenario;

	@BeforeAll
	static void listen() throws IOException {
		sink = new WebhookSink();
	}

	@AfterAll
	static void stop() {
		sink.close();
		smtp.stop();
	}

	@BeforeEach
	void sender() {
		scenario = new DeliveryScenario(fixtures, agreements, warnings, jdbc);
	}

	@Test
	void smtpDownDuringFanOutRetriesAndDeliversEveryMessageOnceItIsBack() throws Exception {
		var contacts = new ArrayList<String>();
		for (int i = 0; i < 3; i++) {
			var org = scenario.subscriber();
			var pair = List.of(Fixtures.unique("a") + "@down.example", Fixtures.unique("b") + "@down.example");
			contacts.addAll(pair);
			scenario.agreement(org, List.of("EMAIL"), pair, i % 2 == 0 ? "ja" : "en", null);
		}
		smtp.stop();
		Instant published;
		UUID id;
		try {
			id = scenario.publish(DeliveryScenario.content(Tlp.GREEN, "SMTP")).id();
			published = Instant.now();
			// Every row has failed at least twice against the dead server and waits for its next attempt.
			await().atMost(Duration.ofSeconds(20)).until(() -> scenario.rows(id).stream()
				.allMatch(r -> r.status().equals("PENDING") && r.attempts() >= 2 && r.lastError() != null));
		}
		finally {
			smtp = startSmtp();
		}
		assertThat(Duration.between(published, Instant.now())).isLessThan(Duration.ofSeconds(20));
		await().atMost(Duration.ofSeconds(20)).until(() -> scenario.allSent(id));
		var rows = scenario.rows(id);
		assertThat(rows).hasSize(6);
		var expected = new ArrayList<String>();
		for (var row : rows) {
			expected.add(DeliveryScenario.messageId(row.key()));
		}
		// Each contact got exactly its one message, none twice.
		var received = receivedIds(contacts);
		assertThat(received).containsExactlyInAnyOrderElementsOf(expected);
	}

	@Test
	void aWebhookThatTimesOutDoesNotHoldUpTheOthersAndIsRetriedWithTheSameKey() throws Exception {
		var slowPath = "/slow/" + UUID.randomUUID();
		var slowCalls = new AtomicInteger();
		// The first two calls outlast the read timeout (1 s); then the endpoint answers at once.
		sink.answer(slowPath, call -> {
			if (slowCalls.incrementAndGet() <= 2) {
				WebhookSink.sleep(2_500);
			}
			return 200;
		});
		var slowAgreement = scenario.agreement(scenario.subscriber(), List.of("WEBHOOK"), List.of(), "ja",
				sink.url(slowPath));
		var fastPaths = new ArrayList<String>();
		var contacts = new ArrayList<String>();
		for (int i = 0; i < 6; i++) {
			var path = "/fast/" + UUID.randomUUID();
			fastPaths.add(path);
			var contact = Fixtures.unique("fast") + "@fast.example";
			contacts.add(contact);
			scenario.agreement(scenario.subscriber(), List.of("EMAIL", "WEBHOOK"), List.of(contact), "en",
					sink.url(path));
		}
		var id = scenario.publish(DeliveryScenario.content(Tlp.AMBER, "SLOW")).id();

		// Everything else is sent while the slow endpoint still holds its first call or waits for its retry.
		await().atMost(Duration.ofSeconds(10)).until(() -> scenario.rows(id).stream()
			.filter(r -> !r.target().equals(sink.url(slowPath))).allMatch(r -> r.status().equals("SENT")));
		var slowRow = slowRow(id, slowPath);
		assertThat(slowRow.status()).isEqualTo("PENDING");
		for (var path : fastPaths) {
			assertThat(sink.calls(path)).hasSize(1);
		}
		assertThat(receivedIds(contacts)).hasSize(6);

		await().atMost(Duration.ofSeconds(20)).until(() -> slowRow(id, slowPath).status().equals("SENT"));
		var sent = slowRow(id, slowPath);
		assertThat(sent.attempts()).isEqualTo(3);
		// Three calls, one message: the same key and delivery id each time, each signed afresh.
		var calls = sink.calls(slowPath);
		assertThat(calls).hasSize(3);
		assertThat(calls).extracting(c -> c.header("Idempotency-Key")).containsOnly(sent.key());
		assertThat(calls).extracting(c -> c.header("X-Kakehashi-Delivery")).containsOnly(sent.id().toString());
		for (var call : calls) {
			DeliveryScenario.assertSigned(call, slowAgreement.webhookSecret());
		}
		// The success wiped out the two failures: the webhook is in good standing.
		assertThat(agreementState(slowAgreement.id())).containsEntry("failures", 0).containsEntry("disabled", false);
	}

	@Test
	void aNodeKilledMidFanOutLeavesItsLeaseAndAnotherNodeDeliversEveryMessageExactlyOnce() throws Exception {
		var contacts = new ArrayList<String>();
		var paths = new ArrayList<String>();
		for (int i = 0; i < 8; i++) {
			var contact = Fixtures.unique("kill") + "@kill.example";
			var path = "/kill/" + UUID.randomUUID();
			contacts.add(contact);
			paths.add(path);
			scenario.agreement(scenario.subscriber(), List.of("EMAIL", "WEBHOOK"), List.of(contact), "ja", sink.url(path));
		}
		var lease = warningsProperties.delivery().lease();
		// A node claims every row the moment the publication commits and dies before sending any: its lease is set,
		// no outcome is ever written. (Same transaction, so no live worker can claim first.)
		var claimedAt = new Instant[1];
		var id = transactions.execute(status -> {
			var warning = scenario.publish(DeliveryScenario.content(Tlp.GREEN, "KILL"));
			claimedAt[0] = Instant.now(clock);
			jdbc.sql("""
					update warning_delivery set attempts = attempts + 1, claimed_until = :until, next_attempt_at = :until
					 where warning_id = :id
					""")
				.param("id", warning.id()).param("until", java.sql.Timestamp.from(claimedAt[0].plus(lease))).update();
			return warning.id();
		});
		// A second live node beside this context's own: both compete for the rows once the lease runs out.
		var secondNode = new DeliveryWorker(deliveryDao, warningMail, json, kakehashiProperties, warningsProperties,
				clock, audit, transactions, notifications);
		secondNode.start();
		try {
			SleepUntil.before(claimedAt[0].plus(lease).minusMillis(1_500));
			if (Instant.now(clock).isBefore(claimedAt[0].plus(lease))) {
				// Still leased: nobody has touched the rows.
				assertThat(scenario.rows(id)).allMatch(r -> r.status().equals("PENDING") && r.attempts() == 1);
				assertThat(paths.stream().mapToInt(p -> sink.calls(p).size()).sum()).isZero();
			}
			await().atMost(Duration.ofSeconds(20)).until(() -> scenario.allSent(id));
		}
		finally {
			secondNode.stop();
		}
		var rows = scenario.rows(id);
		assertThat(rows).hasSize(16).allMatch(r -> r.attempts() == 2);
		var keys = rows.stream().filter(r -> r.channel().equals("WEBHOOK")).map(DeliveryScenario.Row::key).toList();
		var delivered = paths.stream().flatMap(p -> sink.calls(p).stream()).map(c -> c.header("Idempotency-Key")).toList();
		assertThat(delivered).hasSameSizeAs(keys).containsExactlyInAnyOrderElementsOf(keys);
		var expectedIds = new ArrayList<String>();
		for (var row : rows) {
			if (row.channel().equals("EMAIL")) {
				expectedIds.add(DeliveryScenario.messageId(row.key()));
			}
		}
		assertThat(receivedIds(contacts)).containsExactlyInAnyOrderElementsOf(expectedIds);
	}

	@Test
	void aPersistentlyFailingWebhookIsDisabledAuditedAndTheSubscribersAdministratorsAreTold() throws Exception {
		var brokenPath = "/broken/" + UUID.randomUUID();
		sink.answer(brokenPath, call -> 503);
		var subscriber = scenario.subscriber();
		var admin = fixtures.user(subscriber, Role.ORG_ADMIN);
		users.setLocale(admin.id(), "en");
		var colleague = fixtures.user(subscriber, Role.VIEWER);
		var agreement = scenario.agreement(subscriber, List.of("WEBHOOK"), List.of(), "ja", sink.url(brokenPath));
		var id = scenario.publish(DeliveryScenario.content(Tlp.GREEN, "BROKEN")).id();

		await().atMost(Duration.ofSeconds(20)).until(() -> (Boolean) agreementState(agreement.id()).get("disabled"));
		await().atMost(Duration.ofSeconds(10)).until(() -> scenario.rows(id).get(0).status().equals("DEAD"));
		assertThat(agreementState(agreement.id()).get("failures")).isEqualTo(3);
		assertThat(sink.calls(brokenPath)).hasSize(3);

		var alert = await().atMost(Duration.ofSeconds(10)).until(() -> messagesTo(admin.email()), m -> m.size() == 1).get(0);
		assertThat(alert.getSubject()).startsWith("[Kakehashi] Your webhook for early warnings from " + scenario.sender.name())
			.contains("Webhook を停止しました");
		var body = (String) alert.getContent();
		assertThat(body).contains(sink.url(brokenPath), "3 times in a row", "HTTP 503", "3回続けて失敗",
				"/warnings/agreements/" + agreement.id());
		assertThat(body.indexOf("failed 3 times")).isLessThan(body.indexOf("3回続けて失敗"));
		assertThat(body).doesNotContain(agreement.webhookSecret());
		// Administrators only.
		assertThat(messagesTo(colleague.email())).isEmpty();

		var audited = jdbc.sql("""
				select details from audit_log where action = 'warnings.webhook-disabled' and target_id = :id
				""").param("id", agreement.id().toString()).query(String.class).list();
		assertThat(audited).hasSize(1);
		assertThat(audited.get(0)).contains("\"failures\":\"3\"", "HTTP 503").doesNotContain(agreement.webhookSecret());

		// Further warnings no longer queue calls to the disabled webhook; the inbox still gets them.
		var next = scenario.publish(DeliveryScenario.content(Tlp.GREEN, "AFTER")).id();
		assertThat(scenario.rows(next)).isEmpty();
		assertThat(jdbc.sql("select count(*) from warning_recipient where warning_id = :id and organisation_id = :org")
			.param("id", next).param("org", subscriber.id()).query(Integer.class).single()).isEqualTo(1);
	}

	@Test
	void aWebhookThatRefusesTheRequestIsGivenUpAtOnceWithoutDisablingIt() {
		var gonePath = "/gone/" + UUID.randomUUID();
		sink.answer(gonePath, call -> 410);
		var okPath = "/ok/" + UUID.randomUUID();
		var agreement = scenario.agreement(scenario.subscriber(), List.of("WEBHOOK"), List.of(), "ja", sink.url(gonePath));
		scenario.agreement(scenario.subscriber(), List.of("WEBHOOK"), List.of(), "ja", sink.url(okPath));
		var id = scenario.publish(DeliveryScenario.content(Tlp.CLEAR, "GONE")).id();

		await().atMost(Duration.ofSeconds(10)).until(() -> scenario.rows(id).stream()
			.noneMatch(r -> r.status().equals("PENDING")));
		var rows = scenario.rows(id);
		var gone = rows.stream().filter(r -> r.target().equals(sink.url(gonePath))).findFirst().orElseThrow();
		assertThat(gone.status()).isEqualTo("DEAD");
		assertThat(gone.attempts()).isEqualTo(1);
		assertThat(gone.lastError()).isEqualTo("HTTP 410");
		assertThat(sink.calls(gonePath)).hasSize(1);
		assertThat(agreementState(agreement.id())).containsEntry("failures", 1).containsEntry("disabled", false);
		assertThat(rows.stream().filter(r -> r.target().equals(sink.url(okPath))).findFirst().orElseThrow().status())
			.isEqualTo("SENT");
	}

	@Test
	void retriesWaitLongerEachTimeUpToTheCapWithJitter() {
		var delivery = warningsProperties.delivery();
		assertThat(delivery.retryDelay(1, 0.5)).isEqualTo(Duration.ofMillis(200));
		assertThat(delivery.retryDelay(2, 0.5)).isEqualTo(Duration.ofMillis(400));
		assertThat(delivery.retryDelay(3, 0.5)).isEqualTo(Duration.ofMillis(800));
		assertThat(delivery.retryDelay(4, 0.5)).isEqualTo(Duration.ofSeconds(1));
		assertThat(delivery.retryDelay(60, 0.5)).isEqualTo(Duration.ofSeconds(1));
		assertThat(delivery.retryDelay(1, 0.0)).isEqualTo(Duration.ofMillis(160));
		assertThat(delivery.retryDelay(1, 0.999)).isLessThanOrEqualTo(Duration.ofMillis(240));
	}

	private DeliveryScenario.Row slowRow(UUID id, String path) {
		return scenario.rows(id).stream().filter(r -> r.target().equals(sink.url(path))).findFirst().orElseThrow();
	}

	private Map<String, Object> agreementState(UUID agreementId) {
		return jdbc.sql("select webhook_failures, webhook_disabled_at is not null as disabled from warning_agreement "
				+ "where id = :id")
			.param("id", agreementId)
			.query((rs, n) -> Map.<String, Object>of("failures", rs.getInt(1), "disabled", rs.getBoolean(2)))
			.single();
	}

	/** The Message-IDs the (current) SMTP server received for these addresses, one entry per message. */
	private static List<String> receivedIds(List<String> addresses) {
		return addresses.stream().flatMap(a -> messagesTo(a).stream()).map(WarningDeliveryFaultTests::messageId)
			.collect(Collectors.toList());
	}

	private static List<MimeMessage> messagesTo(String address) {
		return List.of(smtp.getReceivedMessages()).stream().filter(m -> recipients(m).contains(address)).toList();
	}

	private static String recipients(MimeMessage message) {
		return call(message, m -> String.valueOf(List.of(m.getAllRecipients())));
	}

	private static String messageId(MimeMessage message) {
		return call(message, MimeMessage::getMessageID);
	}

	private interface MessageFunction<T> {
		T apply(MimeMessage message) throws MessagingException;
	}

	private static <T> T call(MimeMessage message, MessageFunction<T> function) {
		try {
			return function.apply(message);
		}
		catch (MessagingException e) {
			throw new IllegalStateException(e);
		}
	}

	private static GreenMail startSmtp() {
		var server = new GreenMail(new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
		server.start();
		return server;
	}

	private static int freePort() {
		try (var socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException e) {
			throw new IllegalStateException(e);
		}
	}

	/** Waits until shortly before a moment, or not at all if it has passed. */
	private static final class SleepUntil {

		static void before(Instant moment) throws InterruptedException {
			var millis = Duration.between(Instant.now(), moment).toMillis();
			if (millis > 0) {
				Thread.sleep(millis);
			}
		}
	}
}
