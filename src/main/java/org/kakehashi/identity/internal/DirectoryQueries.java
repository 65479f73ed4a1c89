package org.kakehashi.identity.internal;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.kakehashi.identity.Directory;
import org.kakehashi.identity.OrganisationType;
import org.kakehashi.identity.Role;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The identity module's read-only view for other modules. */
@Component
class DirectoryQueries implements Directory {

	private static final String SELECT = """
			select o.id, o.name, o.name_en, o.type,
			       coalesce((select array_agg(s.sector_code order by s.sector_code) from organisation_sector s
			                 where s.organisation_id = o.id), '{}') as sectors
			from organisation o
			""";

	private final JdbcClient jdbc;

	DirectoryQueries(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public Optional<OrganisationRef> organisation(UUID id) {
		return jdbc.sql(SELECT + " where o.id = :id").param("id", id).query(DirectoryQueries::map).optional();
	}

	@Override
	public Map<UUID, OrganisationRef> organisations(Collection<UUID> ids) {
		if (ids.isEmpty()) {
			return Map.of();
		}
		return jdbc.sql(SELECT + " where o.id = any(:ids)")
			.param("ids", ids.toArray(UUID[]::new))
			.query(DirectoryQueries::map)
			.list()
			.stream()
			.collect(Collectors.toMap(OrganisationRef::id, Function.identity()));
	}

	@Override
	public List<OrganisationRef> organisationsOfType(OrganisationType type, Collection<String> sectors) {
		return jdbc.sql(SELECT + """
				 where o.type = :type
				   and (cardinality(:sectors::text[]) = 0 or exists (select 1 from organisation_sector s
				        where s.organisation_id = o.id and s.sector_code = any(:sectors::text[])))
				 order by o.name
				""")
			.param("type", type.name())
			.param("sectors", sectors.toArray(String[]::new))
			.query(DirectoryQueries::map)
			.list();
	}

	@Override
	public List<SectorRef> sectors() {
		return jdbc.sql("select code, name_ja, name_en from sector order by position")
			.query((rs, n) -> new SectorRef(rs.getString("code"), rs.getString("name_ja"), rs.getString("name_en")))
			.list();
	}

	@Override
	public List<Contact> contacts(UUID organisationId, Set<Role> roles) {
		return jdbc.sql("""
				select u.id, u.email, u.display_name, u.locale from app_user u
				where u.organisation_id = :org and u.active
				  and exists (select 1 from user_role r where r.user_id = u.id and r.role = any(:roles::text[]))
				order by u.email
				""")
			.param("org", organisationId)
			.param("roles", roles.stream().map(Role::name).toArray(String[]::new))
			.query((rs, n) -> new Contact(rs.getObject("id", UUID.class), rs.getString("email"),
					rs.getString("display_name"), rs.getString("locale")))
			.list();
	}

	@Override
	public List<OrganisationRef> allOrganisations() {
		return jdbc.sql(SELECT + " order by o.name").query(DirectoryQueries::map).list();
	}

	@Override
	public List<GroupRef> groups() {
		return jdbc.sql("select id, name, kind from member_group order by name")
			.query((rs, n) -> new GroupRef(rs.getObject("id", UUID.class), rs.getString("name"), rs.getString("kind")))
			.list();
	}

	@Override
	public boolean groupExists(UUID groupId) {
		return jdbc.sql("select exists (select 1 from member_group where id = :id)").param("id", groupId).query(Boolean.class).single();
	}

	@Override
	public Set<UUID> groupsOf(UUID organisationId) {
		return Set.copyOf(jdbc.sql("select group_id from group_membership where organisation_id = :org")
			.param("org", organisationId)
			.query(UUID.class)
			.list());
	}

	private static OrganisationRef map(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
		return new OrganisationRef(rs.getObject("id", UUID.class), rs.getString("name"), rs.getString("name_en"),
				OrganisationType.valueOf(rs.getString("type")), List.of((String[]) rs.getArray("sectors").getArray()));
	}
}
