package org.kakehashi.sharing.internal;

/** One line of an item's audience. */
public record AudienceEntry(AudienceKind kind, String ref) {
}
