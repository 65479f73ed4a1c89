package org.kakehashi.warnings.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kakehashi.identity.Role;
import org.kakehashi.identity.internal.Users;
import org.kakehashi.sharing.Tlp;
import org.kakehashi.support.Fixtures;
import org.kakehashi.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The outbox worker of the shared context with its production settings: a published warning reaches the agreed
 * contacts by e-mail (language order, Message-ID from the idempotency key, TLP rule) and the subscriber's system by a
 * signed webhook, received by a real SMTP server and a real HTTP listener; updates and withdrawals follow.
 */
class WarningDeliveryTests extends IntegrationTest {

	private static WebhookSink sink;

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

	private DeliveryScenario scenario;

	@BeforeAll
	static void listen() throws Exception {
		sink = new WebhookSink();
	}

	@AfterAll
	static void stopListening() {
		sink.close();
	}

	@BeforeEach
	void sender() {
		scenario = new DeliveryScenario(fixtures, agreements, warnings, jdbc);
	}

	@Test
	void publishedUpdatedAndWithdrawnWarningsReachContactsByEmailAndSignedWebhook() throws Exception {
		var soc = Fixtures.unique("soc") + "@electricity.example";
		var english = scenario.subscriber();
		var hook = "/hooks/" + UUID.randomUUID();
		var agreement = scenario.agreement(english, List.of("EMAIL", "WEBHOOK"), List.of(soc), "en", sink.url(hook));
		// No contacts named: the organisation's active users get the e-mail, each in their own language.
		var japanese = scenario.subscriber();
		var operator = fixtures.user(japanese, Role.VIEWER);
		users.setLocale(operator.id(), "ja");
		scenario.agreement(japanese, List.of("EMAIL"), List.of(), "en", null);

		var warning = scenario.publish(DeliveryScenario.content(Tlp.GREEN, "G1"));
		await().atMost(Duration.ofSeconds(30)).until(() -> scenario.allSent(warning.id()));
		var rows = scenario.rows(warning.id());
		assertThat(rows).extracting(DeliveryScenario.Row::channel).containsExactlyInAnyOrder("EMAIL", "EMAIL", "WEBHOOK");

		// The agreed contact: one message, English first, with the Message-ID the idempotency key gives.
		var toSoc = messagesTo(soc);
		assertThat(toSoc).hasSize(1);
		var key = rows.stream().filter(r -> r.target().equals(soc)).findFirst().orElseThrow().key();
		assertThat(toSoc.get(0).getMessageID()).isEqualTo(DeliveryScenario.messageId(key));
		var subject = toSoc.get(0).getSubject();
		assertThat(subject).startsWith("[Kakehashi] Early warning " + warning.number() + " (TLP:GREEN, urgency High)")
			.contains("早期警戒情報");
		var body = (String) toSoc.get(0).getContent();
		assertThat(body).contains(warning.number(), "TLP:GREEN", "Summary G1 in English", "Countermeasure G1 apply",
				"概要 G1", "対策 G1", "CVE-2026-12345", "/warnings/inbox/" + warning.id());
		assertThat(body.indexOf("Summary G1 in English")).isLessThan(body.indexOf("概要 G1"));

		// A user in Japanese: Japanese first.
		var toOperator = messagesTo(operator.email());
		assertThat(toOperator).hasSize(1);
		var operatorBody = (String) toOperator.get(0).getContent();
		assertThat(operatorBody.indexOf("概要 G1")).isLessThan(operatorBody.indexOf("Summary G1 in English"));
		assertThat(toOperator.get(0).getSubject()).startsWith("[Kakehashi] 早期警戒情報 " + warning.number());

		// The webhook: one signed call carrying the warning, keyed like its outbox row.
		var calls = sink.calls(hook);
		assertThat(calls).hasSize(1);
		var call = calls.get(0);
		DeliveryScenario.assertSigned(call, agreement.webhookSecret());
		var hookRow = rows.stream().filter(r -> r.channel().equals("WEBHOOK")).findFirst().orElseThrow();
		assertThat(call.header("Idempotency-Key")).isEqualTo(hookRow.key());
		assertThat(call.header("X-Kakehashi-Delivery")).isEqualTo(hookRow.id().toString());
		assertThat(call.header("Content-Type")).isEqualTo("application/json");
		var payload = json.readTree(call.body());
		assertThat(payload.get("event").asString()).isEqualTo("warning.published");
		assertThat(payload.get("id").asString()).isEqualTo(warning.id().toString());
		assertThat(payload.get("number").asString()).isEqualTo(warning.number());
		assertThat(payload.get("revision").asInt()).isEqualTo(1);
		assertThat(payload.get("urgency").asString()).isEqualTo("HIGH");
		assertThat(payload.get("tlp").asString()).isEqualTo("TLP:GREEN");
		assertThat(payload.get("title").get("en").asString()).isEqualTo("Remote control flaw G1");
		assertThat(payload.get("title").get("ja").asString()).isEqualTo("遠隔操作の脆弱性 G1");
		assertThat(payload.get("countermeasures").get("ja").asString()).isEqualTo("対策 G1 更新を適用する");
		assertThat(strings(payload.get("cveIds"))).containsExactly("CVE-2026-12345");
		assertThat(payload.get("url").asString()).endsWith("/warnings/inbox/" + warning.id());

		// An update: every contact hears of it, marked as such, with what changed.
		var revised = warnings.revise(scenario.author, warning.id(), DeliveryScenario.content(Tlp.GREEN, "G2"),
				"Fixed version 3.4 is out", null);
		await().atMost(Duration.ofSeconds(30)).until(() -> scenario.allSent(warning.id()));
		var updatedMail = messagesTo(soc);
		assertThat(updatedMail).hasSize(2);
		assertThat(updatedMail.get(1).getSubject()).startsWith("[Kakehashi] Updated: early warning " + warning.number());
		assertThat((String) updatedMail.get(1).getContent()).contains("revision 2", "Fixed version 3.4 is out",
				"Summary G2 in English");
		assertThat(updatedMail.get(1).getMessageID()).isNotEqualTo(toSoc.get(0).getMessageID());
		var update = sink.calls(hook).get(1);
		DeliveryScenario.assertSigned(update, agreement.webhookSecret());
		var updatePayload = json.readTree(update.body());
		assertThat(updatePayload.get("event").asString()).isEqualTo("warning.updated");
		assertThat(updatePayload.get("revision").asInt()).isEqualTo(revised.revision());
		assertThat(updatePayload.get("changeNote").asString()).isEqualTo("Fixed version 3.4 is out");
		assertThat(strings(updatePayload.get("changedFields"))).contains("title", "summary", "countermeasures");
		assertThat(update.header("Idempotency-Key")).isNotEqualTo(call.header("Idempotency-Key"));

		// A withdrawal.
		warnings.withdraw(scenario.author, warning.id(), "Issued by mistake");
		await().atMost(Duration.ofSeconds(30)).until(() -> scenario.allSent(warning.id()));
		var withdrawnMail = messagesTo(soc);
		assertThat(withdrawnMail).hasSize(3);
		assertThat(withdrawnMail.get(2).getSubject()).startsWith("[Kakehashi] Withdrawn: early warning " + warning.number());
		assertThat((String) withdrawnMail.get(2).getContent()).contains("has withdrawn", "Issued by mistake", "取り下げ");
		var withdrawal = json.readTree(sink.calls(hook).get(2).body());
		assertThat(withdrawal.get("event").asString()).isEqualTo("warning.withdrawn");
		assertThat(withdrawal.get("withdrawnReason").asString()).isEqualTo("Issued by mistake");
		assertThat(sink.calls(hook)).hasSize(3);
		assertThat(messagesTo(operator.email())).hasSize(3);
	}

