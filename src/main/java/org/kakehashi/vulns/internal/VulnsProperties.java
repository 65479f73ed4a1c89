package org.kakehashi.vulns.internal;

import java.net.URI;
import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings of vulnerability coordination ({@code kakehashi.vulns.*}); README.md lists each one.
 *
 * @param accessLinkValidity        how long a personal link (guest finder, vendor contact without an account) opens
 *                                  the case; every e-mail about the case brings a fresh one
 * @param guestVerificationValidity how long the link that proves a guest finder's e-mail address stays valid
 * @param maxAttachmentSize         largest file attached to a report or a message
 * @param attachmentKey             AES-256 key (base64 of 32 bytes) that encrypts attachments; empty: a key
 *                                  generated on first use in {@code data-dir/keys/vulns-attachments.key}
 * @param unreachableAfterAttempts  documented contact attempts before a vendor may be listed as unreachable
 * @param guestRequestsPerHour      e-mails a guest may ask for per hour (verification links, fresh personal links):
 *                                  per e-mail address, and per client address
 * @param publication               the scheduled publication of advisories at their agreed time
 * @param publisher                 who the machine-readable advisories name as their publisher
 * @param cna                       the CNA named in CVE records
 */
@ConfigurationProperties("kakehashi.vulns")
public record VulnsProperties(@DefaultValue("30d") Duration accessLinkValidity,
		@DefaultValue("2h") Duration guestVerificationValidity, @DefaultValue("20MB") DataSize maxAttachmentSize,
		@DefaultValue("") String attachmentKey, @DefaultValue("3") int unreachableAfterAttempts,
		@DefaultValue GuestRequests guestRequestsPerHour, @DefaultValue Publication publication, @DefaultValue Publisher publisher, @DefaultValue Cna cna) {

	public VulnsProperties {
		if (unreachableAfterAttempts < 1) {
			throw new IllegalArgumentException("kakehashi.vulns.unreachable-after-attempts must be 1 or more, was "
					+ unreachableAfterAttempts);
		}
		if (maxAttachmentSize.toBytes() < 1 || maxAttachmentSize.toMegabytes() > 200) {
			throw new IllegalArgumentException("kakehashi.vulns.max-attachment-size must be between 1 byte and 200MB, was "
					+ maxAttachmentSize);
		}
	}

	/** @param perAddress per e-mail address @param perClient per client (IP) address */
	public record GuestRequests(@DefaultValue("5") int perAddress, @DefaultValue("30") int perClient) {
	}

	/**
	 * @param enabled  run the publication job on this node (every node may; each advisory is published once)
	 * @param interval how often due publications are looked for
	 */
	public record Publication(@DefaultValue("true") boolean enabled, @DefaultValue("PT30S") Duration interval) {
	}

	/**
	 * @param name      publisher name in CSAF documents; empty: the first coordinator organisation's English name
	 * @param namespace publisher namespace URL in CSAF documents; empty: the base URL
	 */
	public record Publisher(@DefaultValue("") String name, @Nullable URI namespace) {
	}

	/**
	 * @param orgId     the CNA's CVE Services organisation UUID; empty: a fixed UUID derived from the base URL, for
	 *                  installations that are not a CNA (their records are drafts to hand to one)
	 * @param shortName the CNA's short name
	 */
	public record Cna(@DefaultValue("") String orgId, @DefaultValue("kakehashi") String shortName) {
	}
}
