package org.kakehashi.warnings.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.jspecify.annotations.Nullable;
import org.kakehashi.identity.OrganisationType;
import org.kakehashi.identity.Role;
import org.kakehashi.identity.internal.Organisation;
import org.kakehashi.sharing.Tlp;
import org.kakehashi.support.Fixtures;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A sender organisation with two analysts, its subscribers and their agreements, and warnings it publishes. */
final class DeliveryScenario {

	final Organisation sender;
	final WarningViewer author;
	final WarningViewer reviewer;
	private final Fixtures fixtures;
	private final Agreements agreements;
	private final Warnings warnings;
	private final JdbcClient jdbc;

	DeliveryScenario(Fixtures fixtures, Agreements agreements, Warnings warnings, JdbcClient jdbc) {
		this.fixtures = fixtures;
		this.agreements = agreements;
		this.warnings = warnings;
		this.jdbc = jdbc;
		this.sender = fixtures.organisation(OrganisationType.COORDINATOR);
		this.author = viewer(sender, fixtures.user(sender, Role.ANALYST).id(), Role.ANALYST);
		this.reviewer = viewer(sender, fixtures.user(sender, Role.ANALYST).id(), Role.ANALYST);
	}

	static WarningViewer viewer(Organisation organisation, UUID userId, Role role) {
		return new WarningViewer(userId, organisation.id(), organisation.type(), Set.of(role));
	}

	Organisation subscriber() {
		return fixtures.organisation(OrganisationType.OPERATOR, "ELECTRICITY");
	}

	Agreement agreement(Organisation subscriber, List<String> channels, List<String> contacts, String language,
			@Nullable String webhookUrl) {
		return agreements.create(author, new Agreements.AgreementInput(subscriber.id(), List.of(), List.of(), List.of(),
				channels, contacts, language, webhookUrl, null, null, "delivery test"));
	}

	static WarningContent content(Tlp tlp, String marker) {
		return new WarningContent(Urgency.HIGH, tlp, "遠隔操作の脆弱性 " + marker, "Remote control flaw " + marker,
				"概要 " + marker + " 日本語の要約", "Summary " + marker + " in English",
				"脅威 " + marker + " 日本語", "Threat " + marker + " in English",
				"対策 " + marker + " 更新を適用する", "Countermeasure " + marker + " apply the update", "Gateway 1.0",
				List.of("CVE-2026-12345"), List.of(), List.of(), List.of(), List.of(), List.of(), List.of());
	}

	/** Creates, has reviewed when review is required, and publishes. */
	Warning publish(WarningContent content) {
		var draft = warnings.create(author, content);
		if (warnings.reviewRequired()) {
			warnings.requestReview(author, draft.id());
			warnings.review(reviewer, draft.id(), true, null);
		}
		return warnings.publish(author, draft.id());
	}

	record Row(UUID id, String channel, String target, String event, String key, String status, int attempts,
			@Nullable String lastError) {
	}

	List<Row> rows(UUID warningId) {
		return jdbc.sql("""
				select id, channel, target, event, idempotency_key, status, attempts, last_error from warning_delivery
				 where warning_id = :id order by created_at, target
				""")
			.param("id", warningId)
			.query((rs, n) -> new Row(rs.getObject("id", UUID.class), rs.getString("channel"), rs.getString("target"),
					rs.getString("event"), rs.getString("idempotency_key"), rs.getString("status"), rs.getInt("attempts"),
					rs.getString("last_error")))
			.list();
	}

	boolean allSent(UUID warningId) {
		var rows = rows(warningId);
		return !rows.isEmpty() && rows.stream().allMatch(r -> r.status().equals("SENT"));
	}

	/** What a receiver computes, written here from the README rather than with the application's signer. */
	static void assertSigned(WebhookSink.Call call, String secret) throws Exception {
		var timestamp = call.header("X-Kakehashi-Timestamp");
		assertThat(Math.abs(System.currentTimeMillis() / 1000 - Long.parseLong(timestamp))).isLessThan(300);
		var mac = Mac.getInstance("HmacSHA256");
		mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
		mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
		var expected = "sha256=" + HexFormat.of().formatHex(mac.doFinal(call.body()));
		assertThat(MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
				call.header("X-Kakehashi-Signature").getBytes(StandardCharsets.US_ASCII))).isTrue();
	}

	static String messageId(String key) throws Exception {
		return "<" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)))
				+ "@kakehashi>";
	}
}
