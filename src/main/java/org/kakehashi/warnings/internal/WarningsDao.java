package org.kakehashi.warnings.internal;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.kakehashi.platform.SqlText;
import org.kakehashi.platform.live.DatabaseNotifications;
import org.kakehashi.sharing.Tlp;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for warnings, their recipients and the outbox. Callers hold the transaction. */
@Repository
public class WarningsDao {

	/** The PostgreSQL notification channel a warning's arrival at its recipients is announced on. */
	public static final String CHANNEL = "kakehashi_warnings";

	static final String COLUMNS = """
			w.id, w.number, w.sender_organisation_id, w.created_by, w.status, w.urgency, w.tlp, w.title_ja, w.title_en,
			w.summary_ja, w.summary_en, w.threat_ja, w.threat_en, w.countermeasures_ja, w.countermeasures_en,
			w.affected_products, w.cve_ids, w.reference_urls, w.sectors, w.topics, w.keywords, w.revision,
			w.reviewed_revision, w.reviewed_by, w.created_at, w.updated_at, w.published_at, w.withdrawn_at,
			w.withdrawn_reason
			""";

	private final JdbcClient jdbc;

	WarningsDao(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	String nextNumber(int year) {
		var next = jdbc.sql("""
				insert into warning_number (year, last) values (:year, 1)
				on conflict (year) do update set last = warning_number.last + 1
				returning last
				""").param("year", year).query(Integer.class).single();
		return "EW-%d-%04d".formatted(year, next);
	}

	void insert(UUID id, String number, UUID sender, UUID by, WarningContent content, Instant now) {
		jdbc.sql("""
				insert into warning (id, number, sender_organisation_id, created_by, updated_by, status, urgency, tlp,
				                     created_at, updated_at)
				values (:id, :number, :sender, :by, :by, 'DRAFT', :urgency, :tlp, :now, :now)
				""")
			.param("id", id).param("number", number).param("sender", sender).param("by", by)
			.param("urgency", content.urgency().name()).param("tlp", content.tlp().name())
			.param("now", Timestamp.from(now))
			.update();
		writeContent(id, content, by, now, false);
	}

	/** Replaces the content; {@code bump} advances the revision. */
	void writeContent(UUID id, WarningContent c, UUID by, Instant now, boolean bump) {
		jdbc.sql("""
				update warning set urgency = :urgency, tlp = :tlp, title_ja = :titleJa, title_en = :titleEn,
				       summary_ja = :summaryJa, summary_en = :summaryEn, threat_ja = :threatJa, threat_en = :threatEn,
				       countermeasures_ja = :cmJa, countermeasures_en = :cmEn, affected_products = :products,
				       cve_ids = :cves, reference_urls = :urls, sectors = :sectors, topics = :topics, keywords = :keywords,
				       revision = revision + :bump, updated_by = :by, updated_at = :now
				 where id = :id
				""")
			.param("id", id).param("urgency", c.urgency().name()).param("tlp", c.tlp().name())
			.param("titleJa", c.titleJa()).param("titleEn", c.titleEn()).param("summaryJa", c.summaryJa())
			.param("summaryEn", c.summaryEn()).param("threatJa", c.threatJa()).param("threatEn", c.threatEn())
			.param("cmJa", c.countermeasuresJa()).param("cmEn", c.countermeasuresEn())
			.param("products", c.affectedProducts()).param("cves", array(c.cveIds()))
			.param("urls", array(c.referenceUrls())).param("sectors", array(c.sectors()))
			.param("topics", array(c.topics())).param("keywords", array(c.keywords()))
			.param("bump", bump ? 1 : 0).param("by", by).param("now", Timestamp.from(now))
			.update();
		jdbc.sql("delete from warning_indicator where warning_id = :id").param("id", id).update();
		int position = 0;
		for (var indicator : c.indicators()) {
			jdbc.sql("""
					insert into warning_indicator (warning_id, position, type, value, stix_id)
					values (:id, :position, :type, :value, :stixId)
					""")
				.param("id", id).param("position", position++).param("type", indicator.type())
				.param("value", indicator.value()).param("stixId", indicator.stixId())
				.update();
		}
		jdbc.sql("delete from warning_addition where warning_id = :id").param("id", id).update();
		if (!c.additions().isEmpty()) {
			jdbc.sql("""
					insert into warning_addition (warning_id, organisation_id)
					select :id, o from unnest(:orgs::uuid[]) o on conflict do nothing
					""")
				.param("id", id).param("orgs", c.additions().toArray(UUID[]::new))
				.update();
		}
	}

	/** The warning locked for a change. */
	Optional<Warning> lock(UUID id) {
		return jdbc.sql("select " + COLUMNS + ", w.updated_by from warning w where w.id = :id for update")
			.param("id", id).query(this::warning).optional();
	}

	/** The warning if {@code viewer} may see it. */
	Optional<Warning> find(UUID id, WarningViewer viewer) {
		return WarningVisibility.bind(jdbc.sql("select " + COLUMNS + ", w.updated_by from warning w where w.id = :id and "
				+ WarningVisibility.VISIBLE), viewer)
			.param("id", id).query(this::warning).optional();
	}

	@Nullable UUID updatedBy(UUID id) {
		return jdbc.sql("select updated_by from warning where id = :id").param("id", id).query(UUID.class).optional()
			.orElse(null);
	}

	void setStatus(UUID id, WarningStatus status, Instant now) {
		jdbc.sql("update warning set status = :status, updated_at = :now where id = :id")
			.param("id", id).param("status", status.name()).param("now", Timestamp.from(now))
			.update();
	}

	void reviewed(UUID id, int revision, UUID by, Instant now) {
		jdbc.sql("""
				update warning set status = 'APPROVED', reviewed_revision = :revision, reviewed_by = :by, updated_at = :now
				 where id = :id
				""")
			.param("id", id).param("revision", revision).param("by", by).param("now", Timestamp.from(now))
			.update();
	}

	void published(UUID id, UUID by, Instant now) {
		jdbc.sql("""
				update warning set status = 'PUBLISHED', published_at = :now, published_by = :by, updated_at = :now
				 where id = :id
				""")
			.param("id", id).param("by", by).param("now", Timestamp.from(now))
			.update();
	}

	void withdrawn(UUID id, String reason, Instant now) {
		jdbc.sql("""
				update warning set status = 'WITHDRAWN', withdrawn_at = :now, withdrawn_reason = :reason, updated_at = :now
				 where id = :id
				""")
			.param("id", id).param("reason", reason).param("now", Timestamp.from(now))
			.update();
	}

	void snapshot(UUID id, int revision, String contentJson, List<String> changedFields, String changeNote, UUID by,
			Instant now) {
		jdbc.sql("""
				insert into warning_revision (warning_id, revision, content, changed_fields, change_note, published_at,
				                              published_by)
				values (:id, :revision, :content::jsonb, :changed, :note, :now, :by)
				""")
			.param("id", id).param("revision", revision).param("content", contentJson)
			.param("changed", array(changedFields)).param("note", changeNote).param("by", by)
			.param("now", Timestamp.from(now))
			.update();
	}

	/** Published revisions, newest first: what changed each time. */
	List<RevisionStep> revisions(UUID id) {
		return jdbc.sql("""
				select revision, changed_fields, change_note, published_at from warning_revision
				 where warning_id = :id order by revision desc
				""")
			.param("id", id)
			.query((rs, n) -> new RevisionStep(rs.getInt("revision"), strings(rs.getArray("changed_fields")),
					rs.getString("change_note"), rs.getTimestamp("published_at").toInstant()))
			.list();
	}

	/** One published revision as recipients saw it. */
	public record RevisionStep(int revision, List<String> changedFields, String changeNote, Instant publishedAt) {
	}

	/** The subscribers whose active agreement matches the warning, one agreement each (the oldest). */
	static final String MATCHING_AGREEMENTS = """
			select distinct on (a.subscriber_organisation_id) a.id, a.subscriber_organisation_id
			  from warning_agreement a, warning w
			 where w.id = :id
			   and a.sender_organisation_id = w.sender_organisation_id
			   and a.ended_at is null and a.valid_from <= :today and (a.valid_to is null or a.valid_to >= :today)
			   and (cardinality(a.sectors) = 0 or cardinality(w.sectors) = 0 or a.sectors && w.sectors)
			   and (cardinality(a.topics) = 0
			        or exists (select 1 from unnest(a.topics) t, unnest(w.topics) u where lower(t) = lower(u)))
			   and (cardinality(a.keywords) = 0
			        or exists (select 1 from unnest(a.keywords) k
			                    where strpos(lower(array_to_string(w.keywords, ' ') || ' ' || w.affected_products || ' '
			                                       || w.title_ja || ' ' || w.title_en), lower(k)) > 0))
			 order by a.subscriber_organisation_id, a.created_at
			""";

	/** Who would receive the warning now: matching agreements and explicit additions, by organisation name. */
	List<PlannedRecipient> plannedRecipients(UUID id, LocalDate today) {
		return jdbc.sql("""
				with matched as (%s)
				select o.id, o.name, o.name_en, m.id as agreement_id, (m.id is null) as explicit
				  from organisation o
				  left join matched m on m.subscriber_organisation_id = o.id
				 where m.id is not null
				    or exists (select 1 from warning_addition x where x.warning_id = :id and x.organisation_id = o.id)
				 order by o.name
				""".formatted(MATCHING_AGREEMENTS))
			.param("id", id).param("today", today)
			.query((rs, n) -> new PlannedRecipient(rs.getObject("id", UUID.class), rs.getString("name"),
					rs.getString("name_en"), rs.getObject("agreement_id", UUID.class), rs.getBoolean("explicit")))
			.list();
	}

	/** A recipient as the sender sees it before publishing. */
	public record PlannedRecipient(UUID organisationId, String name, @Nullable String nameEn,
			@Nullable UUID agreementId, boolean explicit) {
	}

	/**
	 * Resolves recipients into rows (new ones only: an update never drops a recipient) and returns how many were
	 * added.
	 */
	int addRecipients(UUID id, LocalDate today, Instant now) {
		return jdbc.sql("""
				with matched as (%s)
				insert into warning_recipient (warning_id, organisation_id, agreement_id, explicit, delivered_at)
				select cast(:id as uuid), m.subscriber_organisation_id, m.id, false, cast(:now as timestamptz) from matched m
				union all
				select cast(:id as uuid), x.organisation_id, cast(null as uuid), true, cast(:now as timestamptz)
				  from warning_addition x
				 where x.warning_id = :id
				   and not exists (select 1 from matched m where m.subscriber_organisation_id = x.organisation_id)
				on conflict (warning_id, organisation_id) do nothing
				""".formatted(MATCHING_AGREEMENTS))
			.param("id", id).param("today", today).param("now", Timestamp.from(now))
			.update();
	}

	/**
	 * Queues one e-mail per contact and one webhook call per agreement for every recipient of the warning, for
	 * {@code event} at {@code revision}. Contacts are the agreement's e-mail addresses, or the organisation's active
	 * users (in their language) when the agreement names none or the organisation was added by hand. The
	 * idempotency key makes queueing twice harmless.
	 */
	int enqueue(UUID id, String event, int revision, Instant now) {
		var emails = jdbc.sql("""
				insert into warning_delivery (id, warning_id, organisation_id, agreement_id, event, revision, channel,
				                              target, language, idempotency_key, next_attempt_at, created_at)
				select gen_random_uuid(), r.warning_id, r.organisation_id, a.id, :event, :revision, 'EMAIL', c.email,
				       c.language, 'ew:' || r.warning_id || ':' || :revision || ':' || :event || ':email:' || md5(lower(c.email)),
				       :now, :now
				  from warning_recipient r
				  left join warning_agreement a on a.id = r.agreement_id
				  %s
				 where r.warning_id = :id
				on conflict (idempotency_key) do nothing
				""".formatted(EMAIL_CONTACTS))
			.param("id", id).param("event", event).param("revision", revision).param("now", Timestamp.from(now))
			.update();
		var hooks = jdbc.sql("""
				insert into warning_delivery (id, warning_id, organisation_id, agreement_id, event, revision, channel,
				                              target, language, idempotency_key, next_attempt_at, created_at)
				select gen_random_uuid(), r.warning_id, r.organisation_id, a.id, :event, :revision, 'WEBHOOK',
				       a.webhook_url, a.contact_language,
				       'ew:' || r.warning_id || ':' || :revision || ':' || :event || ':webhook:' || a.id, :now, :now
				  from warning_recipient r
				  join warning_agreement a on a.id = r.agreement_id
				 where r.warning_id = :id and 'WEBHOOK' = any (a.channels) and a.webhook_disabled_at is null
				   and a.webhook_url is not null
				on conflict (idempotency_key) do nothing
				""")
			.param("id", id).param("event", event).param("revision", revision).param("now", Timestamp.from(now))
			.update();
		return emails + hooks;
	}

	/**
	 * The e-mail contacts of a recipient row {@code r} whose agreement is {@code a} (left-joined), as rows of
	 * {@code c(email, language)}: the agreement's addresses in its language, or the organisation's active users in
	 * theirs when the agreement names none or the organisation was added by hand.
	 */
	static final String EMAIL_CONTACTS = """
			cross join lateral (
			        select e as email, a.contact_language as language
			          from unnest(a.contact_emails) e
			         where a.id is not null and 'EMAIL' = any (a.channels)
			        union all
			        select u.email, coalesce(u.locale, 'ja')
			          from app_user u
			         where u.organisation_id = r.organisation_id and u.active
			           and (a.id is null or ('EMAIL' = any (a.channels) and cardinality(a.contact_emails) = 0))
			  ) c""";

	/** Tells the sender's open tracking pages, on every node, that a recipient opened, acknowledged or acted. */
	void announceTracking(UUID id) {
		DatabaseNotifications.notify(jdbc, TRACKING_CHANNEL, id);
	}

	/** The channel recipients' responses are announced on, for the sender's live dashboard. */
	public static final String TRACKING_CHANNEL = "kakehashi_warning_tracking";

	/** Tells every node that the warning reached (or changed for) its recipients; sent by PostgreSQL at commit. */
	void announce(UUID id) {
		DatabaseNotifications.notify(jdbc, CHANNEL, id);
	}

	Warning warning(ResultSet rs, int row) throws SQLException {
		var id = rs.getObject("id", UUID.class);
		var content = new WarningContent(Urgency.valueOf(rs.getString("urgency")), Tlp.valueOf(rs.getString("tlp")),
				rs.getString("title_ja"), rs.getString("title_en"), rs.getString("summary_ja"),
				rs.getString("summary_en"), rs.getString("threat_ja"), rs.getString("threat_en"),
				rs.getString("countermeasures_ja"), rs.getString("countermeasures_en"),
				rs.getString("affected_products"), strings(rs.getArray("cve_ids")),
				strings(rs.getArray("reference_urls")), strings(rs.getArray("sectors")), strings(rs.getArray("topics")),
				strings(rs.getArray("keywords")), indicators(id), additions(id));
		var reviewed = rs.getObject("reviewed_revision", Integer.class);
		return new Warning(id, rs.getString("number"), rs.getObject("sender_organisation_id", UUID.class),
				rs.getObject("created_by", UUID.class), WarningStatus.valueOf(rs.getString("status")), content,
				rs.getInt("revision"), reviewed, rs.getObject("reviewed_by", UUID.class),
				rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant(),
				SqlText.instant(rs, "published_at"), SqlText.instant(rs, "withdrawn_at"), rs.getString("withdrawn_reason"));
	}

	List<WarningContent.Indicator> indicators(UUID id) {
		return jdbc.sql("select type, value, stix_id from warning_indicator where warning_id = :id order by position")
			.param("id", id)
			.query((rs, n) -> new WarningContent.Indicator(rs.getString("type"), rs.getString("value"),
					rs.getString("stix_id")))
			.list();
	}

	List<UUID> additions(UUID id) {
		return jdbc.sql("select organisation_id from warning_addition where warning_id = :id")
			.param("id", id).query(UUID.class).list();
	}

	/** Organisation names by id, for labels. */
	Map<UUID, String> organisationNames(List<UUID> ids, boolean english) {
		var names = new LinkedHashMap<UUID, String>();
		if (ids.isEmpty()) {
			return names;
		}
		jdbc.sql("select id, name, name_en from organisation where id = any (:ids::uuid[])")
			.param("ids", ids.toArray(UUID[]::new))
			.query((rs, n) -> names.put(rs.getObject("id", UUID.class),
					english && rs.getString("name_en") != null ? rs.getString("name_en") : rs.getString("name")))
			.list();
		return names;
	}

	static List<String> strings(@Nullable Array array) throws SQLException {
		if (array == null) {
			return List.of();
		}
		var values = (String[]) array.getArray();
		return List.of(values);
	}

	static String[] array(List<String> values) {
		return values.toArray(String[]::new);
	}

}
