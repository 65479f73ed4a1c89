package org.kakehashi.intel.importing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.kakehashi.intel.stix.StixValidator;
import org.kakehashi.intel.store.Collections;
import org.springframework.stereotype.Component;

import tools.jackson.core.JacksonException;

/** Opens a spooled MISP file as import items (MISP files are converted whole, within their own size limit). */
@Component
class MispSources {

	private final Collections collections;
	private final StixValidator validator;
	private final ImportProperties properties;

	MispSources(Collections collections, StixValidator validator, ImportProperties properties) {
		this.collections = collections;
		this.validator = validator;
		this.properties = properties;
	}

	ImportSource open(IntelImport target, Path file, long skip) {
		var items = convert(file, organisationOnly(target));
		return new ImportSource() {
			private int next = (int) Math.min(skip, items.size());

			@Override
			public List<ImportItem> next(int max) {
				var batch = items.subList(next, Math.min(items.size(), next + max));
				next += batch.size();
				return batch;
			}

			@Override
			public void close() {
			}
		};
	}

	/** The items, or a {@link BundleFormatException} naming why the file is not MISP. */
	List<ImportItem> convert(Path file, boolean organisationOnly) {
		try {
			if (Files.size(file) > properties.maxMispSize().toBytes()) {
				throw new BundleFormatException("MISP files are limited to " + properties.maxMispSize() + ".");
			}
			var root = BundleReader.STRICT.readTree(Files.readAllBytes(file));
			return MispConverter.convert(root, organisationOnly, validator);
		} catch (JacksonException e) {
			throw new BundleFormatException("The file is not valid JSON: " + e.getOriginalMessage());
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/**
	 * Whether only the uploader's organisation can read the collection: not open to all or to the centre, and every
	 * read grant names that organisation (a group or role grant reaches other organisations).
	 */
	boolean organisationOnly(IntelImport target) {
		var collection = collections.byId(target.collectionId()).orElse(null);
		if (collection == null || collection.readableByAll() || collection.readableByCentre()) {
			return false;
		}
		return collections.grants(collection.id()).stream()
			.filter(g -> g.canRead())
			.allMatch(g -> target.organisationId().equals(g.organisationId()));
	}
}
