package org.kakehashi.intel.importing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

import org.kakehashi.audit.AuditEvent;
import org.kakehashi.audit.AuditLog;
import org.kakehashi.identity.Directory;
import org.kakehashi.identity.KakehashiUser;
import org.kakehashi.intel.store.CollectionAccess;
import org.kakehashi.intel.store.Collections;
import org.kakehashi.intel.store.IntelReader;
import org.kakehashi.platform.Ids;
import org.kakehashi.platform.InvalidInput;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * Accepting uploads and showing imports to their uploader. An upload is checked whole before it is queued (a
 * bundle: UTF-8 JSON, no duplicate keys, a bundle with an objects list; a MISP file: one or more events), so a
 * file that cannot be imported is refused at once, naming the reason; the objects themselves are validated by the
 * job, one by one, into the error report. Nobody but the uploader sees an import.
 */
@Service
public class Imports {

	/** How many of their imports a user is shown. */
	public static final int LISTED = 100;

	private final ImportDao imports;
	private final ImportSpool spool;
	private final MispSources misp;
	private final Collections collections;
	private final Directory directory;
	private final AuditLog audit;
	private final Clock clock;

	Imports(ImportDao imports, ImportSpool spool, MispSources misp, Collections collections, Directory directory,
			AuditLog audit, Clock clock) {
		this.imports = imports;
		this.spool = spool;
		this.misp = misp;
		this.collections = collections;
		this.directory = directory;
		this.audit = audit;
		this.clock = clock;
	}

	/** The user as collection access sees them, with what the credential allows (a session allows both). */
	public IntelReader reader(KakehashiUser user, boolean mayRead, boolean mayWrite) {
		return new IntelReader(user.id(), user.organisationId(), user.organisationType(), user.roles(),
				directory.groupsOf(user.organisationId()), mayRead, mayWrite);
	}

	/** The collections the reader may add objects to: the choices of the upload form. */
	public List<CollectionAccess> writableCollections(IntelReader reader) {
		return collections.visibleTo(reader).stream().filter(CollectionAccess::canWrite).toList();
	}

	/** A fresh file to receive an upload into (in the spool folder, so queuing it is a rename). */
	public Path receivingFile() {
		return spool.incoming();
	}

	/**
	 * Queues an import of a received file into a collection the user may write. The file is moved into the spool
	 * or deleted, whatever happens.
	 *
	 * @throws InvalidInput naming {@code collection} (404 unknown or unseen, 403 not writable) or {@code file}
	 */
	public IntelImport submit(KakehashiUser user, IntelReader reader, String collection, IntelImport.Format format,
			String fileName, Path received) {
		try {
			var access = collections.find(reader, collection.strip())
				.orElseThrow(() -> new InvalidInput("collection", "intel.import.collection-unknown",
						"No such collection, or you have no access to it.", HttpStatus.NOT_FOUND));
			if (!access.canWrite()) {
				throw new InvalidInput("collection", "intel.import.collection-read-only",
						"You may not add objects to this collection.", HttpStatus.FORBIDDEN);
			}
			long size = Files.size(received);
			if (size == 0) {
				throw new InvalidInput("file", "intel.import.file-empty", "The file is empty.");
			}
			var id = Ids.newId(clock);
			long total;
			try {
				total = switch (format) {
					case STIX_BUNDLE -> BundleReader.check(received);
					case MISP -> misp.convert(received, false).size();
				};
			} catch (BundleFormatException e) {
				throw new InvalidInput("file", format == IntelImport.Format.MISP ? "intel.import.not-misp" : "intel.import.not-a-bundle",
						e.getMessage(), HttpStatus.UNPROCESSABLE_ENTITY);
			}
			var created = new IntelImport(id, user.id(), user.organisationId(), access.collection().id(), format,
					cleanName(fileName), size, IntelImport.Status.QUEUED, Instant.now(clock), null, null,
					format == IntelImport.Format.STIX_BUNDLE ? total : null, 0, 0, 0, 0, 0, 0, null, 0);
			spool.store(id, received);
			imports.create(created);
			audit.record(AuditEvent.by(user, "intel.import.uploaded", "intel_import", id,
					Map.of("collection", access.collection().id().toString(), "format", format.code(),
							"file", created.fileName(), "bytes", String.valueOf(size))));
			return created;
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		} finally {
			try {
				Files.deleteIfExists(received);
			} catch (IOException e) {
				// The spool folder is swept by nobody; a leftover part file is harmless but should be rare.
			}
		}
	}

	public List<IntelImport> of(KakehashiUser user) {
		return imports.ofUser(user.id(), LISTED);
	}

	public Optional<IntelImport> find(KakehashiUser user, UUID id) {
		return imports.find(id, user.id());
	}

	/** The error report of one of the user's imports, line by line; false when there is no such import. */
	public boolean errors(KakehashiUser user, UUID id, Consumer<ImportError> consumer) {
		if (imports.find(id, user.id()).isEmpty()) {
			return false;
		}
		imports.forEachError(id, consumer);
		return true;
	}

	/** A file name to show: no folders, no control characters, at most 200 characters. */
	static String cleanName(String name) {
		var base = name == null ? "" : name.replace('\\', '/');
		base = base.substring(base.lastIndexOf('/') + 1).replaceAll("[\\p{Cc}\\p{Cf}\\p{Zl}\\p{Zp}]", "").strip();
		if (base.isEmpty()) {
			base = "upload.json";
		}
		return base.length() > 200 ? base.substring(0, 200) : base;
	}
}
