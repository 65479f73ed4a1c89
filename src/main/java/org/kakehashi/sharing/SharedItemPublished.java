package org.kakehashi.sharing;

import java.time.Instant;
import java.util.UUID;

/** A shared item reached its recipients (published, or re-published after an edit). */
public record SharedItemPublished(UUID itemId, String number, Tlp tlp, UUID hubOrganisationId, Instant publishedAt) {
}
