package org.kakehashi.reporting.internal;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.kakehashi.reporting.Cause;
import org.kakehashi.reporting.EventType;
import org.kakehashi.reporting.Observable;
import org.kakehashi.reporting.ReportKind;

/**
 * Everything a reporter writes in a report: what a draft holds and what each submitted version fixes. The
 * API and the web form both map their input onto this record; {@link ReportRules} checks it.
 */
public record ReportContent(ReportKind kind, @Nullable String title, @Nullable String descriptionJa,
		@Nullable String descriptionEn, List<String> sectors, @Nullable String servicesAffected,
		Set<EventType> eventTypes, Set<Cause> causes, @Nullable Integer severityContinuity,
		@Nullable Integer severitySafety, @Nullable Instant occurredAt, @Nullable Instant awareAt,
		@Nullable Instant containedAt, @Nullable Instant recoveredAt, @Nullable Long usersAffected,
		@Nullable Integer outageMinutes, @Nullable String regions, boolean ransomDemanded, boolean ransomPaid,
		@Nullable Instant ransomPaidAt, List<Observable> observables, @Nullable String contactName,
		@Nullable String contactEmail, @Nullable String contactPhone) {

	public ReportContent {
		sectors = List.copyOf(sectors);
		eventTypes = Set.copyOf(eventTypes);
		causes = Set.copyOf(causes);
		observables = List.copyOf(observables);
	}

	/** The overall severity: the higher of the two viewpoints (持続性, 安全性). */
	public @Nullable Integer severity() {
		if (severityContinuity == null) {
			return severitySafety;
		}
		return severitySafety == null ? severityContinuity : Math.max(severityContinuity, severitySafety);
	}
}
