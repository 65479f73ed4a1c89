package org.kakehashi.intel.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.kakehashi.identity.Role;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * TAXII collections and their grants. What a reader may do is decided in SQL, from the reader's organisation,
 * groups and roles, then narrowed by the credential's scopes.
 */
@Repository
public class Collections {

	/** Binds :org, :orgType, :groups, :roles. */
	private static final String WITH_ACCESS = """
			select c.*,
			       (c.readable_by_all
			        or (c.readable_by_centre and :orgType = 'NATIONAL_CENTRE')
			        or exists (select 1 from intel_collection_grant g
			                   where g.collection_id = c.id and g.can_read
			                     and (g.organisation_id = :org or g.group_id = any(:groups) or g.role = any(:roles::text[]))))
			         as granted_read,
			       exists (select 1 from intel_collection_grant g
			               where g.collection_id = c.id and g.can_write
			                 and (g.organisation_id = :org or g.group_id = any(:groups) or g.role = any(:roles::text[])))
			         as granted_write
			from intel_collection c
			""";

	/** A new collection's data; grants are set separately. */
	public record Draft(String title, @Nullable String description, @Nullable String alias, boolean readableByAll,
			boolean readableByCentre) {
	}

	private final JdbcClient jdbc;
	private final Clock clock;

	Collections(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/** A new collection; {@code createdBy} is null for collections the platform makes itself (warning feeds). */
	public IntelCollection create(Draft draft, @Nullable UUID createdBy) {
		// TAXII identifiers are version-4 UUIDs (not our usual UUIDv7).
		var id = UUID.randomUUID();
		jdbc.sql("""
				insert into intel_collection (id, title, description, alias, readable_by_all, readable_by_centre, created_at, created_by)
				values (:id, :title, :description, :alias, :all, :centre, :now, :by)
				""")
			.param("id", id)
			.param("title", draft.title())
			.param("description", draft.description())
			.param("alias", draft.alias())
			.param("all", draft.readableByAll())
			.param("centre", draft.readableByCentre())
			.param("now", Timestamp.from(Instant.now(clock)))
			.param("by", createdBy)
			.update();
		return byId(id).orElseThrow();
	}

	public Optional<IntelCollection> byId(UUID id) {
		return jdbc.sql("select * from intel_collection where id = :id").param("id", id).query(Collections::map).optional();
	}

	public boolean aliasTaken(String alias) {
		return jdbc.sql("select exists (select 1 from intel_collection where alias = :alias)")
			.param("alias", alias)
			.query(Boolean.class)
			.single();
	}

	/** Every collection, oldest first: for platform administrators. */
	public List<IntelCollection> all() {
		return jdbc.sql("select * from intel_collection order by created_at, id").query(Collections::map).list();
	}

	/** Changes who may read without a grant; false when there is no such collection. */
	public boolean setOpenness(UUID id, boolean readableByAll, boolean readableByCentre) {
		return jdbc.sql("update intel_collection set readable_by_all = :all, readable_by_centre = :centre where id = :id")
			.param("all", readableByAll)
			.param("centre", readableByCentre)
			.param("id", id)
			.update() == 1;
	}

	/** Changes title and description; false when there is no such collection. */
	public boolean describe(UUID id, String title, @Nullable String description) {
		return jdbc.sql("update intel_collection set title = :title, description = :description where id = :id")
			.param("title", title)
			.param("description", description)
			.param("id", id)
			.update() == 1;
	}

	/**
	 * Locks the collection's row to the end of the caller's transaction, so that read-modify-write changes of its
	 * access by two administrators at once cannot lose one; false when there is no such collection.
	 */
	public boolean lock(UUID id) {
		return jdbc.sql("select id from intel_collection where id = :id for no key update")
			.param("id", id)
			.query(UUID.class)
			.optional()
			.isPresent();
	}

	/**
	 * How many objects (last versions) each collection holds, counted up to {@code cap}: a collection of ten million
	 * objects costs no more than one of {@code cap} (the page then says "more than").
	 */
	public java.util.Map<UUID, Long> objectCounts(java.util.Collection<UUID> ids, int cap) {
		var counts = new java.util.HashMap<UUID, Long>();
		if (ids.isEmpty()) {
			return counts;
		}
		jdbc.sql("""
				select c.id, (select count(*) from (select 1 from intel_object o
				                                    where o.collection_id = c.id and o.is_last limit :cap) x) as n
				from unnest(:ids::uuid[]) as c(id)
				""")
			.param("ids", ids.toArray(UUID[]::new))
			.param("cap", cap)
			.query(rs -> {
				counts.put(rs.getObject("id", UUID.class), rs.getLong("n"));
			});
		return counts;
	}

	public List<Grant> grants(UUID collectionId) {
		return jdbc.sql("select * from intel_collection_grant where collection_id = :id order by id")
			.param("id", collectionId)
			.query((rs, n) -> new Grant(rs.getObject("organisation_id", UUID.class), rs.getObject("group_id", UUID.class),
					rs.getString("role") == null ? null : Role.valueOf(rs.getString("role")), rs.getBoolean("can_read"),
					rs.getBoolean("can_write")))
			.list();
	}

	/** Replaces all grants of a collection. */
	public void replaceGrants(UUID collectionId, List<Grant> grants) {
		jdbc.sql("delete from intel_collection_grant where collection_id = :id").param("id", collectionId).update();
		for (var grant : grants) {
			jdbc.sql("""
					insert into intel_collection_grant (collection_id, organisation_id, group_id, role, can_read, can_write)
					values (:collection, :org, :group, :role, :read, :write)
					""")
				.param("collection", collectionId)
				.param("org", grant.organisationId())
				.param("group", grant.groupId())
				.param("role", grant.role() == null ? null : grant.role().name())
				.param("read", grant.canRead())
				.param("write", grant.canWrite())
				.update();
		}
	}

	/** The collections a reader may read or write, in a stable order (oldest first). */
	public List<CollectionAccess> visibleTo(IntelReader reader) {
		return bind(jdbc.sql(WITH_ACCESS + " order by c.created_at, c.id"), reader)
			.query((rs, n) -> access(rs, reader))
			.list()
			.stream()
			.filter(CollectionAccess::visible)
			.toList();
	}

	/**
	 * One collection by id or alias, with the reader's access; empty when it does not exist or the reader may
	 * neither read nor write it (the two are told apart by nobody).
	 */
	public Optional<CollectionAccess> find(IntelReader reader, String idOrAlias) {
		var id = uuid(idOrAlias);
		var spec = id == null
				? jdbc.sql(WITH_ACCESS + " where c.alias = :alias").param("alias", idOrAlias)
				: jdbc.sql(WITH_ACCESS + " where c.id = :id").param("id", id);
		return bind(spec, reader).query((rs, n) -> access(rs, reader)).optional().filter(CollectionAccess::visible);
	}

	private static JdbcClient.StatementSpec bind(JdbcClient.StatementSpec spec, IntelReader reader) {
		return spec.param("org", reader.organisationId())
			.param("orgType", reader.organisationType().name())
			.param("groups", reader.groups().toArray(UUID[]::new))
			.param("roles", reader.roles().stream().map(Role::name).toArray(String[]::new));
	}

	private static CollectionAccess access(ResultSet rs, IntelReader reader) throws SQLException {
		return new CollectionAccess(map(rs, 0), rs.getBoolean("granted_read") && reader.mayRead(),
				rs.getBoolean("granted_write") && reader.mayWrite());
	}

	private static @Nullable UUID uuid(String text) {
		try {
			return text.length() == 36 ? UUID.fromString(text) : null;
		} catch (IllegalArgumentException e) {
			return null;
		}
	}

	private static IntelCollection map(ResultSet rs, int row) throws SQLException {
		return new IntelCollection(rs.getObject("id", UUID.class), rs.getString("title"), rs.getString("description"),
				rs.getString("alias"), List.of((String[]) rs.getArray("media_types").getArray()),
				rs.getBoolean("readable_by_all"), rs.getBoolean("readable_by_centre"),
				rs.getTimestamp("created_at").toInstant());
	}
}
