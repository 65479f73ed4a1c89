package org.kakehashi.intel.importing.web;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.kakehashi.intel.importing.IntelImport;

/** An import as the API shows it to its uploader. */
record ImportJson(UUID id, UUID collectionId, String format, String fileName, long fileSize, String status,
		Instant createdAt, @Nullable Instant startedAt, @Nullable Instant finishedAt, @Nullable Long objectsTotal,
		long objectsRead, long objectsStored, long duplicates, long rejected, int batchesDone, int errorsListed,
		@Nullable String failure, String errorReport) {

	static ImportJson of(IntelImport i) {
		return new ImportJson(i.id(), i.collectionId(), i.format().code(), i.fileName(), i.fileSize(), i.status().code(),
				i.createdAt(), i.startedAt(), i.finishedAt(), i.objectsTotal(), i.objectsRead(), i.objectsStored(),
				i.duplicates(), i.rejected(), i.batchesDone(), i.errorsListed(), i.failure(),
				"/api/v1/intel/imports/" + i.id() + "/errors");
	}
}
