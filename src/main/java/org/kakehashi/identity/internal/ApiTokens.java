package org.kakehashi.identity.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.kakehashi.audit.AuditEvent;
import org.kakehashi.audit.AuditLog;
import org.kakehashi.identity.ApiScope;
import org.kakehashi.identity.KakehashiUser;
import org.kakehashi.platform.Ids;
import org.kakehashi.platform.InvalidInput;
import org.kakehashi.platform.Secrets;
import org.kakehashi.platform.SqlText;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Personal API tokens. The clear token ({@code kkh_<prefix>_<secret>}) is shown once when it is made; only
 * its SHA-256 is stored, with the prefix kept so people can tell their tokens apart. A token acts as its
 * user with at most that user's current roles, narrowed further to its scopes.
 */
@Service
public class ApiTokens {

	public static final int DEFAULT_DAYS = 90;
	public static final int MAX_DAYS = 365;
	public static final int MAX_NAME_LENGTH = 100;
	private static final String FORMAT = "kkh_";
	private static final Pattern SHAPE = Pattern.compile("kkh_([a-km-z2-9]{8})_[A-Za-z0-9_-]{43}");
	private static final char[] PREFIX_ALPHABET = "abcdefghijkmnopqrstuvwxyz23456789".toCharArray();
	/** Writing last_used_at on every request would turn reads into writes; once a minute is plenty. */
	private static final Duration LAST_USED_RESOLUTION = Duration.ofMinutes(1);

	public record ApiToken(UUID id, UUID userId, String name, String prefix, Set<ApiScope> scopes, Instant createdAt,
			Instant expiresAt, @Nullable Instant lastUsedAt, @Nullable Instant revokedAt) {

		public String state(Instant now) {
			if (revokedAt != null) {
				return "revoked";
			}
			return expiresAt.isAfter(now) ? "active" : "expired";
		}
	}

	/** A new token and its clear value, which exists only in this object and the response that shows it. */
	public record Created(ApiToken token, String clearToken) {

		@Override
		public String toString() {
			return "Created[" + token + "]";
		}
	}

	/** Who a valid token speaks for and what it may do. */
	public record Authenticated(UUID tokenId, KakehashiUser user, Set<ApiScope> scopes) {
	}

	private final JdbcClient jdbc;
	private final Users users;
	private final AuditLog audit;
	private final Clock clock;

	ApiTokens(JdbcClient jdbc, Users users, AuditLog audit, Clock clock) {
		this.jdbc = jdbc;
		this.users = users;
		this.audit = audit;
		this.clock = clock;
	}

	@Transactional
	public Created create(KakehashiUser user, String name, Set<ApiScope> scopes, @Nullable Integer days) {
		var trimmed = name == null ? "" : name.strip();
		if (trimmed.isEmpty()) {
			throw new InvalidInput("name", "NotBlank", "A name is required.");
		}
		if (trimmed.length() > MAX_NAME_LENGTH || trimmed.codePoints().anyMatch(Character::isISOControl)) {
			throw new InvalidInput("name", "api-token.name-invalid", "Use at most 100 characters and no control characters.");
		}
		if (scopes.isEmpty()) {
			throw new InvalidInput("scopes", "api-token.scopes-required", "Choose at least one scope.");
		}
		var refused = scopes.stream().filter(scope -> !scope.allowedFor(user.roles())).map(ApiScope::value).sorted().toList();
		if (!refused.isEmpty()) {
			throw new InvalidInput("scopes", "api-token.scope-not-allowed",
					"Your roles do not allow these scopes: " + String.join(", ", refused), HttpStatus.FORBIDDEN);
		}
		int validity = days == null ? DEFAULT_DAYS : days;
		if (validity < 1 || validity > MAX_DAYS) {
			throw new InvalidInput("expiryDays", "api-token.expiry-invalid", "Choose between 1 and 365 days.");
		}
		var prefix = newPrefix();
		var clear = FORMAT + prefix + "_" + Secrets.newToken();
		var id = Ids.newId(clock);
		var now = Instant.now(clock);
		jdbc.sql("""
				insert into api_token (id, user_id, name, token_prefix, token_hash, scopes, created_at, expires_at)
				values (:id, :user, :name, :prefix, :hash, :scopes::text[], :now, :expires)
				""")
			.param("id", id)
			.param("user", user.id())
			.param("name", trimmed)
			.param("prefix", prefix)
			.param("hash", Secrets.sha256Hex(clear))
			.param("scopes", scopes.stream().map(ApiScope::value).sorted().toArray(String[]::new))
			.param("now", Timestamp.from(now))
			.param("expires", Timestamp.from(now.plus(Duration.ofDays(validity))))
			.update();
		audit.record(AuditEvent.by(user, "identity.api-token.created", "api_token", id, Map.of("name", trimmed,
				"prefix", prefix, "scopes", scopeList(scopes), "expiresInDays", String.valueOf(validity))));
		return new Created(byId(id).orElseThrow(), clear);
	}

