package org.kakehashi.intel.taxii;

import java.time.Clock;
import java.time.Instant;

import org.kakehashi.intel.store.Statuses;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * Status resources last {@code kakehashi.intel.taxii.status-retention} (7 days by default). Reads treat older ones as
 * gone at once; an hourly purge on every node deletes them in small batches, each node skipping rows another is
 * deleting, so running it everywhere is safe and no node needs to be elected.
 */
@Service
class StatusExpiry {

	private static final Logger log = LoggerFactory.getLogger(StatusExpiry.class);
	static final int BATCH = 1000;

	private final Statuses statuses;
	private final TaxiiProperties properties;
	private final Clock clock;

	StatusExpiry(Statuses statuses, TaxiiProperties properties, Clock clock) {
		this.statuses = statuses;
		this.properties = properties;
		this.clock = clock;
	}

	/** Statuses requested before this instant have expired. */
	Instant oldestKept() {
		return Instant.now(clock).minus(properties.statusRetention());
	}

	@Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT5M")
	void scheduled() {
		purge();
	}

	/** Deletes every expired status; how many. */
	int purge() {
		var cutoff = oldestKept();
		int total = 0;
		int deleted;
		do {
			// One statement per batch, each its own transaction: no long lock on a large backlog.
			deleted = statuses.deleteRequestedBefore(cutoff, BATCH);
			total += deleted;
		} while (deleted == BATCH);
		if (total > 0) {
			log.info("Deleted {} expired TAXII status resources (requested before {})", total, cutoff);
		}
		return total;
	}
}
