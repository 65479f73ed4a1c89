package org.kakehashi.audit;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.kakehashi.audit.internal.AuditChain;
import org.kakehashi.audit.internal.AuditRow;
import org.kakehashi.audit.internal.AuditStore;
import org.kakehashi.platform.Ids;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The audit log's API. Entries join the caller's transaction, so a change and its audit entry are stored
 * together or not at all.
 */
@Service
public class AuditLog {

	private final AuditStore store;
	private final Clock clock;

	AuditLog(AuditStore store, Clock clock) {
		this.store = store;
		this.clock = clock;
	}

	/** Records an action by whoever is signed in on this thread (or by nobody, for anonymous actions). */
	@Transactional
	public void record(String action, @Nullable String targetType, @Nullable Object targetId, Map<String, String> details) {
		record(AuditEvent.by(currentActor(), action, targetType, targetId, details));
	}

	@Transactional
	public void record(AuditEvent event) {
		var head = store.lockHead();
		var occurredAt = Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
		var row = new AuditRow(head.seq() + 1, Ids.newId(clock), occurredAt, event.actorId(), event.actorName(),
				event.organisationId(), event.action(), event.targetType(), event.targetId(),
				AuditChain.canonicalJson(new TreeMap<>(event.details())), clientAddress(), head.hash(), "");
		var hashed = row.withHash(AuditChain.hash(row));
		store.append(hashed);
	}

	/** Walks the chain from the first entry and names the first one whose link does not hold. */
	@Transactional(readOnly = true)
	public AuditVerification verify() {
		return store.verify();
	}

	@Transactional(readOnly = true)
	public AuditPage search(AuditQuery query) {
		return store.search(query);
	}

	private static @Nullable Actor currentActor() {
		var authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication != null && authentication.getPrincipal() instanceof Actor actor) {
			return actor;
		}
		return null;
	}

	private static @Nullable String clientAddress() {
		if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
			return attributes.getRequest().getRemoteAddr();
		}
		return null;
	}

	/** Filters for the admin page; nulls mean "any". */
	public record AuditQuery(@Nullable String actor, @Nullable UUID organisationId, @Nullable String action,
			@Nullable Instant from, @Nullable Instant to, int page, int size) {
	}

	public record AuditPage(List<Entry> entries, int page, int size, long total) {

		public int pages() {
			return (int) Math.max(1, (total + size - 1) / size);
		}
	}

	public record Entry(long seq, Instant occurredAt, @Nullable String actorName, @Nullable UUID organisationId,
			String action, @Nullable String targetType, @Nullable String targetId, String details,
			@Nullable String ipAddress) {
	}
}
