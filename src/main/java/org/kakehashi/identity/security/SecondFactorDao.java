package org.kakehashi.identity.security;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.kakehashi.platform.Secrets;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Recovery codes, TOTP removal and the passkey list: the second-factor SQL that Users does not hold. */
@Repository
class SecondFactorDao {

	/** No 0/O, 1/l/i: codes are typed from paper. */
	private static final String ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";
	static final int RECOVERY_CODES = 10;

	private final JdbcClient jdbc;
	private final Clock clock;

	SecondFactorDao(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/** Replaces every recovery code of the user with fresh ones and returns them; only hashes are stored. */
	List<String> replaceRecoveryCodes(UUID userId) {
		jdbc.sql("delete from recovery_code where user_id = :id").param("id", userId).update();
		var codes = new ArrayList<String>();
		while (codes.size() < RECOVERY_CODES) {
			var code = newRecoveryCode();
			if (!codes.contains(code)) {
				codes.add(code);
			}
		}
		jdbc.sql("insert into recovery_code (user_id, code_hash) select :id, unnest(:hashes::text[])")
			.param("id", userId)
			.param("hashes", codes.stream().map(SecondFactorDao::hash).toArray(String[]::new))
			.update();
		return codes;
	}

	/** Marks an unused code as used; true only the first time a given code is presented. */
	boolean consumeRecoveryCode(UUID userId, String code) {
		return jdbc.sql("update recovery_code set used_at = :now where user_id = :id and code_hash = :hash and used_at is null")
			.param("now", Timestamp.from(Instant.now(clock)))
			.param("id", userId)
			.param("hash", hash(code))
			.update() == 1;
	}

	int unusedRecoveryCodes(UUID userId) {
		return jdbc.sql("select count(*) from recovery_code where user_id = :id and used_at is null")
			.param("id", userId)
			.query(Integer.class)
			.single();
	}

	void deleteRecoveryCodes(UUID userId) {
		jdbc.sql("delete from recovery_code where user_id = :id").param("id", userId).update();
	}

	void disableTotp(UUID userId) {
		jdbc.sql("update app_user set totp_secret = null, totp_enabled_at = null, totp_last_step = null where id = :id")
			.param("id", userId)
			.update();
	}

	List<SecondFactors.Passkey> passkeys(String email) {
		return jdbc.sql("""
				select c.credential_id, c.label, c.created, c.last_used
				from user_credentials c join user_entities e on e.id = c.user_entity_user_id
				where e.name = :email order by c.created
				""")
			.param("email", email)
			.query((rs, row) -> new SecondFactors.Passkey(rs.getString("credential_id"), rs.getString("label"),
					instant(rs.getTimestamp("created")), instant(rs.getTimestamp("last_used"))))
			.list();
	}

	/** Deletes one of the user's own passkeys; someone else's credential id deletes nothing. */
	boolean deletePasskey(String email, String credentialId) {
		return jdbc.sql("""
				delete from user_credentials
				where credential_id = :credential
				  and user_entity_user_id in (select id from user_entities where name = :email)
				""")
			.param("credential", credentialId)
			.param("email", email)
			.update() == 1;
	}

	static String hash(String code) {
		return Secrets.sha256Hex(normalise(code));
	}

	/** Users may type codes with or without the dash, in either case, with stray spaces. */
	static String normalise(String code) {
		return code.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
	}

	private static String newRecoveryCode() {
		// 10 characters from 31 symbols: about 50 bits, ample for a single-use code behind lockout.
		var random = Secrets.random();
		var code = new StringBuilder(11);
		for (int i = 0; i < 10; i++) {
			if (i == 5) {
				code.append('-');
			}
			code.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
		}
		return code.toString();
	}

	private static @Nullable Instant instant(@Nullable Timestamp timestamp) {
		return timestamp == null ? null : timestamp.toInstant();
	}
}
