package org.kakehashi.intel.importing;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Bulk import settings ({@code kakehashi.intel.import.*}).
 *
 * @param maxUploadSize   largest bundle accepted; also the servlet's multipart maximum (application.yml)
 * @param maxMispSize     largest MISP file accepted (MISP events are converted in memory)
 * @param batchSize       objects per transaction
 * @param lease           how long a claimed job is held without progress before another node may take it over
 * @param pollInterval    how often each node looks for queued imports
 * @param pollEnabled     whether this node runs imports at all (tests drive the job themselves)
 * @param maxErrorsListed problems listed per import in the error report; more are counted, not listed
 */
@ConfigurationProperties("kakehashi.intel.import")
public record ImportProperties(
		@DefaultValue("2GB") DataSize maxUploadSize,
		@DefaultValue("50MB") DataSize maxMispSize,
		@DefaultValue("5000") int batchSize,
		@DefaultValue("2m") Duration lease,
		@DefaultValue("2s") Duration pollInterval,
		@DefaultValue("true") boolean pollEnabled,
		@DefaultValue("10000") int maxErrorsListed) {

	public ImportProperties {
		if (batchSize < 1 || batchSize > 100_000) {
			throw new IllegalArgumentException("kakehashi.intel.import.batch-size must be between 1 and 100000, was " + batchSize);
		}
		if (lease.compareTo(Duration.ofSeconds(5)) < 0) {
			throw new IllegalArgumentException("kakehashi.intel.import.lease must be at least 5s, was " + lease);
		}
		if (maxUploadSize.toBytes() < 1024 || maxMispSize.toBytes() < 1024 || maxMispSize.toBytes() > Integer.MAX_VALUE - 8) {
			throw new IllegalArgumentException("kakehashi.intel.import.max-upload-size must be at least 1KB and "
					+ "kakehashi.intel.import.max-misp-size between 1KB and 2GB");
		}
		if (maxErrorsListed < 0) {
			throw new IllegalArgumentException("kakehashi.intel.import.max-errors-listed must not be negative");
		}
	}
}
