package org.kakehashi.sharing.web;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.servlet.http.HttpServletResponse;

import org.jspecify.annotations.Nullable;
import org.kakehashi.identity.KakehashiUser;
import org.kakehashi.sharing.internal.Inbox;
import org.kakehashi.sharing.internal.PublicationListener;
import org.kakehashi.sharing.internal.SharedItems;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Live inbox updates as server-sent events. Each signed-in page opens one stream; when any node publishes an
 * item (PostgreSQL NOTIFY, see {@link PublicationListener}), one query finds which connected users received it
 * and each of their streams gets {@code event: inbox} with the new unread count and the item's number and title.
 * A stream starts with {@code event: ready} (the current count), carries a comment heartbeat so proxies keep it
 * open, and ends after a while; the browser's EventSource reconnects by itself.
 */
@Controller
class InboxEvents implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(InboxEvents.class);
	/** Tabs per user; the oldest stream is closed when another opens beyond it. */
	static final int STREAMS_PER_USER = 5;
	private static final long STREAM_MILLIS = TimeUnit.MINUTES.toMillis(30);
	private static final long HEARTBEAT_SECONDS = 25;

	private final SharedItems items;
	private final Inbox inbox;
	private final Map<UUID, List<SseEmitter>> streams = new ConcurrentHashMap<>();
	private final ScheduledExecutorService heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
		var thread = new Thread(r, "kakehashi-inbox-heartbeat");
		thread.setDaemon(true);
		return thread;
	});

	InboxEvents(SharedItems items, Inbox inbox, PublicationListener listener) {
		this.items = items;
		this.inbox = inbox;
		listener.subscribe(this::published);
		heartbeat.scheduleAtFixedRate(this::beat, HEARTBEAT_SECONDS, HEARTBEAT_SECONDS, TimeUnit.SECONDS);
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
			throw new ResponseStatusException(org.springframework.http.HttpStatus.NOT_ACCEPTABLE,
					"Ask for text/event-stream.");
		}
		var unread = inbox.unreadCount(items.viewer(user));
		var emitter = new SseEmitter(STREAM_MILLIS);
		var mine = streams.computeIfAbsent(user.id(), id -> new CopyOnWriteArrayList<>());
		mine.add(emitter);
		while (mine.size() > STREAMS_PER_USER) {
			var oldest = mine.remove(0);
			oldest.complete();
		}
		Runnable cleanup = () -> remove(user.id(), emitter);
		emitter.onCompletion(cleanup);
		emitter.onTimeout(cleanup);
		emitter.onError(e -> cleanup.run());
		// Proxies (nginx) would otherwise buffer the stream.
		response.setHeader("X-Accel-Buffering", "no");
		response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
		emitter.send(SseEmitter.event().name("ready").data(Map.of("unread", unread), MediaType.APPLICATION_JSON));
		return emitter;
	}

	/** Users with a stream open on this node. */
	Set<UUID> connected() {
		return Set.copyOf(streams.keySet());
	}

	private void published(UUID itemId) {
		var connected = connected();
		if (connected.isEmpty()) {
			return;
		}
		for (var arrival : inbox.arrivals(itemId, connected)) {
			var payload = Map.of("unread", arrival.unread(), "number", arrival.number(), "title", arrival.title(),
					"id", itemId.toString());
			for (var emitter : streams.getOrDefault(arrival.userId(), List.of())) {
				send(arrival.userId(), emitter, SseEmitter.event().name("inbox").data(payload, MediaType.APPLICATION_JSON));
			}
		}
	}

	private void beat() {
		streams.forEach((user, emitters) -> emitters.forEach(emitter -> send(user, emitter, SseEmitter.event().comment("hb"))));
	}

	private void send(UUID user, SseEmitter emitter, SseEmitter.SseEventBuilder event) {
		try {
			emitter.send(event);
		}
		catch (IOException | IllegalStateException e) {
			// The client went away: forget the stream; EventSource reconnects if the page is still open.
			remove(user, emitter);
			emitter.completeWithError(e);
		}
	}

	private void remove(UUID user, SseEmitter emitter) {
		streams.computeIfPresent(user, (id, list) -> {
			list.remove(emitter);
			return list.isEmpty() ? null : list;
		});
	}

	@Override
	public void destroy() {
		heartbeat.shutdownNow();
		streams.values().forEach(list -> list.forEach(SseEmitter::complete));
		streams.clear();
		log.debug("Inbox streams closed");
	}
}
