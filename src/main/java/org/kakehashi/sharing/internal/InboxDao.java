package org.kakehashi.sharing.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.kakehashi.platform.SqlText;
import org.kakehashi.reporting.ObservableType;
import org.kakehashi.reporting.Viewer;
import org.kakehashi.sharing.Tlp;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The receiving side in SQL: inbox rows, read marks, feedback, the CEPTOAR relay and the public pages. */
@Repository
class InboxDao {

	/** {@link ItemVisibility#RECEIVED} for the user in the row aliased {@code t} instead of a bound viewer. */
	static final String RECEIVED_BY_ROW = ItemVisibility.RECEIVED.replace(":viewerOrg", "t.organisation_id")
		.replace(":viewerUser", "t.id");

	private static final String INBOX_FROM = """
			 from shared_item i
			 join organisation h on h.id = i.hub_organisation_id
			 left join shared_item_read mine on mine.item_id = i.id and mine.user_id = :viewerUser
			where %s
			  and (cast(:tlp as text) is null or i.tlp = :tlp)
			  and (not :unread or mine.item_id is null)
			  and (cast(:withdrawn as text) is null
			       or (:withdrawn = 'ONLY' and i.status = 'WITHDRAWN')
			       or (:withdrawn = 'EXCLUDE' and i.status = 'PUBLISHED'))
			  and (cast(:from as timestamptz) is null or i.published_at >= :from)
			  and (cast(:to as timestamptz) is null or i.published_at < :to)
			  and (cast(:q as text) is null or i.title ilike :q or i.body ilike :q or i.number ilike :q)
			""".formatted(ItemVisibility.RECEIVED);

	private final JdbcClient jdbc;

