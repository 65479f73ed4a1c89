package org.kakehashi.identity.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.kakehashi.platform.Ids;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** CEPTOARs, SIGs and sharing groups, and which organisations belong to them. */
@Repository
public class Groups {

	public enum Kind {
		CEPTOAR, SIG, SHARING_GROUP
	}

	public record Group(UUID id, String name, Kind kind, @Nullable String sectorCode, @Nullable String description,
			boolean requiresNda, long members) {
	}

	public record Membership(UUID groupId, UUID organisationId, String organisationName, @Nullable LocalDate ndaAcceptedOn,
			Instant joinedAt) {
	}

	private final JdbcClient jdbc;
	private final Clock clock;

	Groups(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	public Group create(String name, Kind kind, @Nullable String sectorCode, @Nullable String description, boolean requiresNda) {
		var id = Ids.newId(clock);
		jdbc.sql("""
				insert into member_group (id, name, kind, sector_code, description, requires_nda, created_at)
				values (:id, :name, :kind, :sector, :description, :nda, :now)
				""")
			.param("id", id)
			.param("name", name.strip())
			.param("kind", kind.name())
			.param("sector", sectorCode)
			.param("description", description)
			.param("nda", requiresNda)
			.param("now", Timestamp.from(Instant.now(clock)))
			.update();
		return byId(id).orElseThrow();
	}

	public Optional<Group> byId(UUID id) {
		return jdbc.sql("""
				select g.*, (select count(*) from group_membership m where m.group_id = g.id) as members
				from member_group g where g.id = :id
				""").param("id", id).query(Group.class).optional();
	}

	public boolean nameTaken(String name) {
		return jdbc.sql("select count(*) from member_group where lower(name) = lower(:name)")
			.param("name", name.strip())
			.query(Long.class)
			.single() > 0;
	}

	public List<Group> all() {
		return jdbc.sql("""
				select g.*, (select count(*) from group_membership m where m.group_id = g.id) as members
				from member_group g order by g.kind, g.name
				""").query(Group.class).list();
	}

	public List<Membership> members(UUID groupId) {
		return jdbc.sql("""
				select m.group_id, m.organisation_id, o.name as organisation_name, m.nda_accepted_on, m.joined_at
				from group_membership m join organisation o on o.id = m.organisation_id
				where m.group_id = :id order by o.name
				""").param("id", groupId).query(Membership.class).list();
	}

	public void addMember(UUID groupId, UUID organisationId, @Nullable LocalDate ndaAcceptedOn) {
		jdbc.sql("""
				insert into group_membership (group_id, organisation_id, nda_accepted_on, joined_at)
				values (:group, :org, :nda, :now)
				on conflict (group_id, organisation_id) do update set nda_accepted_on = excluded.nda_accepted_on
				""")
			.param("group", groupId)
			.param("org", organisationId)
			.param("nda", ndaAcceptedOn)
			.param("now", Timestamp.from(Instant.now(clock)))
			.update();
	}

	public boolean removeMember(UUID groupId, UUID organisationId) {
		return jdbc.sql("delete from group_membership where group_id = :group and organisation_id = :org")
			.param("group", groupId)
			.param("org", organisationId)
			.update() == 1;
	}
}
