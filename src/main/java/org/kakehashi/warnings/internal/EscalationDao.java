package org.kakehashi.warnings.internal;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.kakehashi.platform.SqlText;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * SQL for reminders and escalations of silent recipients, the senders' escalation rules and the escalation log.
 * Callers hold the transaction.
 */
@Repository
class EscalationDao {

	/**
	 * Seconds a recipient may stay silent before a reminder ({@code remind_s}) and before escalation
	 * ({@code escalate_s}): the sender's rule for the warning's urgency, else the configured default.
	 */
	private static final String DELAYS = """
			left join warning_escalation_rule er
			       on er.sender_organisation_id = w.sender_organisation_id and er.urgency = w.urgency
			cross join lateral (
			      select coalesce(er.remind_after_hours::bigint * 3600,
			                      (:remindDefaults::bigint[])[array_position(:urgencies::text[], w.urgency)]) as remind_s,
			             coalesce(er.escalate_after_hours::bigint * 3600,
			                      (:escalateDefaults::bigint[])[array_position(:urgencies::text[], w.urgency)]) as escalate_s
			) d
			""";

	private final JdbcClient jdbc;
	private final WarningsProperties settings;

	EscalationDao(JdbcClient jdbc, WarningsProperties settings) {
		this.jdbc = jdbc;
		this.settings = settings;
	}

	/** A silent recipient whose reminder or escalation is due. */
	record Due(UUID warningId, UUID organisationId) {
	}

	/** Silent recipients of published warnings with a reminder or an escalation due at {@code now}, oldest first. */
	List<Due> due(Instant now, int limit) {
		return delays(jdbc.sql("""
				select r.warning_id, r.organisation_id
				  from warning_recipient r
				  join warning w on w.id = r.warning_id
				""" + DELAYS + """
				 where r.acknowledged_at is null and r.escalated_at is null and w.status = 'PUBLISHED'
				   and ((r.reminded_at is null and r.delivered_at + d.remind_s * interval '1 second' <= :now)
				        or r.delivered_at + d.escalate_s * interval '1 second' <= :now)
				 order by r.delivered_at
				 limit :limit
				"""))
			.param("now", Timestamp.from(now)).param("limit", limit)
			.query((rs, n) -> new Due(rs.getObject("warning_id", UUID.class), rs.getObject("organisation_id", UUID.class)))
			.list();
	}

	/** A silent recipient locked for this run, with what its messages need (never the warning's text). */
	record Silent(UUID warningId, UUID organisationId, UUID senderOrganisationId, String number, String titleJa,
			String titleEn, Urgency urgency, int revision, Instant deliveredAt, @Nullable Instant remindedAt,
			Duration remindAfter, Duration escalateAfter) {
	}

	/**
	 * Locks the recipient row if it is still silent and no other node holds it; empty when it was acknowledged,
	 * the warning withdrawn, or another node is on it.
	 */
	Optional<Silent> claim(UUID warningId, UUID organisationId) {
		return delays(jdbc.sql("""
				select r.warning_id, r.organisation_id, w.sender_organisation_id, w.number, w.title_ja, w.title_en,
				       w.urgency, w.revision, r.delivered_at, r.reminded_at, d.remind_s, d.escalate_s
				  from warning_recipient r
				  join warning w on w.id = r.warning_id
				""" + DELAYS + """
				 where r.warning_id = :warning and r.organisation_id = :organisation
				   and r.acknowledged_at is null and r.escalated_at is null and w.status = 'PUBLISHED'
				   for update of r skip locked
				"""))
			.param("warning", warningId).param("organisation", organisationId)
			.query((rs, n) -> new Silent(rs.getObject("warning_id", UUID.class), rs.getObject("organisation_id", UUID.class),
					rs.getObject("sender_organisation_id", UUID.class), rs.getString("number"), rs.getString("title_ja"),
					rs.getString("title_en"), Urgency.valueOf(rs.getString("urgency")), rs.getInt("revision"),
					rs.getTimestamp("delivered_at").toInstant(), SqlText.instant(rs, "reminded_at"),
					Duration.ofSeconds(rs.getLong("remind_s")), Duration.ofSeconds(rs.getLong("escalate_s"))))
			.optional();
	}

