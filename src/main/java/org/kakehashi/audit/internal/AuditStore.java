package org.kakehashi.audit.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import org.kakehashi.audit.AuditLog.AuditPage;
import org.kakehashi.audit.AuditLog.AuditQuery;
import org.kakehashi.audit.AuditLog.Entry;
import org.kakehashi.audit.AuditVerification;
import org.kakehashi.audit.AuditVerification.Problem;
import org.kakehashi.platform.SqlText;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for the audit log. The head row lock serialises appends so the chain never forks. */
@Repository
public class AuditStore {

	private final JdbcClient jdbc;
	private final JdbcTemplate template;

	AuditStore(JdbcClient jdbc, JdbcTemplate template) {
		this.jdbc = jdbc;
		// Our own template, so streaming the chain in batches does not change the shared one's fetch size.
		this.template = new JdbcTemplate(java.util.Objects.requireNonNull(template.getDataSource()));
		this.template.setFetchSize(1000);
	}

	public record Head(long seq, String hash) {
	}

	public Head lockHead() {
		return jdbc.sql("select seq, hash from audit_head where singleton for update")
			.query((rs, n) -> new Head(rs.getLong("seq"), rs.getString("hash")))
			.single();
	}

	public void append(AuditRow row) {
		jdbc.sql("""
				insert into audit_log (seq, id, occurred_at, actor_id, actor_name, organisation_id, action, target_type,
				                       target_id, details, ip_address, prev_hash, hash)
				values (:seq, :id, :occurredAt, :actorId, :actorName, :organisationId, :action, :targetType,
				        :targetId, :details, :ipAddress, :prevHash, :hash)
				""")
			.param("seq", row.seq())
			.param("id", row.id())
			.param("occurredAt", Timestamp.from(row.occurredAt()))
			.param("actorId", row.actorId())
			.param("actorName", row.actorName())
			.param("organisationId", row.organisationId())
			.param("action", row.action())
			.param("targetType", row.targetType())
			.param("targetId", row.targetId())
			.param("details", row.details())
			.param("ipAddress", row.ipAddress())
			.param("prevHash", row.prevHash())
			.param("hash", row.hash())
			.update();
		jdbc.sql("update audit_head set seq = :seq, hash = :hash where singleton")
			.param("seq", row.seq())
			.param("hash", row.hash())
			.update();
	}

	/**
	 * Streams the chain in order and stops at the first entry that does not follow from the one before:
	 * a gap in sequence numbers (deleted row), a wrong previous hash, or content that no longer matches its
	 * hash (edited row). Finally the head must point at the last entry (truncated tail).
	 */
	public AuditVerification verify() {
		var previous = new AtomicReference<>(new Head(0, AuditChain.GENESIS));
		var broken = new AtomicReference<AuditVerification>();
		var checked = new long[] { 0 };
		template.query("select * from audit_log order by seq", rs -> {
			if (broken.get() != null) {
				return;
			}
			var row = map(rs);
			checked[0]++;
			var expectedSeq = previous.get().seq() + 1;
			Problem problem = null;
			if (row.seq() != expectedSeq) {
				problem = Problem.MISSING;
			} else if (!Objects.equals(row.prevHash(), previous.get().hash())) {
				problem = Problem.UNLINKED;
			} else if (!Objects.equals(AuditChain.hash(row), row.hash())) {
				problem = Problem.ALTERED;
			}
			if (problem != null) {
				broken.set(new AuditVerification(checked[0], expectedSeq, problem));
				return;
			}
			previous.set(new Head(row.seq(), row.hash()));
		});
		if (broken.get() != null) {
			return broken.get();
		}
		var head = jdbc.sql("select seq, hash from audit_head where singleton")
			.query((rs, n) -> new Head(rs.getLong("seq"), rs.getString("hash")))
			.single();
		if (head.seq() != previous.get().seq() || !head.hash().equals(previous.get().hash())) {
			return new AuditVerification(checked[0], previous.get().seq() + 1, Problem.TRUNCATED);
		}
		return new AuditVerification(checked[0], null, null);
	}

	public AuditPage search(AuditQuery query) {
		var where = new ArrayList<String>();
		var params = new HashMap<String, Object>();
		if (query.actor() != null && !query.actor().isBlank()) {
			where.add("actor_name ilike :actor");
			params.put("actor", SqlText.containing(query.actor()));
		}
		if (query.organisationId() != null) {
			where.add("organisation_id = :org");
			params.put("org", query.organisationId());
		}
		if (query.action() != null && !query.action().isBlank()) {
			where.add("action like :action");
			params.put("action", SqlText.startingWith(query.action()));
		}
		if (query.from() != null) {
			where.add("occurred_at >= :from");
			params.put("from", Timestamp.from(query.from()));
		}
		if (query.to() != null) {
			where.add("occurred_at < :to");
			params.put("to", Timestamp.from(query.to()));
		}
		var clause = where.isEmpty() ? "" : " where " + String.join(" and ", where);
		long total = jdbc.sql("select count(*) from audit_log" + clause).params(params).query(Long.class).single();
		params.put("limit", query.size());
		params.put("offset", (long) query.page() * query.size());
		var entries = jdbc.sql("select * from audit_log" + clause + " order by seq desc limit :limit offset :offset")
			.params(params)
			.query((rs, n) -> {
				var row = map(rs);
				return new Entry(row.seq(), row.occurredAt(), row.actorName(), row.organisationId(), row.action(),
						row.targetType(), row.targetId(), row.details(), row.ipAddress());
			})
			.list();
		return new AuditPage(entries, query.page(), query.size(), total);
	}

	/**
	 * Organisation names for the audit page's filter, read straight from the directory table: the audit module
	 * sits below identity and must not call it.
	 */
	public Map<UUID, String> organisationNames() {
		var names = new LinkedHashMap<UUID, String>();
		jdbc.sql("select id, name from organisation order by name")
			.query(rs -> {
				names.put(rs.getObject("id", UUID.class), rs.getString("name"));
			});
		return names;
	}


	private static AuditRow map(ResultSet rs) throws SQLException {
		return new AuditRow(rs.getLong("seq"), rs.getObject("id", UUID.class), rs.getTimestamp("occurred_at").toInstant(),
				rs.getObject("actor_id", UUID.class), rs.getString("actor_name"), rs.getObject("organisation_id", UUID.class),
				rs.getString("action"), rs.getString("target_type"), rs.getString("target_id"), rs.getString("details"),
				rs.getString("ip_address"), rs.getString("prev_hash"), rs.getString("hash"));
	}
}
