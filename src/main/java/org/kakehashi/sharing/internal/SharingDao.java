package org.kakehashi.sharing.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.kakehashi.platform.live.DatabaseNotifications;
import org.kakehashi.reporting.ObservableType;
import org.kakehashi.reporting.Viewer;
import org.kakehashi.sharing.Tlp;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Shared items in SQL. Reads that answer a user always go through {@link ItemVisibility}. */
@Repository
class SharingDao {

	/**
	 * The organisations an item's audience names, resolved from sectors, groups (NDA accepted where the group
	 * requires one), named organisations and all local governments. Named individuals are not organisations.
	 */
	static final String AUDIENCE_ORGANISATIONS = """
			select os.organisation_id as organisation_id
			  from shared_item_audience a join organisation_sector os on os.sector_code = a.ref
			 where a.item_id = :item and a.kind = 'SECTOR'
			union
			select m.organisation_id
			  from shared_item_audience a
			  join member_group g on g.id::text = a.ref
			  join group_membership m on m.group_id = g.id
			 where a.item_id = :item and a.kind = 'GROUP' and (not g.requires_nda or m.nda_accepted_on is not null)
			union
			select o.id from shared_item_audience a join organisation o on o.id::text = a.ref
			 where a.item_id = :item and a.kind = 'ORGANISATION'
			union
			select o.id from shared_item_audience a join organisation o on o.type = 'LOCAL_GOVERNMENT'
			 where a.item_id = :item and a.kind = 'LOCAL_GOVERNMENTS'
			union
			select u.organisation_id from shared_item_audience a join app_user u on u.id::text = a.ref
			 where a.item_id = :item and a.kind = 'USER' and u.active
			""";

	private final JdbcClient jdbc;

