package org.kakehashi.platform.live;

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

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The signed-in pages' server-sent event streams on this node, by user. Every page opens one stream (the sharing
 * inbox's endpoint); any module pushes a named event to a user's open streams with {@link #send}, typically from a
 * {@link DatabaseNotifications} subscriber so that it works whichever node made the change. Streams carry a
 * comment heartbeat so proxies keep them open and end after a while; EventSource reconnects by itself.
 */
@Component
public class LiveStreams implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(LiveStreams.class);
	/** Tabs per user; the oldest stream is closed when another opens beyond it. */
	public static final int STREAMS_PER_USER = 5;
	private static final long STREAM_MILLIS = TimeUnit.MINUTES.toMillis(30);
	private static final long HEARTBEAT_SECONDS = 25;

	private final Map<UUID, List<SseEmitter>> streams = new ConcurrentHashMap<>();
	private final ScheduledExecutorService heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
		var thread = new Thread(r, "kakehashi-live-heartbeat");
		thread.setDaemon(true);
		return thread;
	});

	LiveStreams() {
		heartbeat.scheduleAtFixedRate(this::beat, HEARTBEAT_SECONDS, HEARTBEAT_SECONDS, TimeUnit.SECONDS);
	}

	/** Opens a stream for {@code user} that starts with {@code first}. */
	public SseEmitter open(UUID user, SseEmitter.SseEventBuilder first, HttpServletResponse response) throws IOException {
		var emitter = new SseEmitter(STREAM_MILLIS);
		var mine = streams.computeIfAbsent(user, id -> new CopyOnWriteArrayList<>());
		mine.add(emitter);
		while (mine.size() > STREAMS_PER_USER) {
			var oldest = mine.remove(0);
			oldest.complete();
		}
		Runnable cleanup = () -> remove(user, emitter);
		emitter.onCompletion(cleanup);
		emitter.onTimeout(cleanup);
		emitter.onError(e -> cleanup.run());
		// Proxies (nginx) would otherwise buffer the stream.
		response.setHeader("X-Accel-Buffering", "no");
		response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
		emitter.send(first);
		return emitter;
	}

	/** Users with a stream open on this node. */
	public Set<UUID> connected() {
		return Set.copyOf(streams.keySet());
	}

	/** Sends {@code event: name} with a JSON payload to every stream {@code user} has open here. */
	public void send(UUID user, String name, Object payload) {
		for (var emitter : streams.getOrDefault(user, List.of())) {
			send(user, emitter, SseEmitter.event().name(name).data(payload, MediaType.APPLICATION_JSON));
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

	/**
	 * Ends every stream as soon as shutdown begins: graceful shutdown waits for open requests, and an event stream
	 * would otherwise hold it for the whole grace period. Browsers reconnect to another node.
	 */
	@EventListener(ContextClosedEvent.class)
	void closing() {
		destroy();
	}

	@Override
	public void destroy() {
		heartbeat.shutdownNow();
		streams.values().forEach(list -> list.forEach(SseEmitter::complete));
		streams.clear();
		log.debug("Live streams closed");
	}
}
