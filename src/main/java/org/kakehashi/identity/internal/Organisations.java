package org.kakehashi.identity.internal;

import org.kakehashi.platform.Page;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.kakehashi.identity.OrganisationType;
import org.kakehashi.platform.Ids;
import org.kakehashi.platform.SqlText;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class Organisations {

	private static final String SELECT = """
			select o.*, coalesce(array(select s.sector_code from organisation_sector s where s.organisation_id = o.id
			                           order by s.sector_code), '{}') as sector_codes
			from organisation o
			""";

	private final JdbcClient jdbc;
	private final Clock clock;

	Organisations(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	public record Draft(String name, @Nullable String nameEn, OrganisationType type,
			Organisation.@Nullable SizeClass sizeClass, @Nullable String prefecture, boolean requireMfa,
			List<String> sectorCodes) {
	}

	public Organisation create(Draft draft) {
		var id = Ids.newId(clock);
		var now = Timestamp.from(Instant.now(clock));
		jdbc.sql("""
				insert into organisation (id, name, name_en, type, size_class, prefecture, require_mfa, created_at, updated_at)
				values (:id, :name, :nameEn, :type, :size, :prefecture, :mfa, :now, :now)
				""")
			.param("id", id)
			.param("name", draft.name())
			.param("nameEn", draft.nameEn())
			.param("type", draft.type().name())
			.param("size", draft.sizeClass() == null ? null : draft.sizeClass().name())
			.param("prefecture", draft.prefecture())
			.param("mfa", draft.requireMfa())
			.param("now", now)
			.update();
		replaceSectors(id, draft.sectorCodes());
		return byId(id).orElseThrow();
	}

	public Organisation update(UUID id, Draft draft) {
		jdbc.sql("""
				update organisation set name = :name, name_en = :nameEn, type = :type, size_class = :size,
				       prefecture = :prefecture, require_mfa = :mfa, updated_at = :now
				where id = :id
				""")
			.param("id", id)
			.param("name", draft.name())
			.param("nameEn", draft.nameEn())
			.param("type", draft.type().name())
			.param("size", draft.sizeClass() == null ? null : draft.sizeClass().name())
			.param("prefecture", draft.prefecture())
			.param("mfa", draft.requireMfa())
			.param("now", Timestamp.from(Instant.now(clock)))
			.update();
		replaceSectors(id, draft.sectorCodes());
		return byId(id).orElseThrow();
	}

	private void replaceSectors(UUID id, List<String> sectorCodes) {
		jdbc.sql("delete from organisation_sector where organisation_id = :id").param("id", id).update();
		jdbc.sql("insert into organisation_sector (organisation_id, sector_code) select :id, unnest(:codes::text[])")
			.param("id", id)
			.param("codes", sectorCodes.toArray(String[]::new))
			.update();
	}

	public Optional<Organisation> byId(UUID id) {
		return jdbc.sql(SELECT + " where o.id = :id").param("id", id).query(Organisations::map).optional();
	}

	public Optional<Organisation> byName(String name) {
		return jdbc.sql(SELECT + " where lower(o.name) = lower(:name)").param("name", name).query(Organisations::map).optional();
	}

	public boolean nameTaken(String name, @Nullable UUID except) {
		return jdbc.sql("select count(*) from organisation where lower(name) = lower(:name) and id is distinct from :except")
			.param("name", name.strip())
			.param("except", except)
			.query(Long.class)
			.single() > 0;
	}

	public long count() {
		return jdbc.sql("select count(*) from organisation").query(Long.class).single();
	}

	public List<Organisation> all() {
		return within(null);
	}

	/**
	 * One page of organisations matching the filters. {@code scope} limits the result to that one
	 * organisation (what everyone but platform administrators may see); null means all.
	 */
	public Page<Organisation> search(@Nullable UUID scope, @Nullable String text, @Nullable OrganisationType type,
			@Nullable String sector, int page, int size) {
		var where = new StringBuilder(" where (cast(:scope as uuid) is null or o.id = :scope)");
		var params = new HashMap<String, Object>();
		params.put("scope", scope);
		if (text != null && !text.isBlank()) {
			where.append(" and (o.name ilike :text or o.name_en ilike :text or o.prefecture ilike :text)");
			params.put("text", SqlText.containing(text));
		}
		if (type != null) {
			where.append(" and o.type = :type");
			params.put("type", type.name());
		}
		if (sector != null && !sector.isBlank()) {
			where.append(" and exists (select 1 from organisation_sector s where s.organisation_id = o.id and s.sector_code = :sector)");
			params.put("sector", sector);
		}
		long total = jdbc.sql("select count(*) from organisation o" + where).params(params).query(Long.class).single();
		params.put("limit", size);
		params.put("offset", (long) page * size);
		var items = jdbc.sql(SELECT + where + " order by o.name limit :limit offset :offset")
			.params(params)
			.query(Organisations::map)
			.list();
		return new Page<>(items, page, size, total);
	}

	/** The organisation, if it exists and lies within {@code scope} (null: no limit). */
	public Optional<Organisation> byIdWithin(UUID id, @Nullable UUID scope) {
		return jdbc.sql(SELECT + " where o.id = :id and (cast(:scope as uuid) is null or o.id = :scope)")
			.param("id", id)
			.param("scope", scope)
			.query(Organisations::map)
			.optional();
	}

	/** Every organisation within {@code scope} (null: all), by name. */
	public List<Organisation> within(@Nullable UUID scope) {
		return jdbc.sql(SELECT + " where (cast(:scope as uuid) is null or o.id = :scope) order by o.name")
			.param("scope", scope)
			.query(Organisations::map)
			.list();
	}

	static Organisation map(ResultSet rs, int row) throws SQLException {
		var size = rs.getString("size_class");
		var sectors = (String[]) rs.getArray("sector_codes").getArray();
		return new Organisation(rs.getObject("id", UUID.class), rs.getString("name"), rs.getString("name_en"),
				OrganisationType.valueOf(rs.getString("type")), size == null ? null : Organisation.SizeClass.valueOf(size),
				rs.getString("prefecture"), rs.getBoolean("require_mfa"), Arrays.asList(sectors),
				rs.getTimestamp("created_at").toInstant());
	}
}
