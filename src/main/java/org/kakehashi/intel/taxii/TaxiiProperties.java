package org.kakehashi.intel.taxii;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The TAXII 2.1 server's settings ({@code kakehashi.intel.taxii.*}).
 *
 * @param title            the discovery resource's title
 * @param description      the discovery resource's description
 * @param contact          whom to contact about this server (discovery resource); empty to leave it out
 * @param maxContentLength largest Add Objects request body accepted (the API root's max_content_length)
 * @param maxPageSize      most objects or manifest records in one response, whatever {@code limit} asks for
 * @param statusRetention  how long the status resource of an Add Objects request can be read; older ones answer 404
 *                         and are deleted
 */
@ConfigurationProperties("kakehashi.intel.taxii")
public record TaxiiProperties(
		@DefaultValue("Kakehashi TAXII 2.1") String title,
		@DefaultValue("Threat intelligence shared through Kakehashi") String description,
		@DefaultValue("") String contact,
		@DefaultValue("20MB") DataSize maxContentLength,
		@DefaultValue("1000") int maxPageSize,
		@DefaultValue("7d") Duration statusRetention) {

	public TaxiiProperties {
		if (maxContentLength.toBytes() < 1024 || maxContentLength.toBytes() > Integer.MAX_VALUE - 8) {
			throw new IllegalArgumentException(
					"kakehashi.intel.taxii.max-content-length must be between 1KB and 2GB, was " + maxContentLength);
		}
		if (maxPageSize < 1 || maxPageSize > 10_000) {
			throw new IllegalArgumentException("kakehashi.intel.taxii.max-page-size must be between 1 and 10000, was " + maxPageSize);
		}
		if (statusRetention.compareTo(Duration.ofMinutes(1)) < 0) {
			throw new IllegalArgumentException("kakehashi.intel.taxii.status-retention must be at least 1m (clients poll "
					+ "the status after posting), was " + statusRetention);
		}
	}
}
