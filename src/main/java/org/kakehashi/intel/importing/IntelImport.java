package org.kakehashi.intel.importing;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/** One upload and how far its job has got. Counts cover committed batches only. */
public record IntelImport(UUID id, UUID userId, UUID organisationId, UUID collectionId, Format format, String fileName,
		long fileSize, Status status, Instant createdAt, @Nullable Instant startedAt, @Nullable Instant finishedAt,
		@Nullable Long objectsTotal, long objectsRead, long objectsStored, long duplicates, long rejected,
		int batchesDone, int errorsListed, @Nullable String failure, int attempts) {

	public enum Format {
		STIX_BUNDLE("stix-bundle"), MISP("misp");

		private final String code;

		Format(String code) {
			this.code = code;
		}

		public String code() {
			return code;
		}

		static Format of(String code) {
			return code.equals("misp") ? MISP : STIX_BUNDLE;
		}
	}

	public enum Status {
		QUEUED, RUNNING, COMPLETED, FAILED;

		public String code() {
			return name().toLowerCase(java.util.Locale.ROOT);
		}

		public boolean finished() {
			return this == COMPLETED || this == FAILED;
		}
	}

	/** Whole percent of the objects read, when the total is known. */
	public @Nullable Integer percent() {
		if (objectsTotal == null || objectsTotal == 0) {
			return status == Status.COMPLETED ? 100 : null;
		}
		return (int) Math.min(100, objectsRead * 100 / objectsTotal);
	}
}
