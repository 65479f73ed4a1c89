package org.kakehashi.support;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A browser without a screen: keeps cookies, does not follow redirects (tests look at them), and fills in
 * the CSRF token of the last page it loaded, as a real form would.
 */
public class WebClient {

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
	private static final Pattern CSRF_META = Pattern.compile("<meta name=\"csrf-token\" content=\"([^\"]+)\"");

	private final String base;
	private final HttpClient http;
	private String csrf = "";
	private String acceptLanguage = "en";

	public WebClient(String base) {
		this.base = base;
		this.http = HttpClient.newBuilder().cookieHandler(new CookieManager()).followRedirects(HttpClient.Redirect.NEVER).build();
	}

	public WebClient language(String language) {
		this.acceptLanguage = language;
		return this;
	}

	public record Response(int status, String body, Map<String, String> headers) {

		public String location() {
			return headers.getOrDefault("location", "");
		}
	}

	public Response get(String path) {
		return send(HttpRequest.newBuilder(uri(path)).GET());
	}

	/** Follows redirects within the site and returns the final page. */
	public Response follow(String path) {
		var response = get(path);
		for (int hops = 0; hops < 5 && response.status() / 100 == 3; hops++) {
			response = get(response.location());
		}
		return response;
	}

	public Response post(String path, Map<String, String> form) {
		var fields = new LinkedHashMap<>(form);
		fields.putIfAbsent("_csrf", csrf);
		var body = fields.entrySet().stream()
			.map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
			.collect(Collectors.joining("&"));
		return send(HttpRequest.newBuilder(uri(path))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(body)));
	}

	/** Loads the page (picking up its CSRF token) and submits a form to the given action. */
	public Response submit(String pagePath, String action, Map<String, String> form) {
		get(pagePath);
		return post(action, form);
	}

	public Response send(HttpRequest.Builder request) {
		try {
			var response = http.send(request.header("Accept-Language", acceptLanguage).build(),
					HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
			var headers = new LinkedHashMap<String, String>();
			response.headers().map().forEach((name, values) -> headers.put(name.toLowerCase(), String.join(", ", values)));
			var matcher = CSRF.matcher(response.body());
			if (matcher.find()) {
				csrf = matcher.group(1);
			} else {
				var meta = CSRF_META.matcher(response.body());
				if (meta.find()) {
					csrf = meta.group(1);
				}
			}
			return new Response(response.statusCode(), response.body(), headers);
		} catch (IOException e) {
			throw new IllegalStateException(e);
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
	}

	/**
	 * Opens a streaming response (server-sent events) with this browser's cookies; returns once the headers
	 * arrive, with the body as lines read as they come.
	 */
	public HttpResponse<java.util.stream.Stream<String>> lines(String path, String accept) {
		try {
			return http.send(HttpRequest.newBuilder(uri(path)).header("Accept", accept)
				.header("Accept-Language", acceptLanguage).GET().build(), HttpResponse.BodyHandlers.ofLines());
		} catch (IOException e) {
			throw new IllegalStateException(e);
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
	}

	public URI uri(String path) {
		return URI.create(path.startsWith("http") ? path : base + path);
	}

	public String csrf() {
		return csrf;
	}
}