	void reminded(UUID warningId, UUID organisationId, Instant now) {
		jdbc.sql("update warning_recipient set reminded_at = :now where warning_id = :warning and organisation_id = :organisation")
			.param("warning", warningId).param("organisation", organisationId).param("now", Timestamp.from(now))
			.update();
	}

	void escalated(UUID warningId, UUID organisationId, Instant now) {
		jdbc.sql("update warning_recipient set escalated_at = :now where warning_id = :warning and organisation_id = :organisation")
			.param("warning", warningId).param("organisation", organisationId).param("now", Timestamp.from(now))
			.update();
	}

	void log(UUID id, UUID warningId, UUID organisationId, String kind, @Nullable UUID targetOrganisationId,
			@Nullable UUID targetGroupId, Instant now) {
		jdbc.sql("""
				insert into warning_escalation (id, warning_id, organisation_id, kind, target_organisation_id,
				                                target_group_id, created_at)
				values (:id, :warning, :organisation, :kind, :targetOrganisation, :targetGroup, :now)
				""")
			.param("id", id).param("warning", warningId).param("organisation", organisationId).param("kind", kind)
			.param("targetOrganisation", targetOrganisationId).param("targetGroup", targetGroupId)
			.param("now", Timestamp.from(now))
			.update();
	}

	/**
	 * Queues the reminder e-mails for one silent organisation through the outbox, to the same contacts the warning
	 * reached (the agreement's addresses, else the organisation's active users). The key names the warning, the
	 * organisation and the contact, so a reminder is queued once however often this runs.
	 */
	int enqueueReminder(UUID warningId, UUID organisationId, int revision, Instant now) {
		return jdbc.sql("""
				insert into warning_delivery (id, warning_id, organisation_id, agreement_id, event, revision, channel,
				                              target, language, idempotency_key, next_attempt_at, created_at)
				select gen_random_uuid(), r.warning_id, r.organisation_id, a.id, 'REMINDER', :revision, 'EMAIL', c.email,
				       c.language,
				       'ew:' || r.warning_id || ':REMINDER:' || r.organisation_id || ':email:' || md5(lower(c.email)),
				       :now, :now
				  from warning_recipient r
				  left join warning_agreement a on a.id = r.agreement_id
				  %s
				 where r.warning_id = :warning and r.organisation_id = :organisation
				on conflict (idempotency_key) do nothing
				""".formatted(WarningsDao.EMAIL_CONTACTS))
			.param("warning", warningId).param("organisation", organisationId).param("revision", revision)
			.param("now", Timestamp.from(now))
			.update();
	}

	/** The sector ministries covering one of the organisation's sectors, never the sender or the organisation itself. */
	List<UUID> ministries(UUID organisationId, UUID senderOrganisationId) {
		return jdbc.sql("""
				select distinct m.id
				  from organisation m
				  join organisation_sector ms on ms.organisation_id = m.id
				  join organisation_sector os on os.sector_code = ms.sector_code and os.organisation_id = :organisation
				 where m.type = 'SECTOR_MINISTRY' and m.id <> :organisation and m.id <> :sender
				 order by m.id
				""")
			.param("organisation", organisationId).param("sender", senderOrganisationId)
			.query(UUID.class).list();
	}

	/** A CEPTOAR group the organisation belongs to, and the CEPTOAR organisations that speak for it (maybe none). */
	record CeptoarContact(UUID groupId, List<UUID> organisations) {
	}