	public List<ApiToken> forUser(UUID userId) {
		return jdbc.sql("select * from api_token where user_id = :user order by created_at desc")
			.param("user", userId)
			.query(ApiTokens::map)
			.list();
	}

	public Optional<ApiToken> byId(UUID id) {
		return jdbc.sql("select * from api_token where id = :id").param("id", id).query(ApiTokens::map).optional();
	}

	/** Revokes one of the user's own tokens; false when there is no such token of theirs. */
	@Transactional
	public boolean revoke(KakehashiUser user, UUID tokenId) {
		var token = byId(tokenId).filter(t -> t.userId().equals(user.id()));
		if (token.isEmpty()) {
			return false;
		}
		var changed = jdbc.sql("update api_token set revoked_at = :now where id = :id and revoked_at is null")
			.param("now", Timestamp.from(Instant.now(clock)))
			.param("id", tokenId)
			.update();
		if (changed == 1) {
			audit.record(AuditEvent.by(user, "identity.api-token.revoked", "api_token", tokenId,
					Map.of("name", token.get().name(), "prefix", token.get().prefix())));
		}
		return true;
	}

	/**
	 * The user and scopes behind a presented token, or empty when it is unknown, malformed, expired, revoked
	 * or its user is deactivated. Failures are audited with the token's public prefix, never the token.
	 */
	@Transactional
	public Optional<Authenticated> authenticate(String presented) {
		var prefix = prefixOf(presented);
		if (prefix == null) {
			return refused(null, null, "malformed");
		}
		var token = jdbc.sql("select * from api_token where token_hash = :hash")
			.param("hash", Secrets.sha256Hex(presented))
			.query(ApiTokens::map)
			.optional();
		if (token.isEmpty()) {
			return refused(null, prefix, "unknown");
		}
		var found = token.get();
		var now = Instant.now(clock);
		if (found.revokedAt() != null) {
			return refused(found, prefix, "revoked");
		}
		if (!found.expiresAt().isAfter(now)) {
			return refused(found, prefix, "expired");
		}
		var account = users.byId(found.userId()).filter(UserAccount::active);
		if (account.isEmpty()) {
			return refused(found, prefix, "user-inactive");
		}
		jdbc.sql("update api_token set last_used_at = :now where id = :id and (last_used_at is null or last_used_at < :stale)")
			.param("now", Timestamp.from(now))
			.param("stale", Timestamp.from(now.minus(LAST_USED_RESOLUTION)))
			.param("id", found.id())
			.update();
		var principal = account.get().principal();
		// Roles may have shrunk since the token was made: a scope the user may no longer hold is dropped.
		var scopes = found.scopes().stream().filter(scope -> scope.allowedFor(principal.roles()))
			.collect(Collectors.toCollection(() -> EnumSet.noneOf(ApiScope.class)));
		return Optional.of(new Authenticated(found.id(), principal, Set.copyOf(scopes)));
	}

	private Optional<Authenticated> refused(@Nullable ApiToken token, @Nullable String prefix, String reason) {
		var details = prefix == null ? Map.of("reason", reason) : Map.of("reason", reason, "prefix", prefix);
		var owner = token == null ? null : users.byId(token.userId()).map(UserAccount::principal).orElse(null);
		audit.record(AuditEvent.by(owner, "identity.api-token.refused", "api_token", token == null ? null : token.id(), details));
		return Optional.empty();
	}

	/** The prefix of a well-formed token, or null; never echoes anything of a malformed one. */
	static @Nullable String prefixOf(String presented) {
		var matcher = SHAPE.matcher(presented);
		return matcher.matches() ? matcher.group(1) : null;
	}

	private static String newPrefix() {
		var random = Secrets.random();
		var prefix = new StringBuilder(8);
		for (int i = 0; i < 8; i++) {
			prefix.append(PREFIX_ALPHABET[random.nextInt(PREFIX_ALPHABET.length)]);
		}
		return prefix.toString();
	}

	private static String scopeList(Set<ApiScope> scopes) {
		return scopes.stream().map(ApiScope::value).sorted().collect(Collectors.joining(","));
	}

	private static ApiToken map(ResultSet rs, int row) throws SQLException {
		var scopes = EnumSet.noneOf(ApiScope.class);
		Arrays.stream((String[]) rs.getArray("scopes").getArray()).map(ApiScope::of).flatMap(Optional::stream).forEach(scopes::add);
		return new ApiToken(rs.getObject("id", UUID.class), rs.getObject("user_id", UUID.class), rs.getString("name"),
				rs.getString("token_prefix"), Set.copyOf(scopes), rs.getTimestamp("created_at").toInstant(),
				rs.getTimestamp("expires_at").toInstant(), SqlText.instant(rs, "last_used_at"), SqlText.instant(rs, "revoked_at"));
	}

}
