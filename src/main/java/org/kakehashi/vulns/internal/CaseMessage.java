package org.kakehashi.vulns.internal;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A message of a case's thread: who may read it (its channel, with the vendor for the vendor channel), who wrote
 * it (a coordinator, a vendor, the finder) and its files.
 */
public record CaseMessage(long id, MessageChannel channel, @Nullable UUID vendorId, @Nullable String vendorName,
		AuthorKind authorKind, String authorName, @Nullable String authorVendorName, String body, Instant postedAt,
		List<AttachmentInfo> attachments) {

	public CaseMessage {
		attachments = List.copyOf(attachments);
	}

	public enum AuthorKind {
		COORDINATOR, VENDOR, FINDER
	}
}
