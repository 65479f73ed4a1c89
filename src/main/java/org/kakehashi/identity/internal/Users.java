package org.kakehashi.identity.internal;

import org.kakehashi.platform.Page;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.kakehashi.identity.OrganisationType;
import org.kakehashi.identity.Role;
import org.kakehashi.platform.Ids;
import org.kakehashi.platform.SqlText;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class Users {

	private static final String SELECT = """
			select u.*, o.name as organisation_name, o.type as organisation_type, o.require_mfa as organisation_requires_mfa,
			       coalesce(array(select r.role from user_role r where r.user_id = u.id order by r.role), '{}') as roles,
			       (select count(*) from user_credentials c join user_entities e on e.id = c.user_entity_user_id
			         where e.name = u.email) as passkeys
			from app_user u join organisation o on o.id = u.organisation_id
			""";

	private final JdbcClient jdbc;
	private final Clock clock;

	Users(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	public UserAccount create(UUID organisationId, String email, String displayName, @Nullable String passwordHash,
			Set<Role> roles) {
		var id = Ids.newId(clock);
		jdbc.sql("""
				insert into app_user (id, organisation_id, email, display_name, password_hash, created_at)
				values (:id, :org, :email, :name, :hash, :now)
				""")
			.param("id", id)
			.param("org", organisationId)
			.param("email", email.strip())
			.param("name", displayName.strip())
			.param("hash", passwordHash)
			.param("now", Timestamp.from(Instant.now(clock)))
			.update();
		replaceRoles(id, roles);
		return byId(id).orElseThrow();
	}

	public void replaceRoles(UUID id, Set<Role> roles) {
		jdbc.sql("delete from user_role where user_id = :id").param("id", id).update();
		jdbc.sql("insert into user_role (user_id, role) select :id, unnest(:roles::text[])")
			.param("id", id)
			.param("roles", roles.stream().map(Role::name).toArray(String[]::new))
			.update();
	}

	public Optional<UserAccount> byId(UUID id) {
		return jdbc.sql(SELECT + " where u.id = :id").param("id", id).query(Users::map).optional();
	}

	/** The user, if they exist and belong to {@code organisation} (null: any organisation). */
	public Optional<UserAccount> byIdWithin(UUID id, @Nullable UUID organisation) {
		return jdbc.sql(SELECT + " where u.id = :id and (cast(:org as uuid) is null or u.organisation_id = :org)")
			.param("id", id)
			.param("org", organisation)
			.query(Users::map)
			.optional();
	}

	public Optional<UserAccount> byEmail(String email) {
		return jdbc.sql(SELECT + " where lower(u.email) = lower(:email)").param("email", email.strip()).query(Users::map).optional();
	}

	public boolean emailTaken(String email) {
		return jdbc.sql("select count(*) from app_user where lower(email) = lower(:email)")
			.param("email", email.strip())
			.query(Long.class)
			.single() > 0;
	}

	public long count() {
		return jdbc.sql("select count(*) from app_user").query(Long.class).single();
	}

	public Page<UserAccount> search(@Nullable UUID organisationId, @Nullable String text, @Nullable Boolean active,
			int page, int size) {
		var where = new StringBuilder(" where true");
		var params = new HashMap<String, Object>();
		if (organisationId != null) {
			where.append(" and u.organisation_id = :org");
			params.put("org", organisationId);
		}
		if (text != null && !text.isBlank()) {
			where.append(" and (u.email ilike :text or u.display_name ilike :text or o.name ilike :text)");
			params.put("text", SqlText.containing(text));
		}
		if (active != null) {
			where.append(" and u.active = :active");
			params.put("active", active);
		}
		long total = jdbc.sql("select count(*) from app_user u join organisation o on o.id = u.organisation_id" + where)
			.params(params)
			.query(Long.class)
			.single();
		params.put("limit", size);
		params.put("offset", (long) page * size);
		var items = jdbc.sql(SELECT + where + " order by o.name, u.display_name limit :limit offset :offset")
			.params(params)
			.query(Users::map)
			.list();
		return new Page<>(items, page, size, total);
	}

	public void setPassword(UUID id, String passwordHash) {
		jdbc.sql("update app_user set password_hash = :hash, failed_attempts = 0, locked_until = null where id = :id")
			.param("id", id)
			.param("hash", passwordHash)
			.update();
	}

	public void setActive(UUID id, boolean active) {
		jdbc.sql("update app_user set active = :active, deactivated_at = case when cast(:active as boolean) then null else cast(:now as timestamptz) end where id = :id")
			.param("id", id)
			.param("active", active)
			.param("now", Timestamp.from(Instant.now(clock)))
			.update();
	}

	/** Signs the user out everywhere: their sessions live in PostgreSQL, keyed by the principal's name. */
	public void endSessions(String email) {
		jdbc.sql("delete from spring_session where principal_name = :email").param("email", email).update();
	}

	public void setLocale(UUID id, String locale) {
		jdbc.sql("update app_user set locale = :locale where id = :id").param("id", id).param("locale", locale).update();
	}

	public void updateProfile(UUID id, String displayName) {
		jdbc.sql("update app_user set display_name = :name where id = :id").param("id", id).param("name", displayName.strip()).update();
	}

	/** Counts a failed attempt and locks the account once the limit is reached; returns the new count. */
	public int recordFailure(UUID id, int maxAttempts, Instant lockUntil) {
		return jdbc.sql("""
				update app_user set failed_attempts = failed_attempts + 1,
				       locked_until = case when failed_attempts + 1 >= :max then :lockUntil else locked_until end
				where id = :id returning failed_attempts
				""")
			.param("id", id)
			.param("max", maxAttempts)
			.param("lockUntil", Timestamp.from(lockUntil))
			.query(Integer.class)
			.single();
	}

	public void recordSuccess(UUID id) {
		jdbc.sql("update app_user set failed_attempts = 0, locked_until = null, last_sign_in_at = :now where id = :id")
			.param("id", id)
			.param("now", Timestamp.from(Instant.now(clock)))
			.update();
	}

	public void unlock(UUID id) {
		jdbc.sql("update app_user set failed_attempts = 0, locked_until = null where id = :id").param("id", id).update();
	}

	public void startTotpEnrolment(UUID id, String secret) {
		jdbc.sql("update app_user set totp_secret = :secret, totp_enabled_at = null, totp_last_step = null where id = :id")
			.param("id", id)
			.param("secret", secret)
			.update();
	}

	public void enableTotp(UUID id, long step) {
		jdbc.sql("update app_user set totp_enabled_at = :now, totp_last_step = :step where id = :id")
			.param("id", id)
			.param("step", step)
			.param("now", Timestamp.from(Instant.now(clock)))
			.update();
	}

	/** Accepts a TOTP step only once: a code seen before (replay) updates nothing. */
	public boolean consumeTotpStep(UUID id, long step) {
		return jdbc.sql("update app_user set totp_last_step = :step where id = :id and (totp_last_step is null or totp_last_step < :step)")
			.param("id", id)
			.param("step", step)
			.update() == 1;
	}

	public void clearSecondFactors(UUID id, String email) {
		jdbc.sql("update app_user set totp_secret = null, totp_enabled_at = null, totp_last_step = null where id = :id")
			.param("id", id)
			.update();
		jdbc.sql("delete from recovery_code where user_id = :id").param("id", id).update();
		jdbc.sql("delete from user_credentials where user_entity_user_id in (select id from user_entities where name = :email)")
			.param("email", email)
			.update();
	}

	static UserAccount map(ResultSet rs, int row) throws SQLException {
		var roles = EnumSet.noneOf(Role.class);
		Arrays.stream((String[]) rs.getArray("roles").getArray()).map(Role::valueOf).forEach(roles::add);
		return new UserAccount(rs.getObject("id", UUID.class), rs.getObject("organisation_id", UUID.class),
				rs.getString("organisation_name"), OrganisationType.valueOf(rs.getString("organisation_type")),
				rs.getBoolean("organisation_requires_mfa"), rs.getString("email"), rs.getString("display_name"),
				rs.getString("password_hash"), rs.getBoolean("active"), rs.getString("locale"), rs.getInt("failed_attempts"),
				SqlText.instant(rs, "locked_until"), rs.getString("totp_secret"), SqlText.instant(rs, "totp_enabled_at"),
				(Long) rs.getObject("totp_last_step"), Set.copyOf(roles), rs.getTimestamp("created_at").toInstant(),
				SqlText.instant(rs, "last_sign_in_at"), rs.getLong("passkeys"));
	}

}
