package org.kakehashi.sharing.web;

import java.io.IOException;
import java.util.Map;
import java.util.UUID;

import jakarta.servlet.http.HttpServletResponse;

import org.jspecify.annotations.Nullable;
import org.kakehashi.identity.KakehashiUser;
import org.kakehashi.platform.live.DatabaseNotifications;
import org.kakehashi.platform.live.LiveStreams;
import org.kakehashi.sharing.internal.Inbox;
import org.kakehashi.sharing.internal.SharedItems;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The live stream every signed-in page opens, and the sharing inbox's events on it. It starts with
 * {@code event: ready} (the current unread count); when any node publishes an item (PostgreSQL NOTIFY), one query
 * finds which connected users received it and each of their streams gets {@code event: inbox} with the new unread
 * count and the item's number and title. Other modules push their own events onto the same streams.
 */
@Controller
class InboxEvents {

	private final SharedItems items;
	private final Inbox inbox;
	private final LiveStreams streams;

	InboxEvents(SharedItems items, Inbox inbox, LiveStreams streams, DatabaseNotifications notifications) {
		this.items = items;
		this.inbox = inbox;
		this.streams = streams;
		notifications.subscribe(Inbox.CHANNEL, this::published);
	}

	/**
	 * Only an EventSource (which always asks for {@code text/event-stream}) gets a stream: a plain navigation or
	 * prefetch would otherwise hold a connection open for half an hour.
	 */
	@GetMapping("/sharing/inbox/events")
	SseEmitter stream(@AuthenticationPrincipal KakehashiUser user,
			@RequestHeader(name = HttpHeaders.ACCEPT, required = false) @Nullable String accept,
			HttpServletResponse response) throws IOException {
		if (accept == null || !accept.contains(MediaType.TEXT_EVENT_STREAM_VALUE)) {
			throw new ResponseStatusException(HttpStatus.NOT_ACCEPTABLE, "Ask for text/event-stream.");
		}
		var unread = inbox.unreadCount(items.viewer(user));
		return streams.open(user.id(),
				SseEmitter.event().name("ready").data(Map.of("unread", unread), MediaType.APPLICATION_JSON), response);
	}

	private void published(UUID itemId) {
		var connected = streams.connected();
		if (connected.isEmpty()) {
			return;
		}
		for (var arrival : inbox.arrivals(itemId, connected)) {
			streams.send(arrival.userId(), "inbox", Map.of("unread", arrival.unread(), "number", arrival.number(),
					"title", arrival.title(), "id", itemId.toString()));
		}
	}
}
