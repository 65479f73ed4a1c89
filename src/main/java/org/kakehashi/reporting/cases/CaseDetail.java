package org.kakehashi.reporting.cases;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A coordination case as one viewer sees it. With {@link CaseAccess#SUMMARY} (the reporting organisation) the
 * title, tasks, contacts, log and evidence are left out: only that the case exists, its status and closure
 * summary.
 */
public record CaseDetail(UUID id, String number, @Nullable String title, CaseStatus status, UUID ownerOrganisationId,
		String ownerName, CaseAccess access, @Nullable String closureSummary, Instant openedAt, @Nullable Instant closedAt,
		List<LinkedReport> reports, List<Task> tasks, List<Contact> contacts, List<LogEntry> log, List<Evidence> evidence,
		boolean workable) {

	public boolean open() {
		return status == CaseStatus.OPEN;
	}

	public boolean full() {
		return access == CaseAccess.FULL;
	}

	public record LinkedReport(UUID reportId, String number, @Nullable String title) {
	}

	public record Task(UUID id, String title, @Nullable UUID ownerId, @Nullable String ownerName, @Nullable LocalDate dueOn,
			@Nullable Instant doneAt) {

		public boolean done() {
			return doneAt != null;
		}
	}

	public record Contact(UUID id, String name, @Nullable String organisation, @Nullable String country,
			ContactChannel channel, @Nullable String address, boolean foreignCsirt) {
	}

	public record LogEntry(UUID id, String authorName, String body, Instant createdAt) {
	}

	public record Evidence(UUID id, String fileName, @Nullable String description, String contentType, long sizeBytes,
			String sha256, String uploadedByName, Instant uploadedAt) {
	}
}
