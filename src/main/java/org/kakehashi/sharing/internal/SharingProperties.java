package org.kakehashi.sharing.internal;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of sanitised sharing ({@code kakehashi.sharing.*}).
 *
 * @param reidentificationK an item is not published while fewer than this many organisations in its audience
 *                          (and its sources) share everything it still discloses about its source
 */
@ConfigurationProperties("kakehashi.sharing")
public record SharingProperties(@DefaultValue("3") int reidentificationK) {

	public SharingProperties {
		if (reidentificationK < 1) {
			throw new IllegalArgumentException("kakehashi.sharing.reidentification-k must be at least 1");
		}
	}
}
