package org.kakehashi.intel.importing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import org.kakehashi.platform.KakehashiProperties;
import org.springframework.stereotype.Component;

/**
 * Uploaded files waiting for (or being read by) their job, under {@code kakehashi.data-dir/imports/}, named by the
 * import's id. With several nodes, this folder must be shared storage so that any node can run any job.
 */
@Component
class ImportSpool {

	private final Path folder;

	ImportSpool(KakehashiProperties properties) {
		this.folder = properties.dataDir().resolve("imports").toAbsolutePath().normalize();
	}

	Path path(UUID importId) {
		return folder.resolve(importId + ".json");
	}

	/** Moves a received file into the spool (a rename when both sit on one file system). */
	Path store(UUID importId, Path received) {
		try {
			Files.createDirectories(folder);
			var target = path(importId);
			try {
				Files.move(received, target, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
			} catch (IOException notOnOneFileSystem) {
				Files.move(received, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
			}
			return target;
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/** A fresh file in the spool folder to receive an upload into. */
	Path incoming() {
		try {
			Files.createDirectories(folder);
			return Files.createTempFile(folder, "upload-", ".part");
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	void delete(UUID importId) {
		try {
			Files.deleteIfExists(path(importId));
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}
}
