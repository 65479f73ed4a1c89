package org.kakehashi.warnings.internal;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.kakehashi.platform.KakehashiProperties;
import tools.jackson.databind.json.JsonMapper;

/**
 * One signed webhook call: the warning as JSON, to the subscriber's own system under its agreement (so TLP:AMBER
 * text travels too), with the row's idempotency key, a timestamp and an HMAC-SHA256 signature over both. The
 * answer decides the row's fate: 2xx sent; 408, 425, 429, 5xx, other codes and network errors or timeouts are
 * retried; any other 4xx means the receiver refuses this very request, which a retry would only repeat, so the
 * row is given up at once (and counts as a failure of the webhook).
 */
final class WarningWebhook {

	/** What became of one attempt. {@code error} is short and never holds the body or the secret. */
	record Outcome(Result result, String error) {

		enum Result {
			SENT, RETRY, DEAD
		}

		static Outcome sent() {
			return new Outcome(Result.SENT, "");
		}
	}

	private final HttpClient http;
	private final Duration readTimeout;
	private final JsonMapper json;
	private final KakehashiProperties properties;
	private final Clock clock;

	WarningWebhook(HttpClient http, Duration readTimeout, JsonMapper json, KakehashiProperties properties, Clock clock) {
		this.http = http;
		this.readTimeout = readTimeout;
		this.json = json;
		this.properties = properties;
		this.clock = clock;
	}

	static HttpClient client(Duration connectTimeout) {
		// HTTP/1.1: receivers need not speak h2c, and no upgrade dance on plain http.
		return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(connectTimeout)
			.followRedirects(HttpClient.Redirect.NEVER).build();
	}

	Outcome call(DeliveryDao.Claimed row, DeliveredWarning warning, String url, String secret)
			throws InterruptedException {
		var body = json.writeValueAsBytes(payload(row, warning));
		var timestamp = Instant.now(clock).getEpochSecond();
		HttpRequest request;
		try {
			request = HttpRequest.newBuilder(URI.create(url)).timeout(readTimeout)
				.header("Content-Type", "application/json")
				.header("User-Agent", "Kakehashi-Warnings/1")
				.header("Idempotency-Key", row.idempotencyKey())
				.header("X-Kakehashi-Delivery", row.id().toString())
				.header("X-Kakehashi-Timestamp", Long.toString(timestamp))
				.header("X-Kakehashi-Signature", WebhookSigner.signature(secret, timestamp, body))
				.POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
		}
		catch (IllegalArgumentException e) {
			return new Outcome(Outcome.Result.DEAD, "invalid webhook address");
		}
		try {
			var status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
			if (status >= 200 && status < 300) {
				return Outcome.sent();
			}
			var permanent = status >= 400 && status < 500 && status != 408 && status != 425 && status != 429;
			return new Outcome(permanent ? Outcome.Result.DEAD : Outcome.Result.RETRY, "HTTP " + status);
		}
		catch (HttpTimeoutException e) {
			return new Outcome(Outcome.Result.RETRY, "timed out: " + e.getClass().getSimpleName());
		}
		catch (IOException e) {
			return new Outcome(Outcome.Result.RETRY, e.getClass().getSimpleName()
					+ (e.getMessage() == null ? "" : ": " + abbreviate(e.getMessage())));
		}
	}

	private Map<String, Object> payload(DeliveryDao.Claimed row, DeliveredWarning warning) {
		var out = new LinkedHashMap<String, Object>();
		out.put("event", "warning." + row.event().toLowerCase(Locale.ROOT));
		out.put("id", row.warningId().toString());
		out.put("number", row.number());
		out.put("revision", row.revision());
		out.put("urgency", warning.urgency().name());
		out.put("tlp", warning.tlp().label());
		out.put("sender", both(row.senderName(), row.senderNameEn() == null ? "" : row.senderNameEn()));
		out.put("title", both(warning.title()));
		out.put("summary", both(warning.summary()));
		out.put("threat", both(warning.threat()));
		out.put("countermeasures", both(warning.countermeasures()));
		out.put("affectedProducts", warning.affectedProducts());
		out.put("cveIds", warning.cveIds());
		out.put("referenceUrls", warning.referenceUrls());
		if ("UPDATED".equals(row.event())) {
			out.put("changedFields", row.changedFields());
			out.put("changeNote", row.changeNote() == null ? "" : row.changeNote());
		}
		if ("WITHDRAWN".equals(row.event())) {
			out.put("withdrawnReason", row.withdrawnReason() == null ? "" : row.withdrawnReason());
		}
		out.put("url", properties.link("/warnings/inbox/" + row.warningId()));
		return out;
	}

	private static Map<String, String> both(DeliveredWarning.Text text) {
		return both(text.ja(), text.en());
	}

	private static Map<String, String> both(String ja, String en) {
		var out = new LinkedHashMap<String, String>();
		out.put("ja", ja);
		out.put("en", en);
		return out;
	}

	static String abbreviate(String text) {
		return text.length() <= 300 ? text : text.substring(0, 300) + "…";
	}
}
