package org.kakehashi.intel.correlation;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;

import org.kakehashi.audit.AuditEvent;
import org.kakehashi.audit.AuditLog;
import org.kakehashi.identity.KakehashiUser;
import org.kakehashi.intel.store.CollectionAccess;
import org.kakehashi.intel.store.IntelReader;
import org.kakehashi.platform.InvalidInput;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * False-positive marks on indicators. Only someone who may write to a collection holding the indicator curates it:
 * a mark changes what every reader of the indicator is shown. Every mark and unmark is audited with its reason.
 */
@Service
public class FalsePositives {

	public static final int MAX_REASON = 2000;

	private final JdbcClient jdbc;
	private final StoredObjects objects;
	private final AuditLog audit;
	private final Clock clock;

	FalsePositives(JdbcClient jdbc, StoredObjects objects, AuditLog audit, Clock clock) {
		this.jdbc = jdbc;
		this.objects = objects;
		this.audit = audit;
		this.clock = clock;
	}

	@Transactional
	public Occurrence.FalsePositive mark(KakehashiUser user, IntelReader reader, String indicatorId, String reason) {
		var text = reason.strip();
		if (text.isEmpty() || text.length() > MAX_REASON) {
			throw new InvalidInput("reason", "intel.false-positive.reason", "Give a reason of 1 to " + MAX_REASON + " characters.");
		}
		curatable(reader, indicatorId);
		var now = Instant.now(clock);
		jdbc.sql("""
				insert into intel_false_positive (stix_id, reason, marked_by, organisation_id, marked_at)
				values (:id, :reason, :by, :org, :now)
				on conflict (stix_id) do update set reason = excluded.reason, marked_by = excluded.marked_by,
				                                    organisation_id = excluded.organisation_id, marked_at = excluded.marked_at
				""")
			.param("id", indicatorId)
			.param("reason", text)
			.param("by", user.id())
			.param("org", user.organisationId())
			.param("now", Timestamp.from(now))
			.update();
		audit.record(AuditEvent.by(user, "intel.indicator.false-positive", "stix_object", indicatorId,
				Map.of("reason", text)));
		return new Occurrence.FalsePositive(text, now);
	}

	/** Removes the mark; false when there was none. */
	@Transactional
	public boolean unmark(KakehashiUser user, IntelReader reader, String indicatorId) {
		curatable(reader, indicatorId);
		var removed = jdbc.sql("delete from intel_false_positive where stix_id = :id").param("id", indicatorId).update() == 1;
		if (removed) {
			audit.record(AuditEvent.by(user, "intel.indicator.false-positive-removed", "stix_object", indicatorId,
					Map.of()));
		}
		return removed;
	}

	/** 404 when the reader sees the indicator nowhere, 403 when they see it but may not write where it is. */
	private void curatable(IntelReader reader, String indicatorId) {
		var holders = objects.holders(reader, indicatorId);
		if (holders.stream().noneMatch(CollectionAccess::canRead)) {
			throw new InvalidInput("stixId", "intel.indicator.not-found", "No such indicator in a collection you may read.",
					HttpStatus.NOT_FOUND);
		}
		if (holders.stream().noneMatch(a -> a.canRead() && a.canWrite())) {
			throw new InvalidInput("stixId", "intel.indicator.not-curator",
					"Only those who may write to a collection holding the indicator may mark it.", HttpStatus.FORBIDDEN);
		}
	}
}
