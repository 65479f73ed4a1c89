package org.kakehashi.sharing.internal;

import java.util.UUID;

/** A connected recipient's news: their new unread count, and the item that arrived. */
public record Arrival(UUID userId, int unread, String number, String title) {
}
