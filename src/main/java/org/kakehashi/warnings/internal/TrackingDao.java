package org.kakehashi.warnings.internal;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.kakehashi.platform.SqlText;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Per-recipient tracking: opened, acknowledged, action taken; and the sender's view of all of it. */
@Repository
public class TrackingDao {

	private final JdbcClient jdbc;

	TrackingDao(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	boolean isRecipient(UUID id, UUID organisationId) {
		return jdbc.sql("select exists (select 1 from warning_recipient where warning_id = :id and organisation_id = :org)")
			.param("id", id).param("org", organisationId).query(Boolean.class).single();
	}

	/** Marks the warning opened by the user (and, the first time, by their organisation); true if anything changed. */
	boolean opened(UUID id, UUID userId, UUID organisationId, Instant now) {
		var read = jdbc.sql("""
				insert into warning_read (warning_id, user_id, organisation_id, first_read_at)
				select :id, :user, :org, :now
				 where exists (select 1 from warning_recipient where warning_id = :id and organisation_id = :org)
				on conflict do nothing
				""")
			.param("id", id).param("user", userId).param("org", organisationId).param("now", Timestamp.from(now))
			.update();
		var first = jdbc.sql("""
				update warning_recipient set first_opened_at = :now
				 where warning_id = :id and organisation_id = :org and first_opened_at is null
				""")
			.param("id", id).param("org", organisationId).param("now", Timestamp.from(now))
			.update();
		return read + first > 0;
	}

	void acknowledge(UUID id, UUID organisationId, UUID userId, @Nullable String comment, Instant now) {
		jdbc.sql("""
				update warning_recipient
				   set acknowledged_at = coalesce(acknowledged_at, :now),
				       acknowledged_by = coalesce(acknowledged_by, :user),
				       ack_comment = coalesce(:comment, ack_comment)
				 where warning_id = :id and organisation_id = :org
				""")
			.param("id", id).param("org", organisationId).param("user", userId).param("comment", comment)
			.param("now", Timestamp.from(now))
			.update();
	}

	void action(UUID id, UUID organisationId, UUID userId, ActionStatus status, @Nullable String note, Instant now) {
		jdbc.sql("""
				update warning_recipient set action_status = :status, action_note = :note, action_at = :now, action_by = :user
				 where warning_id = :id and organisation_id = :org
				""")
			.param("id", id).param("org", organisationId).param("user", userId).param("status", status.name())
			.param("note", note).param("now", Timestamp.from(now))
			.update();
	}

	/** What a recipient organisation has said about a warning. */
	public record OwnStatus(@Nullable Instant deliveredAt, @Nullable Instant firstOpenedAt,
			@Nullable Instant acknowledgedAt, @Nullable String acknowledgedBy, @Nullable String ackComment,
			@Nullable ActionStatus actionStatus, @Nullable String actionNote, @Nullable Instant actionAt,
			@Nullable String actionBy) {
	}

	OwnStatus own(UUID id, UUID organisationId) {
		return jdbc.sql("""
				select r.delivered_at, r.first_opened_at, r.acknowledged_at, ua.display_name as ack_by, r.ack_comment,
				       r.action_status, r.action_note, r.action_at, ub.display_name as action_by
				  from warning_recipient r
				  left join app_user ua on ua.id = r.acknowledged_by
				  left join app_user ub on ub.id = r.action_by
				 where r.warning_id = :id and r.organisation_id = :org
				""")
			.param("id", id).param("org", organisationId)
			.query((rs, n) -> new OwnStatus(SqlText.instant(rs, "delivered_at"), SqlText.instant(rs, "first_opened_at"),
					SqlText.instant(rs, "acknowledged_at"), rs.getString("ack_by"), rs.getString("ack_comment"),
					rs.getString("action_status") == null ? null : ActionStatus.valueOf(rs.getString("action_status")),
					rs.getString("action_note"), SqlText.instant(rs, "action_at"), rs.getString("action_by")))
			.optional()
			.orElse(new OwnStatus(null, null, null, null, null, null, null, null, null));
	}

	/**
	 * Coverage for the sender: how many recipients were reached, opened, acknowledged, acted (by status), how many
	 * reminders and escalations went out, and the time-to-acknowledge distribution in minutes.
	 */
	public record Tracking(int recipients, int opened, int acknowledged, int notAffected, int mitigated,
			int inProgress, int cannotMitigate, int reminded, int escalated, int pendingMessages, int sentMessages,
			int deadMessages, List<Bucket> timeToAcknowledge, @Nullable Duration medianToAcknowledge) {

		public int percent(int part) {
			return recipients == 0 ? 0 : (int) Math.round(100.0 * part / recipients);
		}

		public int acted() {
			return notAffected + mitigated + inProgress + cannotMitigate;
		}
	}

	/** Acknowledgements that came within {@code upToMinutes} (and after the previous bucket). */
	public record Bucket(int upToMinutes, int count) {
	}

	/** Bucket limits in minutes: 15 min, 30 min, 1 h, 2 h, 4 h, 8 h, 24 h, 72 h, later. */
	static final int[] BUCKETS = { 15, 30, 60, 120, 240, 480, 1440, 4320, Integer.MAX_VALUE };

	Tracking tracking(UUID id) {
		var counts = jdbc.sql("""
				select count(*) as recipients,
				       count(first_opened_at) as opened,
				       count(acknowledged_at) as acknowledged,
				       count(*) filter (where action_status = 'NOT_AFFECTED') as not_affected,
				       count(*) filter (where action_status = 'MITIGATED') as mitigated,
				       count(*) filter (where action_status = 'IN_PROGRESS') as in_progress,
				       count(*) filter (where action_status = 'CANNOT_MITIGATE') as cannot_mitigate,
				       count(reminded_at) as reminded,
				       count(escalated_at) as escalated,
				       percentile_cont(0.5) within group (order by extract(epoch from acknowledged_at - delivered_at))
				           filter (where acknowledged_at is not null) as median_seconds
				  from warning_recipient where warning_id = :id
				""")
			.param("id", id)
			.query((rs, n) -> new long[] { rs.getLong("recipients"), rs.getLong("opened"), rs.getLong("acknowledged"),
					rs.getLong("not_affected"), rs.getLong("mitigated"), rs.getLong("in_progress"),
					rs.getLong("cannot_mitigate"), rs.getLong("reminded"), rs.getLong("escalated"),
					rs.getObject("median_seconds") == null ? -1 : Math.round(rs.getDouble("median_seconds")) })
			.single();
		var messages = jdbc.sql("""
				select count(*) filter (where status = 'PENDING') as pending, count(*) filter (where status = 'SENT') as sent,
				       count(*) filter (where status = 'DEAD') as dead
				  from warning_delivery where warning_id = :id
				""")
			.param("id", id)
			.query((rs, n) -> new int[] { rs.getInt("pending"), rs.getInt("sent"), rs.getInt("dead") })
			.single();
		var minutes = jdbc.sql("""
				select extract(epoch from acknowledged_at - delivered_at) / 60 as minutes
				  from warning_recipient where warning_id = :id and acknowledged_at is not null
				""")
			.param("id", id).query(Double.class).list();
		var buckets = new int[BUCKETS.length];
		for (var m : minutes) {
			for (int i = 0; i < BUCKETS.length; i++) {
				if (m <= BUCKETS[i]) {
					buckets[i]++;
					break;
				}
			}
		}
		var distribution = new java.util.ArrayList<Bucket>();
		for (int i = 0; i < BUCKETS.length; i++) {
			distribution.add(new Bucket(BUCKETS[i], buckets[i]));
		}
		return new Tracking((int) counts[0], (int) counts[1], (int) counts[2], (int) counts[3], (int) counts[4],
				(int) counts[5], (int) counts[6], (int) counts[7], (int) counts[8], messages[0], messages[1],
				messages[2], List.copyOf(distribution), counts[9] < 0 ? null : Duration.ofSeconds(counts[9]));
	}

	/** Which recipients to list on the sender's page. */
	public enum RecipientFilter {
		ALL, SILENT, UNOPENED, ACKNOWLEDGED, ACTED
	}

	/** One recipient organisation's state, for the sender. */
	public record RecipientState(UUID organisationId, String name, @Nullable String nameEn, boolean explicit,
			Instant deliveredAt, @Nullable Instant firstOpenedAt, int readers, @Nullable Instant acknowledgedAt,
			@Nullable String ackComment, @Nullable ActionStatus actionStatus, @Nullable String actionNote,
			@Nullable Instant actionAt, @Nullable Instant remindedAt, @Nullable Instant escalatedAt) {
	}

	List<RecipientState> recipients(UUID id, RecipientFilter filter) {
		var where = switch (filter) {
			case ALL -> "true";
			case SILENT -> "r.acknowledged_at is null";
			case UNOPENED -> "r.first_opened_at is null";
			case ACKNOWLEDGED -> "r.acknowledged_at is not null";
			case ACTED -> "r.action_status is not null";
		};
		return jdbc.sql("""
				select r.organisation_id, o.name, o.name_en, r.explicit, r.delivered_at, r.first_opened_at,
				       (select count(*) from warning_read x where x.warning_id = r.warning_id
				                                              and x.organisation_id = r.organisation_id) as readers,
				       r.acknowledged_at, r.ack_comment, r.action_status, r.action_note, r.action_at, r.reminded_at,
				       r.escalated_at
				  from warning_recipient r join organisation o on o.id = r.organisation_id
				 where r.warning_id = :id and %s
				 order by (r.acknowledged_at is not null), o.name
				""".formatted(where))
			.param("id", id)
			.query((rs, n) -> new RecipientState(rs.getObject("organisation_id", UUID.class), rs.getString("name"),
					rs.getString("name_en"), rs.getBoolean("explicit"), rs.getTimestamp("delivered_at").toInstant(),
					SqlText.instant(rs, "first_opened_at"), rs.getInt("readers"),
					SqlText.instant(rs, "acknowledged_at"), rs.getString("ack_comment"),
					rs.getString("action_status") == null ? null : ActionStatus.valueOf(rs.getString("action_status")),
					rs.getString("action_note"), SqlText.instant(rs, "action_at"),
					SqlText.instant(rs, "reminded_at"), SqlText.instant(rs, "escalated_at")))
			.list();
	}
}
