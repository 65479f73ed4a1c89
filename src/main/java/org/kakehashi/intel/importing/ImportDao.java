package org.kakehashi.intel.importing;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The intel_import and intel_import_error tables. */
@Repository
class ImportDao {

	/** A claimed job: the import and the token its batches must present. */
	record Claim(IntelImport intelImport, UUID token) {
	}

	/** What one committed batch adds to the counters. */
	record Progress(long read, long stored, long duplicates, long rejected, int errorsListed) {
	}

	private final JdbcClient jdbc;

	ImportDao(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void create(IntelImport i) {
		jdbc.sql("""
				insert into intel_import (id, user_id, organisation_id, collection_id, format, file_name, file_size, status,
				                          created_at, objects_total)
				values (:id, :user, :org, :collection, :format, :fileName, :fileSize, 'queued', :createdAt, :total)
				""")
			.param("id", i.id())
			.param("user", i.userId())
			.param("org", i.organisationId())
			.param("collection", i.collectionId())
			.param("format", i.format().code())
			.param("fileName", i.fileName())
			.param("fileSize", i.fileSize())
			.param("createdAt", Timestamp.from(i.createdAt()))
			.param("total", i.objectsTotal())
			.update();
	}

	/** An import its uploader may see; nobody else sees it. */
	Optional<IntelImport> find(UUID id, UUID userId) {
		return jdbc.sql("select * from intel_import where id = :id and user_id = :user")
			.param("id", id)
			.param("user", userId)
			.query(ImportDao::map)
			.optional();
	}

	Optional<IntelImport> byId(UUID id) {
		return jdbc.sql("select * from intel_import where id = :id").param("id", id).query(ImportDao::map).optional();
	}

	List<IntelImport> ofUser(UUID userId, int limit) {
		return jdbc.sql("select * from intel_import where user_id = :user order by created_at desc, id desc limit :limit")
			.param("user", userId)
			.param("limit", limit)
			.query(ImportDao::map)
			.list();
	}

	/**
	 * Takes the oldest import that is queued, or running under a lease that has run out (its node died), and
	 * leases it to the caller. SKIP LOCKED lets every node poll at once without waiting on each other.
	 */
	Optional<Claim> claim(Duration lease) {
		var token = UUID.randomUUID();
		return jdbc.sql("""
				update intel_import set status = 'running', claim_token = :token, attempts = attempts + 1,
				       lease_until = now() + :lease * interval '1 millisecond', started_at = coalesce(started_at, now())
				where id = (select id from intel_import
				            where status = 'queued' or (status = 'running' and lease_until < now())
				            order by created_at limit 1 for update skip locked)
				returning *
				""")
			.param("token", token)
			.param("lease", lease.toMillis())
			.query(ImportDao::map)
			.optional()
			.map(i -> new Claim(i, token));
	}

	/**
	 * Adds one batch's counts and renews the lease, inside the batch's transaction; false when the claim has been
	 * lost, and then the batch must roll back.
	 */
	boolean advance(UUID id, UUID token, Progress p, Duration lease) {
		return jdbc.sql("""
				update intel_import set objects_read = objects_read + :read, objects_stored = objects_stored + :stored,
				       duplicates = duplicates + :duplicates, rejected = rejected + :rejected,
				       errors_listed = errors_listed + :listed, batches_done = batches_done + 1,
				       lease_until = now() + :lease * interval '1 millisecond'
				where id = :id and claim_token = :token and status = 'running'
				""")
			.param("read", p.read())
			.param("stored", p.stored())
			.param("duplicates", p.duplicates())
			.param("rejected", p.rejected())
			.param("listed", p.errorsListed())
			.param("lease", lease.toMillis())
			.param("id", id)
			.param("token", token)
			.update() == 1;
	}

	/** Ends a job that still holds its claim: completed, or failed with a reason. */
	boolean finish(UUID id, UUID token, IntelImport.Status status, @Nullable String failure) {
		return jdbc.sql("""
				update intel_import set status = :status, failure = :failure, finished_at = now(), claim_token = null,
				       lease_until = null
				where id = :id and claim_token = :token and status = 'running'
				""")
			.param("status", status.code())
			.param("failure", failure)
			.param("id", id)
			.param("token", token)
			.update() == 1;
	}

	/** Gives a job back after an unexpected error, to be retried by the next poll on any node. */
	void release(UUID id, UUID token) {
		jdbc.sql("update intel_import set lease_until = now() - interval '1 millisecond' where id = :id and claim_token = :token")
			.param("id", id)
			.param("token", token)
			.update();
	}

	void setTotal(UUID id, long total) {
		jdbc.sql("update intel_import set objects_total = :total where id = :id").param("total", total).param("id", id).update();
	}

	void addErrors(UUID importId, List<ImportError> errors) {
		if (errors.isEmpty()) {
			return;
		}
		jdbc.sql("""
				insert into intel_import_error (import_id, position, object_id, property, message)
				select :import, t.position, t.object_id, t.property, t.message
				from unnest(:positions::bigint[], :ids::text[], :properties::text[], :messages::text[])
				     with ordinality as t(position, object_id, property, message, ord)
				order by t.ord
				""")
			.param("import", importId)
			.param("positions", errors.stream().map(ImportError::position).toArray(Long[]::new))
			.param("ids", errors.stream().map(ImportError::objectId).toArray(String[]::new))
			.param("properties", errors.stream().map(ImportError::property).toArray(String[]::new))
			.param("messages", errors.stream().map(ImportError::message).toArray(String[]::new))
			.update();
	}

	void forEachError(UUID importId, Consumer<ImportError> consumer) {
		jdbc.sql("select position, object_id, property, message from intel_import_error where import_id = :id order by seq")
			.param("id", importId)
			.query(rs -> {
				consumer.accept(new ImportError(rs.getLong("position"), rs.getString("object_id"), rs.getString("property"),
						rs.getString("message")));
			});
	}

	private static IntelImport map(ResultSet rs, int row) throws SQLException {
		long total = rs.getLong("objects_total");
		Long objectsTotal = rs.wasNull() ? null : total;
		return new IntelImport(rs.getObject("id", UUID.class), rs.getObject("user_id", UUID.class),
				rs.getObject("organisation_id", UUID.class), rs.getObject("collection_id", UUID.class),
				IntelImport.Format.of(rs.getString("format")), rs.getString("file_name"), rs.getLong("file_size"),
				IntelImport.Status.valueOf(rs.getString("status").toUpperCase(java.util.Locale.ROOT)),
				instant(rs, "created_at"), instant(rs, "started_at"), instant(rs, "finished_at"), objectsTotal,
				rs.getLong("objects_read"), rs.getLong("objects_stored"), rs.getLong("duplicates"), rs.getLong("rejected"),
				rs.getInt("batches_done"), rs.getInt("errors_listed"), rs.getString("failure"), rs.getInt("attempts"));
	}

	private static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
		var value = rs.getObject(column, OffsetDateTime.class);
		return value == null ? null : value.toInstant();
	}
}
