package org.kakehashi.platform;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import tools.jackson.databind.json.JsonMapper;

/**
 * Runs a POST at most once per {@code Idempotency-Key}: the key is claimed, the work done and its answer
 * stored in one transaction, so a retry within 24 hours gets the first answer back, a concurrent retry waits
 * for it, and a failed attempt leaves the key free. Without a key the work simply runs in one transaction.
 */
@Component
public class IdempotentRequests {

	public static final String HEADER = "Idempotency-Key";
	static final Duration RETENTION = Duration.ofHours(24);

	/** The answer, and whether it is the stored answer of an earlier request with the same key. */
	public record Outcome<T>(T body, boolean replayed) {
	}

	private final JdbcClient jdbc;
	private final JsonMapper json;
	private final Clock clock;

	IdempotentRequests(JdbcClient jdbc, JsonMapper json, Clock clock) {
		this.jdbc = jdbc;
		this.json = json;
		this.clock = clock;
	}

	@Transactional
	public <T> Outcome<T> once(UUID userId, String endpoint, @Nullable String key, Object request, Class<T> type,
			Supplier<T> work) {
		if (key == null) {
			return new Outcome<>(work.get(), false);
		}
		if (key.isBlank() || key.length() > 200 || !key.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
			throw new InvalidInput(HEADER, "idempotency.key-invalid",
					"Idempotency-Key must be 1 to 200 visible ASCII characters.");
		}
		var now = Instant.now(clock);
		jdbc.sql("""
				delete from idempotency_key
				where user_id = :user and endpoint = :endpoint and idem_key = :key and created_at < :expired
				""")
			.param("user", userId).param("endpoint", endpoint).param("key", key)
			.param("expired", Timestamp.from(now.minus(RETENTION)))
			.update();
		var fingerprint = Secrets.sha256Hex(json.writeValueAsString(request));
		// A concurrent request with the same key waits here until the first one commits or rolls back.
		var claimed = jdbc.sql("""
				insert into idempotency_key (user_id, endpoint, idem_key, request_hash, created_at)
				values (:user, :endpoint, :key, :hash, :now)
				on conflict do nothing
				""")
			.param("user", userId).param("endpoint", endpoint).param("key", key)
			.param("hash", fingerprint).param("now", Timestamp.from(now))
			.update() == 1;
		if (claimed) {
			var result = work.get();
			jdbc.sql("""
					update idempotency_key set response_status = 201, response_body = :body
					where user_id = :user and endpoint = :endpoint and idem_key = :key
					""")
				.param("body", json.writeValueAsString(result))
				.param("user", userId).param("endpoint", endpoint).param("key", key)
				.update();
			return new Outcome<>(result, false);
		}
		var earlier = jdbc.sql("""
				select request_hash, response_body from idempotency_key
				where user_id = :user and endpoint = :endpoint and idem_key = :key
				""")
			.param("user", userId).param("endpoint", endpoint).param("key", key)
			.query((rs, row) -> new String[] { rs.getString("request_hash"), rs.getString("response_body") })
			.single();
		if (!earlier[0].equals(fingerprint)) {
			throw new InvalidInput(HEADER, "idempotency.key-reused",
					"This Idempotency-Key was already used for a different request.", HttpStatus.UNPROCESSABLE_CONTENT);
		}
		return new Outcome<>(json.readValue(earlier[1], type), true);
	}
}
