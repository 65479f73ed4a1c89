package org.kakehashi.intel.store;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Status resources of Add Objects requests, readable by the user who made the request. */
@Repository
public class Statuses {

	private static final TypeReference<List<AddStatus.Detail>> DETAILS = new TypeReference<>() {
	};

	private final JdbcClient jdbc;
	private final JsonMapper json;

	Statuses(JdbcClient jdbc, JsonMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	public void save(AddStatus status) {
		jdbc.sql("""
				insert into intel_status (id, collection_id, user_id, status, request_timestamp, total_count, success_count,
				                          failure_count, pending_count, successes, failures, pendings)
				values (:id, :collection, :user, :status, :requested, :total, :successCount, :failureCount, :pendingCount,
				        :successes::jsonb, :failures::jsonb, :pendings::jsonb)
				""")
			.param("id", status.id())
			.param("collection", status.collectionId())
			.param("user", status.userId())
			.param("status", status.status())
			.param("requested", Timestamp.from(status.requestTimestamp()))
			.param("total", status.totalCount())
			.param("successCount", status.successes().size())
			.param("failureCount", status.failures().size())
			.param("pendingCount", status.pendings().size())
			.param("successes", json.writeValueAsString(status.successes()))
			.param("failures", json.writeValueAsString(status.failures()))
			.param("pendings", json.writeValueAsString(status.pendings()))
			.update();
	}

	/**
	 * A status the user made, requested at or after {@code notBefore}; empty for anyone else's, an unknown id, or one
	 * past its retention (which may not have been deleted yet).
	 */
	public Optional<AddStatus> find(UUID id, UUID userId, Instant notBefore) {
		return jdbc.sql("select * from intel_status where id = :id and user_id = :user and request_timestamp >= :notBefore")
			.param("id", id)
			.param("user", userId)
			.param("notBefore", Timestamp.from(notBefore))
			.query((rs, n) -> new AddStatus(rs.getObject("id", UUID.class), rs.getObject("collection_id", UUID.class),
					rs.getObject("user_id", UUID.class), rs.getString("status"),
					rs.getObject("request_timestamp", java.time.OffsetDateTime.class).toInstant(),
					json.readValue(rs.getString("successes"), DETAILS), json.readValue(rs.getString("failures"), DETAILS),
					json.readValue(rs.getString("pendings"), DETAILS)))
			.optional();
	}

	/**
	 * Deletes up to {@code batch} statuses requested before {@code cutoff}; how many. Rows another node is deleting
	 * at the same moment are skipped, not waited for, so nodes running this together share the work.
	 */
	public int deleteRequestedBefore(Instant cutoff, int batch) {
		return jdbc.sql("""
				delete from intel_status where id in (
				    select id from intel_status where request_timestamp < :cutoff
				    order by request_timestamp limit :batch for update skip locked)
				""")
			.param("cutoff", Timestamp.from(cutoff))
			.param("batch", batch)
			.update();
	}
}