	InboxDao(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	List<InboxEntry> inbox(Viewer viewer, InboxQuery query, int offset, int limit) {
		return filters(ItemVisibility.bind(jdbc.sql("""
				select i.id, i.number, i.tlp, i.title, i.status, i.published_at, i.withdrawn_at,
				       h.id as hub_id, h.name as hub_name, h.name_en as hub_name_en, mine.first_read_at as read_by_me,
				       (select min(o.first_read_at) from shared_item_read o
				         where o.item_id = i.id and o.organisation_id = :viewerOrg) as read_by_organisation
				""" + INBOX_FROM + " order by i.published_at desc, i.id desc offset :offset limit :limit"), viewer), query)
			.param("offset", offset).param("limit", limit)
			.query(InboxDao::entry)
			.list();
	}

	long countInbox(Viewer viewer, InboxQuery query) {
		return filters(ItemVisibility.bind(jdbc.sql("select count(*)" + INBOX_FROM), viewer), query)
			.query(Long.class).single();
	}

	private static JdbcClient.StatementSpec filters(JdbcClient.StatementSpec spec, InboxQuery q) {
		return spec.param("tlp", q.tlp() == null ? null : q.tlp().name())
			.param("unread", q.unreadOnly())
			.param("withdrawn", q.withdrawn() == InboxQuery.Withdrawn.INCLUDE ? null : q.withdrawn().name())
			.param("from", q.from() == null ? null : Timestamp.from(q.from()))
			.param("to", q.to() == null ? null : Timestamp.from(q.to()))
			.param("q", q.text() == null ? null : SqlText.containing(q.text()));
	}

	/** Published (not withdrawn) items the viewer received and has not opened. */
	int unreadCount(Viewer viewer) {
		return ItemVisibility.bind(jdbc.sql("""
				select count(*) from shared_item i
				 where i.status = 'PUBLISHED' and %s
				   and not exists (select 1 from shared_item_read rd where rd.item_id = i.id and rd.user_id = :viewerUser)
				""".formatted(ItemVisibility.RECEIVED)), viewer)
			.query(Integer.class).single();
	}

	/** Whether the viewer received the item (their organisation, or them by name for RED). */
	boolean received(Viewer viewer, UUID id) {
		return ItemVisibility.bind(jdbc.sql("select exists (select 1 from shared_item i where i.id = :id and "
				+ ItemVisibility.RECEIVED + ")"), viewer)
			.param("id", id).query(Boolean.class).single();
	}

	/** The item's hub, its number and whether the viewer received it, if the viewer may see it at all. */
	Optional<ItemAccess> access(Viewer viewer, UUID id) {
		return ItemVisibility.bind(jdbc.sql("select i.hub_organisation_id, i.number, " + ItemVisibility.RECEIVED
				+ " as received from shared_item i where i.id = :id and " + ItemVisibility.VISIBLE), viewer)
			.param("id", id)
			.query((rs, n) -> new ItemAccess(rs.getObject(1, UUID.class), rs.getString(2), rs.getBoolean(3)))
			.optional();
	}

	record ItemAccess(UUID hubOrganisationId, String number, boolean received) {
	}

	boolean markRead(Viewer viewer, UUID id, Instant now) {
		return ItemVisibility.bind(jdbc.sql("""
				insert into shared_item_read (item_id, user_id, organisation_id, first_read_at)
				select i.id, :viewerUser, :viewerOrg, :now from shared_item i where i.id = :id and %s
				on conflict do nothing
				""".formatted(ItemVisibility.RECEIVED)), viewer)
			.param("id", id).param("now", Timestamp.from(now))
			.update() == 1;
	}

	int markAllRead(Viewer viewer, Instant now) {
		return ItemVisibility.bind(jdbc.sql("""
				insert into shared_item_read (item_id, user_id, organisation_id, first_read_at)
				select i.id, :viewerUser, :viewerOrg, :now from shared_item i where %s
				on conflict do nothing
				""".formatted(ItemVisibility.RECEIVED)), viewer)
			.param("now", Timestamp.from(now))
			.update();
	}

	/**
	 * Of the connected users, those who received the item, each with their unread count; with the item's number
	 * and title for the toast. One query per notification, whatever the number of connected users.
	 */
	List<Arrival> arrivals(UUID itemId, Collection<UUID> connectedUsers) {
		return jdbc.sql("""
				select t.id as user_id, i.number, i.title,
				       (select count(*) from shared_item i where i.status = 'PUBLISHED' and %s
				           and not exists (select 1 from shared_item_read rd where rd.item_id = i.id and rd.user_id = t.id))
				         as unread
				  from app_user t
				  join shared_item i on i.id = :item and i.status = 'PUBLISHED'
				 where t.id = any(:users) and t.active and %s
				""".formatted(RECEIVED_BY_ROW, RECEIVED_BY_ROW))
			.param("item", itemId).param("users", connectedUsers.toArray(UUID[]::new))
			.query((rs, n) -> new Arrival(rs.getObject("user_id", UUID.class), rs.getInt("unread"),
					rs.getString("number"), rs.getString("title")))
			.list();
	}

	void insertFeedback(UUID id, UUID itemId, Viewer viewer, String body, Instant now) {
		jdbc.sql("""
				insert into shared_item_feedback (id, item_id, organisation_id, user_id, body, created_at)
				values (:id, :item, :org, :user, :body, :now)
				""")
			.param("id", id).param("item", itemId).param("org", viewer.organisationId()).param("user", viewer.userId())
			.param("body", body).param("now", Timestamp.from(now))
			.update();
	}

	/** Feedback on the item, oldest first; only one organisation's when {@code onlyOrganisation} is given. */
	List<Feedback> feedback(UUID itemId, @Nullable UUID onlyOrganisation) {
		return jdbc.sql("""
				select f.id, f.organisation_id, o.name, o.name_en, u.display_name, f.body, f.created_at
				  from shared_item_feedback f
				  join organisation o on o.id = f.organisation_id
				  join app_user u on u.id = f.user_id
				 where f.item_id = :item and (cast(:only as uuid) is null or f.organisation_id = :only)
				 order by f.created_at, f.id
				""")
			.param("item", itemId).param("only", onlyOrganisation)
			.query((rs, n) -> new Feedback(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3),
					rs.getString(4), rs.getString(5), rs.getString(6), rs.getTimestamp(7).toInstant()))
			.list();
	}

	/** Whether the viewer's organisation is a CEPTOAR that belongs to a CEPTOAR group. */
	boolean ceptoarMember(Viewer viewer) {
		return jdbc.sql("""
				select exists (select 1 from organisation o
				                 join group_membership m on m.organisation_id = o.id
				                 join member_group g on g.id = m.group_id and g.kind = 'CEPTOAR'
				                where o.id = :org and o.type = 'CEPTOAR')
				""").param("org", viewer.organisationId()).query(Boolean.class).single();
	}

