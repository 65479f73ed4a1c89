package org.kakehashi.intel.taxii;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/** A TAXII 2.1 client for tests: the TAXII Accept header by default, a chosen Authorization, raw bytes back. */
final class TaxiiHttp {

	static final String TAXII = "application/taxii+json;version=2.1";

	record Response(int status, byte[] bytes, java.net.http.HttpHeaders headers) {

		String body() {
			return new String(bytes, StandardCharsets.UTF_8);
		}

		@Nullable String header(String name) {
			return headers.firstValue(name).orElse(null);
		}
	}

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	private final String base;
	private final @Nullable String authorization;

	private TaxiiHttp(String base, @Nullable String authorization) {
		this.base = base;
		this.authorization = authorization;
	}

	static TaxiiHttp bearer(int port, String token) {
		return new TaxiiHttp("http://localhost:" + port, "Bearer " + token);
	}

	static TaxiiHttp basic(int port, String user, String password) {
		return new TaxiiHttp("http://localhost:" + port,
				"Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
	}

	static TaxiiHttp anonymous(int port) {
		return new TaxiiHttp("http://localhost:" + port, null);
	}

	Response get(String path) {
		return send("GET", path, null, Map.of());
	}

	Response get(String path, Map<String, String> headers) {
		return send("GET", path, null, headers);
	}

	Response post(String path, String envelope) {
		return send("POST", path, envelope.getBytes(StandardCharsets.UTF_8), Map.of("Content-Type", TAXII));
	}

	Response delete(String path) {
		return send("DELETE", path, null, Map.of());
	}

	Response send(String method, String path, byte @Nullable [] body, Map<String, String> headers) {
		var all = new LinkedHashMap<String, String>();
		all.put("Accept", TAXII);
		all.putAll(headers);
		var request = HttpRequest.newBuilder(URI.create(base + path))
			.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
		all.forEach((name, value) -> {
			if (value != null) {
				request.header(name, value);
			}
		});
		if (authorization != null && !all.containsKey("Authorization")) {
			request.header("Authorization", authorization);
		}
		try {
			var response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
			return new Response(response.statusCode(), response.body(), response.headers());
		} catch (IOException e) {
			throw new IllegalStateException(e);
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
	}

	/** Percent-encodes the brackets of match[...] (java.net.URI refuses them raw). */
	static String q(String query) {
		return query.replace("[", "%5B").replace("]", "%5D");
	}
}
