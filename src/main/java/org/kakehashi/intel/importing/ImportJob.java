package org.kakehashi.intel.importing;

import java.nio.file.Files;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.kakehashi.intel.stix.StixValidator;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * Runs imports. Every node polls; a job is claimed with {@code for update skip locked} and held by a lease that
 * each committed batch renews, so a job whose node died is taken over when its lease runs out and resumes after
 * the last committed batch. A file that turns out not to be a bundle fails the import with the reason; any other
 * error gives the job back to be retried (up to {@link #MAX_ATTEMPTS} times).
 */
@Service
public class ImportJob {

	static final int MAX_ATTEMPTS = 5;
	private static final Logger log = LoggerFactory.getLogger(ImportJob.class);

	private final ImportDao imports;
	private final BatchLoader loader;
	private final ImportSpool spool;
	private final MispSources misp;
	private final StixValidator validator;
	private final ImportProperties properties;
	private volatile BatchLoader.BeforeCommit beforeCommit = (id, batch) -> {
	};

	ImportJob(ImportDao imports, BatchLoader loader, ImportSpool spool, MispSources misp, StixValidator validator,
			ImportProperties properties) {
		this.imports = imports;
		this.loader = loader;
		this.spool = spool;
		this.misp = misp;
		this.validator = validator;
		this.properties = properties;
	}

	@Scheduled(fixedDelayString = "${kakehashi.intel.import.poll-interval:2s}",
			initialDelayString = "${kakehashi.intel.import.poll-interval:2s}")
	void poll() {
		if (properties.pollEnabled()) {
			runPending();
		}
	}

	/** Runs every import that is waiting (or whose node died), each at most once; how many were taken up. */
	public int runPending() {
		var seen = new HashSet<UUID>();
		while (true) {
			var claim = imports.claim(properties.lease());
			if (claim.isEmpty()) {
				return seen.size();
			}
			var id = claim.get().intelImport().id();
			if (!seen.add(id)) {
				// Given back earlier in this pass: left for the next poll.
				imports.release(id, claim.get().token());
				return seen.size() - 1;
			}
			run(claim.get());
		}
	}

	/** For the benchmark: what the job does before the database, alone; the number of objects read. */
	public static long parseAndValidateOnly(java.nio.file.Path file, int batchSize) {
		var validator = new org.kakehashi.intel.stix.SpecStixValidator();
		long read = 0;
		try (var source = BundleReader.open(file, 0)) {
			List<ImportItem> items;
			while (!(items = source.next(batchSize)).isEmpty()) {
				read += PreparedBatch.of(items, validator).read();
			}
		}
		return read;
	}

	/** For tests: called inside each batch's transaction just before it commits. */
	void beforeCommit(BatchLoader.BeforeCommit hook) {
		this.beforeCommit = hook;
	}

	private void run(ImportDao.Claim claim) {
		var target = claim.intelImport();
		var file = spool.path(target.id());
		try {
			if (!Files.isRegularFile(file)) {
				imports.finish(target.id(), claim.token(), IntelImport.Status.FAILED,
						"The uploaded file is no longer there (was the data directory shared between nodes?).");
				return;
			}
			int errorBudget = properties.maxErrorsListed() - target.errorsListed();
			int batchNumber = target.batchesDone();
			try (var source = open(target, file); var prefetch = new Prefetch(source, validator, properties.batchSize())) {
				PreparedBatch batch;
				while ((batch = prefetch.next()) != null) {
					batchNumber++;
					var outcome = loader.load(claim, batch, errorBudget, batchNumber, properties.lease(), beforeCommit);
					errorBudget -= outcome.errorsListed();
				}
			}
			imports.finish(target.id(), claim.token(), IntelImport.Status.COMPLETED, null);
			spool.delete(target.id());
		} catch (BundleFormatException e) {
			imports.finish(target.id(), claim.token(), IntelImport.Status.FAILED, e.getMessage());
		} catch (BatchLoader.ClaimLost e) {
			log.info("Import {} stopped on this node: {}", target.id(), e.getMessage());
		} catch (RuntimeException e) {
			if (target.attempts() >= MAX_ATTEMPTS) {
				log.error("Import {} failed for good after {} attempts", target.id(), MAX_ATTEMPTS, e);
				imports.finish(target.id(), claim.token(), IntelImport.Status.FAILED,
						"The import stopped on an internal error " + MAX_ATTEMPTS + " times; what was loaded before stays.");
			} else {
				log.warn("Import {} stopped on an error; it resumes after its last committed batch", target.id(), e);
				imports.release(target.id(), claim.token());
			}
		}
	}

	private ImportSource open(IntelImport target, java.nio.file.Path file) {
		return switch (target.format()) {
			case STIX_BUNDLE -> BundleReader.open(file, target.objectsRead());
			case MISP -> misp.open(target, file, target.objectsRead());
		};
	}
}