	/**
	 * The CEPTOAR groups the organisation is a member of, each with the CEPTOAR organisations of the group's sector
	 * or among the group's members.
	 */
	List<CeptoarContact> ceptoars(UUID organisationId, UUID senderOrganisationId) {
		return jdbc.sql("""
				select g.id,
				       coalesce(array(select distinct c.id from organisation c
				                       where c.type = 'CEPTOAR' and c.id <> :organisation and c.id <> :sender
				                         and (exists (select 1 from organisation_sector cs
				                                       where cs.organisation_id = c.id and cs.sector_code = g.sector_code)
				                              or exists (select 1 from group_membership cm
				                                          where cm.group_id = g.id and cm.organisation_id = c.id))
				                       order by c.id), '{}') as organisations
				  from member_group g
				  join group_membership gm on gm.group_id = g.id and gm.organisation_id = :organisation
				 where g.kind = 'CEPTOAR'
				 order by g.name
				""")
			.param("organisation", organisationId).param("sender", senderOrganisationId)
			.query((rs, n) -> new CeptoarContact(rs.getObject("id", UUID.class),
					Arrays.asList((UUID[]) rs.getArray("organisations").getArray())))
			.list();
	}

	List<EscalationEntry> log(UUID warningId, boolean english) {
		return jdbc.sql("""
				select e.id, e.kind, e.organisation_id, o.name, o.name_en, e.target_organisation_id,
				       t.name as target_name, t.name_en as target_name_en, e.target_group_id, g.name as group_name,
				       e.created_at
				  from warning_escalation e
				  join organisation o on o.id = e.organisation_id
				  left join organisation t on t.id = e.target_organisation_id
				  left join member_group g on g.id = e.target_group_id
				 where e.warning_id = :warning
				 order by e.created_at, o.name, e.kind desc, t.name
				""")
			.param("warning", warningId)
			.query((rs, n) -> new EscalationEntry(rs.getObject("id", UUID.class), rs.getString("kind"),
					rs.getObject("organisation_id", UUID.class), name(rs.getString("name"), rs.getString("name_en"), english),
					rs.getObject("target_organisation_id", UUID.class),
					rs.getString("target_name") == null ? null
							: name(rs.getString("target_name"), rs.getString("target_name_en"), english),
					rs.getObject("target_group_id", UUID.class), rs.getString("group_name"),
					rs.getTimestamp("created_at").toInstant()))
			.list();
	}

	/** A sender's own rule for one urgency. */
	record Rule(Urgency urgency, int remindAfterHours, int escalateAfterHours) {
	}

	List<Rule> rules(UUID senderOrganisationId) {
		return jdbc.sql("""
				select urgency, remind_after_hours, escalate_after_hours from warning_escalation_rule
				 where sender_organisation_id = :sender
				""")
			.param("sender", senderOrganisationId)
			.query((rs, n) -> new Rule(Urgency.valueOf(rs.getString("urgency")), rs.getInt("remind_after_hours"),
					rs.getInt("escalate_after_hours")))
			.list();
	}

	void saveRule(UUID senderOrganisationId, Rule rule) {
		jdbc.sql("""
				insert into warning_escalation_rule (sender_organisation_id, urgency, remind_after_hours, escalate_after_hours)
				values (:sender, :urgency, :remind, :escalate)
				on conflict (sender_organisation_id, urgency)
				do update set remind_after_hours = excluded.remind_after_hours,
				              escalate_after_hours = excluded.escalate_after_hours
				""")
			.param("sender", senderOrganisationId).param("urgency", rule.urgency().name())
			.param("remind", rule.remindAfterHours()).param("escalate", rule.escalateAfterHours())
			.update();
	}

	private JdbcClient.StatementSpec delays(JdbcClient.StatementSpec spec) {
		var urgencies = Urgency.values();
		return spec.param("urgencies", Arrays.stream(urgencies).map(Urgency::name).toArray(String[]::new))
			.param("remindDefaults", Arrays.stream(urgencies).map(u -> settings.reminder(u).toSeconds()).toArray(Long[]::new))
			.param("escalateDefaults", Arrays.stream(urgencies).map(u -> settings.escalation(u).toSeconds()).toArray(Long[]::new));
	}

	private static String name(String name, @Nullable String nameEn, boolean english) {
		return english && nameEn != null && !nameEn.isBlank() ? nameEn : name;
	}
}
