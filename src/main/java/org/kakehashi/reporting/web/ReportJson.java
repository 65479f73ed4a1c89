package org.kakehashi.reporting.web;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.kakehashi.platform.InvalidInput;
import org.kakehashi.reporting.Cause;
import org.kakehashi.reporting.EventType;
import org.kakehashi.reporting.Observable;
import org.kakehashi.reporting.ReportKind;
import org.kakehashi.reporting.ReportStatus;
import org.kakehashi.reporting.Viewer;
import org.kakehashi.reporting.internal.Attachment;
import org.kakehashi.reporting.internal.Report;
import org.kakehashi.reporting.internal.ReportContent;
import org.kakehashi.reporting.internal.ReportVersion;

/** JSON shapes of the reports API. */
final class ReportJson {

	private ReportJson() {
	}

	/** What a client sends to create, save or submit a report: the whole content every time. */
	record Input(@Nullable ReportKind kind, @Nullable String title, @Nullable String descriptionJa,
			@Nullable String descriptionEn, @Nullable List<String> sectors, @Nullable String servicesAffected,
			@Nullable Set<EventType> eventTypes, @Nullable Set<Cause> causes, @Nullable Integer severityContinuity,
			@Nullable Integer severitySafety, @Nullable Instant occurredAt, @Nullable Instant awareAt,
			@Nullable Instant containedAt, @Nullable Instant recoveredAt, @Nullable Long usersAffected,
			@Nullable Integer outageMinutes, @Nullable String regions, @Nullable Boolean ransomDemanded,
			@Nullable Boolean ransomPaid, @Nullable Instant ransomPaidAt, @Nullable List<Observable> observables,
			@Nullable String contactName, @Nullable String contactEmail, @Nullable String contactPhone,
			/** Create: submit at once instead of keeping a draft. */
			@Nullable Boolean submit,
			/** Submit: this is the final report. */
			@Nullable Boolean finalReport,
			/** Submit: the version the client edited; a newer one on the server is a conflict (409). */
			@Nullable Integer basedOnVersion) {

		ReportContent content() {
			if (kind == null) {
				throw new InvalidInput("kind", "report.error.required",
						"kind is required: INCIDENT, FAILURE or NEAR_MISS.");
			}
			if (observables != null) {
				for (int i = 0; i < observables.size(); i++) {
					var o = observables.get(i);
					if (o == null || o.type() == null || o.value() == null) {
						throw new InvalidInput("observables[" + i + "]", "report.error.observable",
								"An observable needs a type and a value.");
					}
				}
			}
			return new ReportContent(kind, title, descriptionJa, descriptionEn, sectors == null ? List.of() : sectors,
					servicesAffected, eventTypes == null ? Set.of() : eventTypes, causes == null ? Set.of() : causes,
					severityContinuity, severitySafety, occurredAt, awareAt, containedAt, recoveredAt, usersAffected,
					outageMinutes, regions, Boolean.TRUE.equals(ransomDemanded), Boolean.TRUE.equals(ransomPaid),
					ransomPaidAt, observables == null ? List.of() : observables, contactName, contactEmail, contactPhone);
		}
	}

	record Relay(@Nullable Instant submittedAt, @Nullable Instant forwardedAt, @Nullable String ministryNote,
			@Nullable Instant centreReceivedAt) {
	}

	record AttachmentJson(UUID id, String fileName, String contentType, long sizeBytes, String sha256,
			Instant uploadedAt, String href) {

		static AttachmentJson of(Attachment a) {
			return new AttachmentJson(a.id(), a.fileName(), a.contentType(), a.sizeBytes(), a.sha256(), a.uploadedAt(),
					"/api/v1/reports/" + a.reportId() + "/attachments/" + a.id());
		}
	}

	record Output(UUID id, String number, UUID organisationId, ReportStatus status, int version, ReportContent content,
			@Nullable Integer severity, Instant createdAt, Instant updatedAt, @Nullable Instant finalAt, Relay relay,
			List<AttachmentJson> attachments) {

		/** The ministry's note is for the ministry and the centre, not for the reporter. */
		static Output of(Report r, List<Attachment> attachments, Viewer viewer) {
			var note = r.organisationId().equals(viewer.organisationId()) ? null : r.ministryNote();
			return new Output(r.id(), r.number(), r.organisationId(), r.status(), r.version(), r.content(),
					r.content().severity(), r.createdAt(), r.updatedAt(), r.finalAt(),
					new Relay(r.submittedAt(), r.forwardedAt(), note, r.centreReceivedAt()),
					attachments.stream().map(AttachmentJson::of).toList());
		}
	}

	record VersionJson(int version, ReportStatus status, Instant changedAt, UUID changedBy, String changedByName,
			ReportVersion.Snapshot snapshot) {

		static VersionJson of(ReportVersion v) {
			return new VersionJson(v.version(), v.status(), v.changedAt(), v.changedBy(), v.changedByName(), v.snapshot());
		}
	}

	record ForwardJson(@Nullable String note) {
	}
}
