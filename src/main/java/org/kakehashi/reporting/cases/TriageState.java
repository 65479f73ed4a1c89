package org.kakehashi.reporting.cases;

import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.kakehashi.platform.InvalidInput;
import org.springframework.http.HttpStatus;

/**
 * The centre's triage of one report. Transitions return a new state or refuse; together they keep three rules
 * the database also checks: a NEW report has nobody assigned, ASSIGNED and IN_PROGRESS have somebody, and a
 * duplicate is CLOSED.
 */
public record TriageState(TriageStatus status, @Nullable UUID assigneeId, @Nullable Integer centreSeverity,
		@Nullable String severityReason, @Nullable UUID duplicateOf, List<String> techniques) {

	static final int MAX_REASON = 2_000;

	public TriageState {
		techniques = List.copyOf(techniques);
	}

	public static TriageState initial() {
		return new TriageState(TriageStatus.NEW, null, null, null, null, List.of());
	}

	/** Assigning moves a NEW report on; taking the assignee away puts open work back to NEW. */
	TriageState assign(@Nullable UUID assignee) {
		TriageStatus next;
		if (assignee == null) {
			next = status == TriageStatus.CLOSED ? TriageStatus.CLOSED : TriageStatus.NEW;
		} else {
			next = status == TriageStatus.NEW ? TriageStatus.ASSIGNED : status;
		}
		return new TriageState(next, assignee, centreSeverity, severityReason, duplicateOf, techniques);
	}

	/**
	 * NEW → ASSIGNED → IN_PROGRESS → CLOSED, with the steps back a handover needs; reopening a closed report
	 * (to any open status) ends its being a duplicate. Work once started does not go back to NEW: hand it over
	 * (ASSIGNED) or close it.
	 */
	TriageState moveTo(TriageStatus target) {
		if (target == status) {
			return this;
		}
		if (status == TriageStatus.IN_PROGRESS && target == TriageStatus.NEW) {
			throw new InvalidInput("status", "triage.error.transition",
					"Work in progress is handed over or closed, not put back to NEW.", HttpStatus.CONFLICT);
		}
		if (target.needsAssignee() && assigneeId == null) {
			throw new InvalidInput("status", "triage.error.needs-assignee", "Assign someone first.", HttpStatus.CONFLICT);
		}
		var assignee = target == TriageStatus.NEW ? null : assigneeId;
		var duplicate = target == TriageStatus.CLOSED ? duplicateOf : null;
		return new TriageState(target, assignee, centreSeverity, severityReason, duplicate, techniques);
	}

	/** A duplicate needs no work of its own: marking one closes it. Whether {@code original} may be one is the caller's check. */
	TriageState markDuplicateOf(UUID original) {
		return new TriageState(TriageStatus.CLOSED, assigneeId, centreSeverity, severityReason, original, techniques);
	}

	/** The centre's own level beside the reporter's; a re-rating always says why. {@code null} withdraws it. */
	TriageState rerate(@Nullable Integer level, @Nullable String reason) {
		if (level == null) {
			return new TriageState(status, assigneeId, null, null, duplicateOf, techniques);
		}
		if (level < 0 || level > 4) {
			throw new InvalidInput("centreSeverity", "triage.error.severity", "The level is 0 to 4.");
		}
		var why = reason == null ? "" : reason.strip();
		if (why.isEmpty()) {
			throw new InvalidInput("severityReason", "triage.error.reason-required", "Say why the level differs.");
		}
		if (why.length() > MAX_REASON) {
			throw new InvalidInput("severityReason", "triage.error.too-long", "At most " + MAX_REASON + " characters.");
		}
		return new TriageState(status, assigneeId, level, why, duplicateOf, techniques);
	}

	TriageState tag(List<String> ids) {
		return new TriageState(status, assigneeId, centreSeverity, severityReason, duplicateOf, AttackIds.normalise(ids));
	}
}