	@Test
	void amberWarningEmailsCarryOnlyNumberTitleUrgencyAndLinkWhileTheWebhookCarriesTheText() throws Exception {
		var soc = Fixtures.unique("soc") + "@gas.example";
		var subscriber = scenario.subscriber();
		var hook = "/hooks/" + UUID.randomUUID();
		var agreement = scenario.agreement(subscriber, List.of("EMAIL", "WEBHOOK"), List.of(soc), "ja", sink.url(hook));

		for (var tlp : List.of(Tlp.AMBER, Tlp.AMBER_STRICT)) {
			var marker = tlp == Tlp.AMBER ? "A1" : "S1";
			var warning = scenario.publish(DeliveryScenario.content(tlp, marker));
			await().atMost(Duration.ofSeconds(30)).until(() -> scenario.allSent(warning.id()));
			var mail = messagesTo(soc).stream().filter(m -> subjectOf(m).contains(warning.number())).toList();
			assertThat(mail).hasSize(1);
			var body = (String) mail.get(0).getContent();
			assertThat(mail.get(0).getSubject()).contains(tlp.label(), "遠隔操作の脆弱性 " + marker);
			assertThat(body).contains(warning.number(), "遠隔操作の脆弱性 " + marker, "Remote control flaw " + marker,
					tlp.label(), "緊急度: 高", "Urgency: High", "/warnings/inbox/" + warning.id(),
					"never sent by e-mail", "電子メールでは送信されません");
			assertThat(body).doesNotContain("Summary " + marker, "概要 " + marker, "Threat " + marker, "脅威 " + marker,
					"Countermeasure " + marker, "対策 " + marker);
			// Japanese first, as agreed.
			assertThat(body.indexOf("緊急度")).isLessThan(body.indexOf("Urgency"));

			var call = sink.calls(hook).stream()
				.filter(c -> json.readTree(c.body()).get("id").asString().equals(warning.id().toString()))
				.toList();
			assertThat(call).hasSize(1);
			DeliveryScenario.assertSigned(call.get(0), agreement.webhookSecret());
			var payload = json.readTree(call.get(0).body());
			assertThat(payload.get("tlp").asString()).isEqualTo(tlp.label());
			assertThat(payload.get("summary").get("en").asString()).isEqualTo("Summary " + marker + " in English");
			assertThat(payload.get("threat").get("ja").asString()).isEqualTo("脅威 " + marker + " 日本語");
		}
	}

	@Test
	void aWarningWithoutEmailOrWebhookChannelsQueuesNothingToSend() {
		var subscriber = scenario.subscriber();
		fixtures.user(subscriber, Role.VIEWER);
		scenario.agreement(subscriber, List.of("INBOX"), List.of(), "ja", null);
		var warning = scenario.publish(DeliveryScenario.content(Tlp.GREEN, "I1"));
		assertThat(scenario.rows(warning.id())).isEmpty();
	}

	private static List<MimeMessage> messagesTo(String address) {
		return List.of(MAIL.getReceivedMessagesForDomain(address)).stream()
			.filter(m -> recipients(m).contains(address))
			.toList();
	}

	private static String recipients(MimeMessage message) {
		try {
			return String.valueOf(List.of(message.getAllRecipients()));
		}
		catch (jakarta.mail.MessagingException e) {
			throw new IllegalStateException(e);
		}
	}

	private static String subjectOf(MimeMessage message) {
		try {
			return message.getSubject();
		}
		catch (jakarta.mail.MessagingException e) {
			throw new IllegalStateException(e);
		}
	}

	private static List<String> strings(JsonNode array) {
		var out = new java.util.ArrayList<String>();
		array.forEach(n -> out.add(n.asString()));
		return out;
	}
}
