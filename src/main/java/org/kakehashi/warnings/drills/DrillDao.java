package org.kakehashi.warnings.drills;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.kakehashi.platform.SqlText;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for reachability drills and their hops. Callers hold the transaction. */
@Repository
class DrillDao {

	private static final String DRILL_COLUMNS = """
			d.id, d.number, d.sender_organisation_id, d.title, d.message_ja, d.message_en, d.status, d.created_at,
			d.started_at, d.closed_at, d.deadline
			""";

	/** Organisation types a drill never reaches as an operator: they relay, they are not the end of a chain. */
	private static final String NOT_A_RELAY = "m.type not in ('SECTOR_MINISTRY', 'CEPTOAR', 'NATIONAL_CENTRE')";

	private final JdbcClient jdbc;

	DrillDao(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	String nextNumber(int year) {
		var next = jdbc.sql("""
				insert into drill_number (year, last) values (:year, 1)
				on conflict (year) do update set last = drill_number.last + 1
				returning last
				""").param("year", year).query(Integer.class).single();
		return "DR-%d-%04d".formatted(year, next);
	}

	void insert(UUID id, String number, UUID sender, UUID by, String title, String messageJa, String messageEn,
			Instant now, Instant deadline) {
		jdbc.sql("""
				insert into drill (id, number, sender_organisation_id, created_by, title, message_ja, message_en, status,
				                   created_at, started_at, deadline)
				values (:id, :number, :sender, :by, :title, :messageJa, :messageEn, 'RUNNING', :now, :now, :deadline)
				""")
			.param("id", id).param("number", number).param("sender", sender).param("by", by).param("title", title)
			.param("messageJa", messageJa).param("messageEn", messageEn).param("now", Timestamp.from(now))
			.param("deadline", Timestamp.from(deadline))
			.update();
	}

	Optional<Drill> find(UUID id) {
		return jdbc.sql("select " + DRILL_COLUMNS + " from drill d where d.id = :id").param("id", id)
			.query(DrillDao::drill).optional();
	}

	Optional<Drill> lock(UUID id) {
		return jdbc.sql("select " + DRILL_COLUMNS + " from drill d where d.id = :id for update").param("id", id)
			.query(DrillDao::drill).optional();
	}

	void close(UUID id, UUID by, Instant now) {
		jdbc.sql("update drill set status = 'CLOSED', closed_at = :now, closed_by = :by where id = :id")
			.param("id", id).param("by", by).param("now", Timestamp.from(now)).update();
	}

	/** Drills the organisation started (when {@code sender}) or was reached by, newest first. */
	List<Drill> mine(UUID organisationId, boolean sender, int limit) {
		return jdbc.sql("select " + DRILL_COLUMNS + """
				  from drill d
				 where (:sender and d.sender_organisation_id = :organisation)
				    or exists (select 1 from drill_hop h where h.drill_id = d.id and h.to_organisation_id = :organisation)
				 order by d.created_at desc
				 limit :limit
				""")
			.param("organisation", organisationId).param("sender", sender).param("limit", limit)
			.query(DrillDao::drill).list();
	}

	/** The existing ministries among {@code ids}, or every ministry when {@code ids} is empty. */
	List<UUID> ministries(List<UUID> ids) {
		return jdbc.sql("""
				select id from organisation
				 where type = 'SECTOR_MINISTRY' and (cardinality(:ids::uuid[]) = 0 or id = any (:ids::uuid[]))
				 order by name
				""")
			.param("ids", ids.toArray(UUID[]::new)).query(UUID.class).list();
	}

	/** Sends the drill from the centre to the ministries (level 0); returns the organisations reached. */
	List<UUID> sendToMinistries(UUID drillId, UUID centre, List<UUID> ministries, Instant now) {
		return jdbc.sql("""
				insert into drill_hop (drill_id, to_organisation_id, from_organisation_id, level, path, sent_at)
				select :drill::uuid, m, :centre::uuid, 0, array[:centre::uuid, m], :now::timestamptz from unnest(:ministries::uuid[]) m
				on conflict do nothing
				returning to_organisation_id
				""")
			.param("drill", drillId).param("centre", centre).param("ministries", ministries.toArray(UUID[]::new))
			.param("now", Timestamp.from(now))
			.query(UUID.class).list();
	}

	/** The hop that reached the organisation, locked. */
	Optional<HopRow> lockHop(UUID drillId, UUID organisationId) {
		return jdbc.sql("""
				select h.*, o.type as to_type from drill_hop h join organisation o on o.id = h.to_organisation_id
				 where h.drill_id = :drill and h.to_organisation_id = :organisation for update of h
				""")
			.param("drill", drillId).param("organisation", organisationId)
			.query((rs, n) -> new HopRow(rs.getObject("to_organisation_id", UUID.class), rs.getString("to_type"),
					rs.getInt("level"), SqlText.instant(rs, "confirmed_at"), SqlText.instant(rs, "forwarded_at"),
					rs.getObject("forwarded_count", Integer.class)))
			.optional();
	}

	record HopRow(UUID organisationId, String organisationType, int level, @Nullable Instant confirmedAt,
			@Nullable Instant forwardedAt, @Nullable Integer forwardedCount) {
	}

	boolean hasHop(UUID drillId, UUID organisationId) {
		return jdbc.sql("select exists (select 1 from drill_hop where drill_id = :drill and to_organisation_id = :organisation)")
			.param("drill", drillId).param("organisation", organisationId).query(Boolean.class).single();
	}

	void confirm(UUID drillId, UUID organisationId, UUID by, Instant now) {
		jdbc.sql("""
				update drill_hop set confirmed_at = :now, confirmed_by = :by
				 where drill_id = :drill and to_organisation_id = :organisation and confirmed_at is null
				""")
			.param("drill", drillId).param("organisation", organisationId).param("by", by)
			.param("now", Timestamp.from(now)).update();
	}

	void forwarded(UUID drillId, UUID organisationId, UUID by, int count, Instant now) {
		jdbc.sql("""
				update drill_hop set forwarded_at = :now, forwarded_by = :by, forwarded_count = :count
				 where drill_id = :drill and to_organisation_id = :organisation
				""")
			.param("drill", drillId).param("organisation", organisationId).param("by", by).param("count", count)
			.param("now", Timestamp.from(now)).update();
	}

	/**
	 * A ministry forwards to the CEPTOAR organisations of its sectors (level 1); for a sector of its with no CEPTOAR
	 * organisation, straight to the members of that sector's CEPTOAR groups (level 2). Organisations the drill
	 * already reached are skipped. Returns those newly reached.
	 */
	List<UUID> forwardFromMinistry(UUID drillId, UUID ministry, Instant now) {
		return jdbc.sql("""
				with parent as (select path from drill_hop where drill_id = :drill and to_organisation_id = :ministry),
				     sectors as (select sector_code from organisation_sector where organisation_id = :ministry),
				     ceptoars as (
				         select distinct m.id, 1 as level from organisation m
				           join organisation_sector s on s.organisation_id = m.id
				          where m.type = 'CEPTOAR' and s.sector_code in (select sector_code from sectors)),
				     direct as (
				         select distinct m.id, 2 as level from organisation m
				           join group_membership gm on gm.organisation_id = m.id
				           join member_group g on g.id = gm.group_id and g.kind = 'CEPTOAR'
				          where g.sector_code in (select sector_code from sectors)
				            and not exists (select 1 from organisation c join organisation_sector cs on cs.organisation_id = c.id
				                             where c.type = 'CEPTOAR' and cs.sector_code = g.sector_code)
				            and %s)
				insert into drill_hop (drill_id, to_organisation_id, from_organisation_id, level, path, sent_at)
				select :drill::uuid, t.id, :ministry::uuid, t.level, (select path from parent) || t.id, :now::timestamptz
				  from (select * from ceptoars union select * from direct) t
				 where t.id <> :ministry
				on conflict do nothing
				returning to_organisation_id
				""".formatted(NOT_A_RELAY))
			.param("drill", drillId).param("ministry", ministry).param("now", Timestamp.from(now))
			.query(UUID.class).list();
	}

	/**
	 * A CEPTOAR forwards to its member operators: the members of the CEPTOAR groups of its sectors (level 2), never
	 * ministries, CEPTOARs or the centre. Returns those newly reached.
	 */
	List<UUID> forwardFromCeptoar(UUID drillId, UUID ceptoar, Instant now) {
		return jdbc.sql("""
				insert into drill_hop (drill_id, to_organisation_id, from_organisation_id, level, path, sent_at)
				select distinct :drill::uuid, m.id, :ceptoar::uuid, 2,
				       (select path from drill_hop where drill_id = :drill and to_organisation_id = :ceptoar) || m.id,
				       :now::timestamptz
				  from organisation m
				  join group_membership gm on gm.organisation_id = m.id
				  join member_group g on g.id = gm.group_id and g.kind = 'CEPTOAR'
				 where g.sector_code in (select sector_code from organisation_sector where organisation_id = :ceptoar)
				   and %s
				on conflict do nothing
				returning to_organisation_id
				""".formatted(NOT_A_RELAY))
			.param("drill", drillId).param("ceptoar", ceptoar).param("now", Timestamp.from(now))
			.query(UUID.class).list();
	}

	/**
	 * The hops of a drill: all of them, or ({@code organisation} given) only those to or from that organisation.
	 * Names in the viewer's language; {@code path} as organisation names.
	 */
	List<DrillHop> hops(UUID drillId, @Nullable UUID organisation, boolean english) {
		return jdbc.sql("""
				select h.to_organisation_id, t.name as to_name, t.name_en as to_name_en, t.type as to_type,
				       h.from_organisation_id, f.name as from_name, f.name_en as from_name_en, h.level,
				       array(select coalesce(case when :english then p.name_en end, p.name)
				               from unnest(h.path) with ordinality as x(id, n) join organisation p on p.id = x.id
				              order by x.n) as path_names,
				       h.sent_at, h.confirmed_at, u.display_name as confirmed_by_name, h.forwarded_at, h.forwarded_count,
				       coalesce(h.confirmed_at > d.deadline, false) as late
				  from drill_hop h
				  join drill d on d.id = h.drill_id
				  join organisation t on t.id = h.to_organisation_id
				  join organisation f on f.id = h.from_organisation_id
				  left join app_user u on u.id = h.confirmed_by
				 where h.drill_id = :drill
				   and (cast(:organisation as uuid) is null
				        or h.to_organisation_id = :organisation or h.from_organisation_id = :organisation)
				 order by h.level, h.sent_at, t.name
				""")
			.param("drill", drillId).param("organisation", organisation).param("english", english)
			.query((rs, n) -> new DrillHop(rs.getObject("to_organisation_id", UUID.class),
					name(rs, "to_name", english), rs.getString("to_type"), rs.getObject("from_organisation_id", UUID.class),
					name(rs, "from_name", english), rs.getInt("level"),
					Arrays.asList((String[]) rs.getArray("path_names").getArray()),
					rs.getTimestamp("sent_at").toInstant(), SqlText.instant(rs, "confirmed_at"),
					rs.getString("confirmed_by_name"), SqlText.instant(rs, "forwarded_at"),
					rs.getObject("forwarded_count", Integer.class), rs.getBoolean("late")))
			.list();
	}

	/** Hops addressed to the organisation in running drills that still wait for it (to confirm or to forward). */
	List<PendingHop> pending(UUID organisationId, boolean relays) {
		return jdbc.sql("""
				select d.id, d.number, d.title, d.deadline, h.level, h.sent_at, h.confirmed_at, h.forwarded_at
				  from drill_hop h join drill d on d.id = h.drill_id
				 where h.to_organisation_id = :organisation and d.status = 'RUNNING'
				   and (h.confirmed_at is null or (:relays and h.level < 2 and h.forwarded_at is null))
				 order by h.sent_at
				""")
			.param("organisation", organisationId).param("relays", relays)
			.query((rs, n) -> new PendingHop(rs.getObject("id", UUID.class), rs.getString("number"),
					rs.getString("title"), rs.getTimestamp("deadline").toInstant(), rs.getInt("level"),
					rs.getTimestamp("sent_at").toInstant(), SqlText.instant(rs, "confirmed_at"),
					SqlText.instant(rs, "forwarded_at")))
			.list();
	}

	private static String name(ResultSet rs, String column, boolean english) throws SQLException {
		var en = rs.getString(column + "_en");
		return english && en != null && !en.isBlank() ? en : rs.getString(column);
	}

	static Drill drill(ResultSet rs, int row) throws SQLException {
		return new Drill(rs.getObject("id", UUID.class), rs.getString("number"),
				rs.getObject("sender_organisation_id", UUID.class), rs.getString("title"), rs.getString("message_ja"),
				rs.getString("message_en"), DrillStatus.valueOf(rs.getString("status")),
				rs.getTimestamp("created_at").toInstant(), SqlText.instant(rs, "started_at"),
				SqlText.instant(rs, "closed_at"), rs.getTimestamp("deadline").toInstant());
	}
}