	/**
	 * Of these items, which organisations of the viewer's CEPTOAR groups also received them, with their first
	 * read. Organisations outside the audience have no recipient row and are not listed.
	 */
	Map<UUID, List<RelayItem.Member>> relayMembers(Viewer viewer, List<UUID> items) {
		var members = new LinkedHashMap<UUID, List<RelayItem.Member>>();
		if (items.isEmpty()) {
			return members;
		}
		jdbc.sql("""
				select r.item_id, o.id, o.name, o.name_en,
				       (select min(rd.first_read_at) from shared_item_read rd
				         where rd.item_id = r.item_id and rd.organisation_id = o.id) as first_read_at
				  from shared_item_recipient r
				  join organisation o on o.id = r.organisation_id
				 where r.item_id = any(:items) and r.organisation_id <> :org
				   and r.organisation_id in (select m.organisation_id from group_membership m
				                               join member_group g on g.id = m.group_id and g.kind = 'CEPTOAR'
				                               join group_membership mine on mine.group_id = g.id and mine.organisation_id = :org)
				 order by r.item_id, o.name
				""")
			.param("items", items.toArray(UUID[]::new)).param("org", viewer.organisationId())
			.query(rs -> {
				members.computeIfAbsent(rs.getObject(1, UUID.class), k -> new ArrayList<>())
					.add(new RelayItem.Member(rs.getObject(2, UUID.class), rs.getString(3), rs.getString(4),
							SqlText.instant(rs, "first_read_at")));
			});
		return members;
	}

	List<PublicItem> publicItems(int offset, int limit) {
		return jdbc.sql("""
				select i.id, i.number, i.title, i.body, i.analysis, i.countermeasures, i.language, i.published_at,
				       h.name as hub_name, h.name_en as hub_name_en
				  from shared_item i join organisation h on h.id = i.hub_organisation_id
				 where %s
				 order by i.published_at desc, i.id desc offset :offset limit :limit
				""".formatted(ItemVisibility.PUBLIC))
			.param("offset", offset).param("limit", limit)
			.query((rs, n) -> publicItem(rs, List.of()))
			.list();
	}

	long countPublic() {
		return jdbc.sql("select count(*) from shared_item i where " + ItemVisibility.PUBLIC).query(Long.class).single();
	}

	Optional<PublicItem> publicItem(UUID id) {
		var observables = jdbc.sql("""
				select o.type, o.value from shared_item_observable o join shared_item i on i.id = o.item_id
				 where o.item_id = :id and o.role = 'ATTACKER' and %s order by o.position
				""".formatted(ItemVisibility.PUBLIC))
			.param("id", id)
			.query((rs, n) -> new ItemObservable(ObservableType.valueOf(rs.getString(1)), rs.getString(2),
					ItemObservable.Role.ATTACKER))
			.list();
		return jdbc.sql("""
				select i.id, i.number, i.title, i.body, i.analysis, i.countermeasures, i.language, i.published_at,
				       h.name as hub_name, h.name_en as hub_name_en
				  from shared_item i join organisation h on h.id = i.hub_organisation_id
				 where i.id = :id and %s
				""".formatted(ItemVisibility.PUBLIC))
			.param("id", id)
			.query((rs, n) -> publicItem(rs, observables))
			.optional();
	}

	private static PublicItem publicItem(ResultSet rs, List<ItemObservable> observables) throws SQLException {
		return new PublicItem(rs.getObject("id", UUID.class), rs.getString("number"), rs.getString("title"),
				rs.getString("body"), rs.getString("analysis"), rs.getString("countermeasures"), rs.getString("language"),
				rs.getTimestamp("published_at").toInstant(), rs.getString("hub_name"), rs.getString("hub_name_en"),
				observables);
	}

	private static InboxEntry entry(ResultSet rs, int n) throws SQLException {
		return new InboxEntry(rs.getObject("id", UUID.class), rs.getString("number"), Tlp.valueOf(rs.getString("tlp")),
				rs.getString("title"), rs.getObject("hub_id", UUID.class), rs.getString("hub_name"),
				rs.getString("hub_name_en"), rs.getTimestamp("published_at").toInstant(),
				"WITHDRAWN".equals(rs.getString("status")), SqlText.instant(rs, "withdrawn_at"),
				SqlText.instant(rs, "read_by_me"), SqlText.instant(rs, "read_by_organisation"));
	}
}
