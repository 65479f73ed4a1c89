package org.kakehashi.warnings.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.kakehashi.platform.SqlText;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * SQL of the outbox worker. A claim moves the row's {@code next_attempt_at} to the end of its lease, so the due
 * index never hands an in-flight row to another node until the lease has run out; {@code attempts}, raised by each
 * claim, fences the outcome: only the claim that is still the latest may schedule a retry or give the row up.
 */
@Repository
class DeliveryDao {

	private final JdbcClient jdbc;

	DeliveryDao(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** A row this node holds, with what sending it needs: the revision as published and the agreement's webhook. */
	record Claimed(UUID id, UUID warningId, UUID organisationId, @Nullable UUID agreementId, String event, int revision,
			Channel channel, String target, String language, String idempotencyKey, int attempts, String number,
			String senderName, @Nullable String senderNameEn, @Nullable String withdrawnReason, String content, @Nullable String changeNote,
			List<String> changedFields, @Nullable String webhookUrl, @Nullable String webhookSecret,
			@Nullable Instant webhookDisabledAt, int webhookFailures, boolean webhookAgreed) {
	}

	/** Claims up to {@code limit} due rows for this node until {@code until}; one short transaction (autocommit). */
	List<Claimed> claim(Instant now, Instant until, int limit) {
		return jdbc.sql("""
				with due as (
				       select d.id from warning_delivery d
				        where d.status = 'PENDING' and d.next_attempt_at <= :now
				        order by d.next_attempt_at
				        limit :limit
				          for update skip locked),
				     claimed as (
				       update warning_delivery d set claimed_until = :until, next_attempt_at = :until,
				              attempts = d.attempts + 1
				         from due where d.id = due.id
				       returning d.*)
				select c.id, c.warning_id, c.organisation_id, c.agreement_id, c.event, c.revision, c.channel, c.target,
				       c.language, c.idempotency_key, c.attempts, w.number, s.name as sender_name,
				       s.name_en as sender_name_en, w.withdrawn_reason,
				       -- The revision as published; the warning's current text only if that snapshot is missing.
				       coalesce(r.content::text, jsonb_build_object('urgency', w.urgency, 'tlp', w.tlp,
				                'titleJa', w.title_ja, 'titleEn', w.title_en, 'summaryJa', w.summary_ja,
				                'summaryEn', w.summary_en, 'threatJa', w.threat_ja, 'threatEn', w.threat_en,
				                'countermeasuresJa', w.countermeasures_ja, 'countermeasuresEn', w.countermeasures_en,
				                'affectedProducts', w.affected_products, 'cveIds', w.cve_ids,
				                'referenceUrls', w.reference_urls)::text) as content,
				       r.change_note, r.changed_fields, a.webhook_url, a.webhook_secret, a.webhook_disabled_at,
				       coalesce(a.webhook_failures, 0) as webhook_failures,
				       coalesce('WEBHOOK' = any (a.channels), false) as webhook_agreed
				  from claimed c
				  join warning w on w.id = c.warning_id
				  join organisation s on s.id = w.sender_organisation_id
				  left join warning_revision r on r.warning_id = c.warning_id and r.revision = c.revision
				  left join warning_agreement a on a.id = c.agreement_id
				""")
			.param("now", Timestamp.from(now)).param("until", Timestamp.from(until)).param("limit", limit)
			.query(this::claimed).list();
	}

	private Claimed claimed(ResultSet rs, int row) throws SQLException {
		return new Claimed(rs.getObject("id", UUID.class), rs.getObject("warning_id", UUID.class),
				rs.getObject("organisation_id", UUID.class), rs.getObject("agreement_id", UUID.class),
				rs.getString("event"), rs.getInt("revision"), Channel.valueOf(rs.getString("channel")),
				rs.getString("target"), rs.getString("language"), rs.getString("idempotency_key"), rs.getInt("attempts"),
				rs.getString("number"), rs.getString("sender_name"), rs.getString("sender_name_en"),
				rs.getString("withdrawn_reason"), rs.getString("content"),
				rs.getString("change_note"), WarningsDao.strings(rs.getArray("changed_fields")), rs.getString("webhook_url"),
				rs.getString("webhook_secret"), SqlText.instant(rs, "webhook_disabled_at"), rs.getInt("webhook_failures"),
				rs.getBoolean("webhook_agreed"));
	}

	void sent(UUID id, Instant now) {
		// Not fenced: whichever claim sent it, it was sent (a taken-over row may be sent twice, same key).
		jdbc.sql("""
				update warning_delivery set status = 'SENT', sent_at = :now, claimed_until = null, last_error = null
				 where id = :id and status = 'PENDING'
				""")
			.param("id", id).param("now", Timestamp.from(now)).update();
	}

	/** Schedules the next attempt; false if another node took the row over meanwhile. */
	boolean retry(UUID id, int attempts, Instant next, String error) {
		return jdbc.sql("""
				update warning_delivery set next_attempt_at = :next, claimed_until = null, last_error = :error
				 where id = :id and status = 'PENDING' and attempts = :attempts
				""")
			.param("id", id).param("attempts", attempts).param("next", Timestamp.from(next)).param("error", error)
			.update() == 1;
	}

	/** Gives the row up; false if another node took it over meanwhile. */
	boolean dead(UUID id, int attempts, String error) {
		return jdbc.sql("""
				update warning_delivery set status = 'DEAD', claimed_until = null, last_error = :error
				 where id = :id and status = 'PENDING' and attempts = :attempts
				""")
			.param("id", id).param("attempts", attempts).param("error", error).update() == 1;
	}

	void webhookSucceeded(UUID agreementId) {
		jdbc.sql("update warning_agreement set webhook_failures = 0 where id = :id and webhook_failures > 0")
			.param("id", agreementId).update();
	}

	/** Counts a failed call; returns the consecutive failures now (0 if the agreement is gone). */
	int webhookFailed(UUID agreementId) {
		return jdbc.sql("""
				update warning_agreement set webhook_failures = webhook_failures + 1 where id = :id
				returning webhook_failures
				""")
			.param("id", agreementId).query(Integer.class).optional().orElse(0);
	}

	/**
	 * Disables the agreement's webhook and gives up its other waiting calls (not those in flight on some node);
	 * returns the subscriber organisation if this call disabled it (so the alert goes out once).
	 */
	@Nullable UUID disableWebhook(UUID agreementId, Instant now) {
		var subscriber = jdbc.sql("""
				update warning_agreement set webhook_disabled_at = :now
				 where id = :id and webhook_disabled_at is null
				returning subscriber_organisation_id
				""")
			.param("id", agreementId).param("now", Timestamp.from(now)).query(UUID.class).optional().orElse(null);
		if (subscriber != null) {
			jdbc.sql("""
					update warning_delivery set status = 'DEAD', last_error = 'webhook disabled after persistent failure'
					 where agreement_id = :id and channel = 'WEBHOOK' and status = 'PENDING'
					   and (claimed_until is null or claimed_until <= :now)
					""")
				.param("id", agreementId).param("now", Timestamp.from(now)).update();
		}
		return subscriber;
	}
}