	SharingDao(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	String nextNumber(int year) {
		var next = jdbc.sql("""
				insert into shared_item_number (year, last) values (:year, 1)
				on conflict (year) do update set last = shared_item_number.last + 1
				returning last
				""").param("year", year).query(Integer.class).single();
		return "SHR-%d-%06d".formatted(year, next);
	}

	void insert(UUID id, String number, UUID hub, UUID createdBy, ItemContent content, Instant now) {
		jdbc.sql("""
				insert into shared_item (id, number, hub_organisation_id, created_by, status, tlp, title, created_at, updated_at)
				values (:id, :number, :hub, :by, 'DRAFT', :tlp, :title, :now, :now)
				""")
			.param("id", id).param("number", number).param("hub", hub).param("by", createdBy)
			.param("tlp", content.tlp().name()).param("title", content.title()).param("now", Timestamp.from(now))
			.update();
		writeContent(id, content, now, false);
	}

	/** Replaces the content; {@code bump} advances the revision (any edit after the first save). */
	void writeContent(UUID id, ItemContent c, Instant now, boolean bump) {
		jdbc.sql("""
				update shared_item set title = :title, body = :body, analysis = :analysis,
				       countermeasures = :countermeasures, language = :language, tlp = :tlp,
				       disclosed_sectors = :sectors, disclosed_prefecture = :prefecture, disclosed_size_class = :size,
				       revision = revision + :bump, updated_at = :now
				 where id = :id
				""")
			.param("id", id).param("title", c.title()).param("body", c.body()).param("analysis", c.analysis())
			.param("countermeasures", c.countermeasures()).param("language", c.language())
			.param("tlp", c.tlp().name()).param("sectors", c.disclosedSectors().toArray(String[]::new))
			.param("prefecture", c.disclosedPrefecture()).param("size", c.disclosedSizeClass())
			.param("bump", bump ? 1 : 0).param("now", Timestamp.from(now))
			.update();
		jdbc.sql("delete from shared_item_observable where item_id = :id").param("id", id).update();
		int position = 0;
		for (var o : c.observables()) {
			jdbc.sql("""
					insert into shared_item_observable (item_id, position, type, value, role)
					values (:id, :position, :type, :value, :role)
					""")
				.param("id", id).param("position", position++).param("type", o.type().name())
				.param("value", o.value()).param("role", o.role().name())
				.update();
		}
		jdbc.sql("delete from shared_item_audience where item_id = :id").param("id", id).update();
		for (var a : c.audience()) {
			jdbc.sql("insert into shared_item_audience (item_id, kind, ref) values (:id, :kind, :ref) on conflict do nothing")
				.param("id", id).param("kind", a.kind().name()).param("ref", a.ref())
				.update();
		}
	}

	void insertSource(UUID id, UUID reportId, UUID organisationId) {
		jdbc.sql("""
				insert into shared_item_source (item_id, report_id, organisation_id) values (:id, :report, :org)
				on conflict do nothing
				""")
			.param("id", id).param("report", reportId).param("org", organisationId)
			.update();
	}

	void setStatus(UUID id, ItemStatus status, Instant now) {
		jdbc.sql("update shared_item set status = :status, updated_at = :now where id = :id")
			.param("id", id).param("status", status.name()).param("now", Timestamp.from(now))
			.update();
	}

	void approve(UUID id, int revision, Instant now) {
		jdbc.sql("update shared_item set status = 'APPROVED', approved_revision = :revision, updated_at = :now where id = :id")
			.param("id", id).param("revision", revision).param("now", Timestamp.from(now))
			.update();
	}

	void recordApproval(UUID id, int revision, String decision, @Nullable String comment, Viewer viewer, Instant now) {
		jdbc.sql("""
				insert into shared_item_approval (id, item_id, revision, decision, comment, user_id, organisation_id, decided_at)
				values (:approval, :id, :revision, :decision, :comment, :user, :org, :now)
				""")
			.param("approval", org.kakehashi.platform.Ids.newId()).param("id", id).param("revision", revision)
			.param("decision", decision).param("comment", comment).param("user", viewer.userId())
			.param("org", viewer.organisationId()).param("now", Timestamp.from(now))
			.update();
	}

	/** The approval history; a source organisation sees only its own steps and the hub's requests. */
	List<ApprovalStep> approvals(UUID id, @Nullable UUID onlyOrganisation, UUID hub) {
		return jdbc.sql("""
				select revision, decision, comment, user_id, organisation_id, decided_at from shared_item_approval
				 where item_id = :id and (cast(:only as uuid) is null or organisation_id = :only or organisation_id = :hub)
				 order by decided_at, id
				""")
			.param("id", id).param("only", onlyOrganisation).param("hub", hub)
			.query((rs, n) -> new ApprovalStep(rs.getInt("revision"), rs.getString("decision"), rs.getString("comment"),
					rs.getObject("user_id", UUID.class), rs.getObject("organisation_id", UUID.class),
					rs.getTimestamp("decided_at").toInstant()))
			.list();
	}

	/**
	 * Resolves the audience into recipient rows, once, at publication: organisations for TLP:AMBER+STRICT to
	 * CLEAR, named individuals for RED. Returns the number of recipient rows written.
	 */
	int materialiseRecipients(UUID id, Tlp tlp) {
		if (tlp == Tlp.RED) {
			return jdbc.sql("""
					insert into shared_item_recipient_user (item_id, user_id)
					select :item, u.id from shared_item_audience a join app_user u on u.id::text = a.ref
					 where a.item_id = :item and a.kind = 'USER' and u.active
					on conflict do nothing
					""").param("item", id).update();
		}
		return jdbc.sql("insert into shared_item_recipient (item_id, organisation_id) select :item, organisation_id from ("
				+ AUDIENCE_ORGANISATIONS + ") audience on conflict do nothing")
			.param("item", id)
			.update();
	}

	/** How many audience organisations would receive the item now (before publication: the preview). */
	int audienceSize(UUID id) {
		return jdbc.sql("select count(*) from (" + AUDIENCE_ORGANISATIONS + ") audience")
			.param("item", id).query(Integer.class).single();
	}

	/**
	 * Organisations among the audience and the sources that share everything the item discloses: the sectors
	 * (all of them), the prefecture and the size class, each only when disclosed.
	 */
	int lookAlikes(UUID id, List<String> sectors, @Nullable String prefecture, @Nullable String sizeClass) {
		return jdbc.sql("""
				select count(*) from organisation o
				 where o.id in (select organisation_id from (%s) audience
				                union select organisation_id from shared_item_source where item_id = :item)
				   and (cast(:prefecture as text) is null or o.prefecture = :prefecture)
				   and (cast(:size as text) is null or o.size_class = :size)
				   and (cardinality(:sectors::text[]) = 0
				        or array(select os.sector_code from organisation_sector os where os.organisation_id = o.id)
				           @> :sectors::text[])
				""".formatted(AUDIENCE_ORGANISATIONS))
			.param("item", id).param("prefecture", prefecture).param("size", sizeClass)
			.param("sectors", sectors.toArray(String[]::new))
			.query(Integer.class).single();
	}

	void publish(UUID id, UUID by, Instant now, @Nullable String approvalOverride, @Nullable String guardOverride) {
		jdbc.sql("""
				update shared_item set status = 'PUBLISHED', published_at = :now, published_by = :by, updated_at = :now,
				       approval_override_reason = :approvalOverride, guard_override_reason = :guardOverride
				 where id = :id
				""")
			.param("id", id).param("by", by).param("now", Timestamp.from(now))
			.param("approvalOverride", approvalOverride).param("guardOverride", guardOverride)
			.update();
	}

	/** Tells every node (LISTEN {@value #CHANNEL}) that recipients have a new item; PostgreSQL sends it at commit. */
	void notifyPublished(UUID id) {
		DatabaseNotifications.notify(jdbc, CHANNEL, id);
	}

	/** The PostgreSQL notification channel publications are announced on. */
	static final String CHANNEL = "kakehashi_sharing";

	void withdraw(UUID id, String reason, Instant now) {
		jdbc.sql("""
				update shared_item set status = 'WITHDRAWN', withdrawn_at = :now, withdrawn_reason = :reason, updated_at = :now
				 where id = :id
				""")
			.param("id", id).param("reason", reason).param("now", Timestamp.from(now))
			.update();
	}

	/** The item, if the viewer may see it. */
	Optional<SharedItem> find(UUID id, Viewer viewer) {
		return ItemVisibility.bind(jdbc.sql("select i.* from shared_item i where i.id = :id and " + ItemVisibility.VISIBLE),
				viewer)
			.param("id", id)
			.query(this::row)
			.optional()
			.map(this::withDetails);
	}

	/** The item without a visibility check or lock: for the platform's own listeners. */
	Optional<SharedItem> get(UUID id) {
		return jdbc.sql("select i.* from shared_item i where i.id = :id")
			.param("id", id)
			.query(this::row)
			.optional()
			.map(this::withDetails);
	}

	/** The item locked for a change, without a visibility check: callers have checked who may change it. */
	Optional<SharedItem> lock(UUID id) {
		return jdbc.sql("select i.* from shared_item i where i.id = :id for update")
			.param("id", id)
			.query(this::row)
			.optional()
			.map(this::withDetails);
	}

	/** Items the viewer's hub wrote, newest change first. */
	List<SharedItem> ofHub(Viewer viewer, @Nullable ItemStatus status, int offset, int limit) {
		return jdbc.sql("""
				select i.* from shared_item i
				 where i.hub_organisation_id = :viewerOrg and (cast(:status as text) is null or i.status = :status)
				 order by i.updated_at desc, i.id desc offset :offset limit :limit
				""")
			.param("viewerOrg", viewer.organisationId()).param("status", status == null ? null : status.name())
			.param("offset", offset).param("limit", limit)
			.query(this::row)
			.list()
			.stream().map(this::withDetails).toList();
	}

	int countOfHub(Viewer viewer, @Nullable ItemStatus status) {
		return jdbc.sql("""
				select count(*) from shared_item i
				 where i.hub_organisation_id = :viewerOrg and (cast(:status as text) is null or i.status = :status)
				""")
			.param("viewerOrg", viewer.organisationId()).param("status", status == null ? null : status.name())
			.query(Integer.class).single();
	}

	/** Items awaiting the viewer's organisation's decision as a source. */
	List<SharedItem> awaitingSource(Viewer viewer) {
		return jdbc.sql("""
				select i.* from shared_item i
				 where i.status = 'AWAITING_APPROVAL'
				   and exists (select 1 from shared_item_source s where s.item_id = i.id and s.organisation_id = :org)
				 order by i.updated_at desc limit 200
				""")
			.param("org", viewer.organisationId())
			.query(this::row)
			.list()
			.stream().map(this::withDetails).toList();
	}

	private SharedItem withDetails(Row row) {
		var observables = jdbc.sql("select type, value, role from shared_item_observable where item_id = :id order by position")
			.param("id", row.id())
			.query((rs, n) -> new ItemObservable(ObservableType.valueOf(rs.getString("type")), rs.getString("value"),
					ItemObservable.Role.valueOf(rs.getString("role"))))
			.list();
		var audience = jdbc.sql("select kind, ref from shared_item_audience where item_id = :id order by kind, ref")
			.param("id", row.id())
			.query((rs, n) -> new AudienceEntry(AudienceKind.valueOf(rs.getString("kind")), rs.getString("ref")))
			.list();
		var sources = jdbc.sql("select report_id, organisation_id from shared_item_source where item_id = :id order by report_id")
			.param("id", row.id())
			.query((rs, n) -> new SharedItem.Source(rs.getObject("report_id", UUID.class),
					rs.getObject("organisation_id", UUID.class)))
			.list();
		var content = new ItemContent(row.title(), row.body(), row.analysis(), row.countermeasures(), row.language(),
				row.tlp(), row.disclosedSectors(), row.disclosedPrefecture(), row.disclosedSizeClass(), observables,
				audience);
		return new SharedItem(row.id(), row.number(), row.hub(), row.createdBy(), row.status(), content,
				row.revision(), row.approvedRevision(), row.approvalOverride(), row.guardOverride(), row.createdAt(),
				row.updatedAt(), row.publishedAt(), row.withdrawnAt(), row.withdrawnReason(), sources);
	}

	private record Row(UUID id, String number, UUID hub, UUID createdBy, ItemStatus status, Tlp tlp, String language,
			String title, String body, String analysis, String countermeasures, List<String> disclosedSectors,
			@Nullable String disclosedPrefecture, @Nullable String disclosedSizeClass, int revision,
			@Nullable Integer approvedRevision, @Nullable String approvalOverride, @Nullable String guardOverride,
			Instant createdAt, Instant updatedAt, @Nullable Instant publishedAt, @Nullable Instant withdrawnAt,
			@Nullable String withdrawnReason) {
	}

	private Row row(ResultSet rs, int n) throws SQLException {
		var approved = rs.getInt("approved_revision");
		return new Row(rs.getObject("id", UUID.class), rs.getString("number"),
				rs.getObject("hub_organisation_id", UUID.class), rs.getObject("created_by", UUID.class),
				ItemStatus.valueOf(rs.getString("status")), Tlp.valueOf(rs.getString("tlp")), rs.getString("language"),
				rs.getString("title"), rs.getString("body"), rs.getString("analysis"), rs.getString("countermeasures"),
				List.of((String[]) rs.getArray("disclosed_sectors").getArray()), rs.getString("disclosed_prefecture"),
				rs.getString("disclosed_size_class"), rs.getInt("revision"), rs.wasNull() ? null : approved,
				rs.getString("approval_override_reason"), rs.getString("guard_override_reason"),
				instant(rs, "created_at"), instant(rs, "updated_at"), instantOrNull(rs, "published_at"),
				instantOrNull(rs, "withdrawn_at"), rs.getString("withdrawn_reason"));
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		return rs.getTimestamp(column).toInstant();
	}

	private static @Nullable Instant instantOrNull(ResultSet rs, String column) throws SQLException {
		var ts = rs.getTimestamp(column);
		return ts == null ? null : ts.toInstant();
	}

	void recordRedaction(UUID id, String field, SharedItems.RedactionDecision d, UUID by, Instant now) {
		jdbc.sql("""
				insert into shared_item_redaction (item_id, field, suggestion_id, category, original, replacement, decision,
				                                   decided_by, decided_at)
				values (:id, :field, :suggestion, :category, :original, :replacement, :decision, :by, :now)
				on conflict (item_id, field, suggestion_id) do update set decision = excluded.decision,
				       decided_by = excluded.decided_by, decided_at = excluded.decided_at
				""")
			.param("id", id).param("field", field).param("suggestion", d.suggestionId()).param("category", d.category())
			.param("original", d.original()).param("replacement", d.replacement())
			.param("decision", d.accepted() ? "ACCEPTED" : "REJECTED").param("by", by).param("now", Timestamp.from(now))
			.update();
	}

	/** Read marks: first read per user; returns whether this was the first. */
	boolean markRead(UUID id, Viewer viewer, Instant now) {
		return jdbc.sql("""
				insert into shared_item_read (item_id, user_id, organisation_id, first_read_at) values (:id, :user, :org, :now)
				on conflict do nothing
				""")
			.param("id", id).param("user", viewer.userId()).param("org", viewer.organisationId())
			.param("now", Timestamp.from(now))
			.update() == 1;
	}

	@Nullable Instant readAt(UUID id, UUID userId) {
		return jdbc.sql("select first_read_at from shared_item_read where item_id = :id and user_id = :user")
			.param("id", id).param("user", userId)
			.query((rs, n) -> rs.getTimestamp(1).toInstant())
			.optional().orElse(null);
	}

	/** Names for the audience lines, for the hub's own view. */
	Map<String, String> audienceLabels(List<AudienceEntry> audience) {
		var labels = new LinkedHashMap<String, String>();
		var ids = new ArrayList<String>();
		for (var a : audience) {
			if (a.kind() == AudienceKind.GROUP || a.kind() == AudienceKind.ORGANISATION || a.kind() == AudienceKind.USER) {
				ids.add(a.ref());
			}
		}
		if (!ids.isEmpty()) {
			jdbc.sql("""
					select id::text as id, name from member_group where id::text = any(:ids)
					union all select id::text, name from organisation where id::text = any(:ids)
					union all select id::text, display_name from app_user where id::text = any(:ids)
					""")
				.param("ids", ids.toArray(String[]::new))
				.query(rs -> {
					labels.put(rs.getString("id"), rs.getString("name"));
				});
		}
		return labels;
	}
}
