package org.kakehashi.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import org.jspecify.annotations.Nullable;

/** JSON over HTTP with a bearer token (or none), as an API client would call Kakehashi. */
public class ApiClient {

	private final String base;
	private final @Nullable String token;
	private final HttpClient http = HttpClient.newHttpClient();

	public ApiClient(String base, @Nullable String token) {
		this.base = base;
		this.token = token;
	}

	public record Response(int status, String body, String contentType) {
	}

	public Response get(String path) {
		return send("GET", path, null);
	}

	public Response post(String path, String json) {
		return send("POST", path, json);
	}

	public Response send(String method, String path, @Nullable String json) {
		return send(method, path, json, java.util.Map.of());
	}

	/** A multipart/form-data upload of one file in the part {@code file}. */
	public Response upload(String path, String fileName, byte[] content) {
		var boundary = "kakehashi-" + java.util.UUID.randomUUID();
		var head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
				+ "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8);
		var tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
		var body = new byte[head.length + content.length + tail.length];
		System.arraycopy(head, 0, body, 0, head.length);
		System.arraycopy(content, 0, body, head.length, content.length);
		System.arraycopy(tail, 0, body, head.length + content.length, tail.length);
		var request = HttpRequest.newBuilder(URI.create(base + path))
			.POST(HttpRequest.BodyPublishers.ofByteArray(body))
			.header("Accept", "application/json")
			.header("Content-Type", "multipart/form-data; boundary=" + boundary);
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		return exchange(request);
	}

	public Response send(String method, String path, @Nullable String json, java.util.Map<String, String> headers) {
		var request = HttpRequest.newBuilder(URI.create(base + path))
			.method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json))
			.header("Accept", "application/json");
		if (json != null) {
			request.header("Content-Type", "application/json");
		}
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		headers.forEach(request::setHeader);
		return exchange(request);
	}

	private Response exchange(HttpRequest.Builder request) {
		try {
			var response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
			return new Response(response.statusCode(), response.body(),
					response.headers().firstValue("Content-Type").orElse(""));
		} catch (IOException e) {
			throw new IllegalStateException(e);
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
	}
}
