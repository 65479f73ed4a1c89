package org.kakehashi.warnings.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.ToIntFunction;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A real HTTP listener standing in for subscribers' systems: records every call (headers and raw body) and answers
 * per path as the test says (200 unless told otherwise; a behaviour may also take its time).
 */
final class WebhookSink implements AutoCloseable {

	record Call(String path, Map<String, String> headers, byte[] body, long receivedAtNanos) {

		String header(String name) {
			return headers.get(name.toLowerCase(Locale.ROOT));
		}

		String text() {
			return new String(body, StandardCharsets.UTF_8);
		}
	}

	private final HttpServer server;
	private final ExecutorService executor = Executors.newCachedThreadPool();
	private final List<Call> calls = new CopyOnWriteArrayList<>();
	private final Map<String, ToIntFunction<Call>> behaviours = new ConcurrentHashMap<>();

	WebhookSink() throws IOException {
		server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 200);
		server.createContext("/", this::handle);
		server.setExecutor(executor);
		server.start();
	}

	String url(String path) {
		return "http://127.0.0.1:" + server.getAddress().getPort() + path;
	}

	/** How {@code path} answers from now on: the status code to send (the function may sleep first). */
	void answer(String path, ToIntFunction<Call> behaviour) {
		behaviours.put(path, behaviour);
	}

	List<Call> calls(String path) {
		return calls.stream().filter(c -> c.path().equals(path)).toList();
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			var headers = new ConcurrentHashMap<String, String>();
			exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values.get(0)));
			var call = new Call(exchange.getRequestURI().getPath(), headers, exchange.getRequestBody().readAllBytes(),
					System.nanoTime());
			calls.add(call);
			var status = behaviours.getOrDefault(call.path(), c -> 200).applyAsInt(call);
			exchange.sendResponseHeaders(status, -1);
		}
	}

	static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public void close() {
		server.stop(0);
		executor.shutdownNow();
	}
}
