package org.kakehashi.identity.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import org.kakehashi.audit.AuditEvent;
import org.kakehashi.audit.AuditLog;
import org.kakehashi.identity.OrganisationType;
import org.kakehashi.identity.Role;
import org.kakehashi.platform.InvalidInput;
import org.kakehashi.platform.KakehashiProperties;
import org.kakehashi.platform.Secrets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The first administrator. While nobody can sign in, each start prints a one-time set-up link (valid for
 * {@code kakehashi.security.setup-link-validity}, 24 h by default) and invalidates any earlier one; only
 * its hash is stored. Completing it creates the operating organisation and its platform administrator.
 */
@Service
public class FirstAdminSetup {

	private static final Logger log = LoggerFactory.getLogger(FirstAdminSetup.class);

	private final JdbcClient jdbc;
	private final Users users;
	private final Organisations organisations;
	private final PasswordEncoder passwords;
	private final AuditLog audit;
	private final KakehashiProperties properties;
	private final Clock clock;
	private final Environment environment;

	FirstAdminSetup(JdbcClient jdbc, Users users, Organisations organisations, PasswordEncoder passwords,
			AuditLog audit, KakehashiProperties properties, Clock clock, Environment environment) {
		this.environment = environment;
		this.jdbc = jdbc;
		this.users = users;
		this.organisations = organisations;
		this.passwords = passwords;
		this.audit = audit;
		this.properties = properties;
		this.clock = clock;
	}

	@EventListener(ApplicationReadyEvent.class)
	@Order(10)
	@Transactional
	public void offerSetupLinkWhenNobodyCanSignIn() {
		if (!needed() || environment.acceptsProfiles(Profiles.of("command"))) {
			return;
		}
		var link = issueLink();
		log.warn("""

				==========================================================================================
				 Kakehashi has no administrator yet. Open this one-time link to create the first one
				 (valid until {} UTC; a restart issues a new link and invalidates this one):

				   {}
				==========================================================================================
				""", Instant.now(clock).plus(properties.security().setupLinkValidity()), link);
	}

	public boolean needed() {
		return users.count() == 0;
	}

	@Transactional
	public String issueLink() {
		var now = Instant.now(clock);
		jdbc.sql("update setup_token set used_at = :now where used_at is null").param("now", Timestamp.from(now)).update();
		var token = Secrets.newToken();
		jdbc.sql("insert into setup_token (token_hash, created_at, expires_at) values (:hash, :now, :expires)")
			.param("hash", Secrets.sha256Hex(token))
			.param("now", Timestamp.from(now))
			.param("expires", Timestamp.from(now.plus(properties.security().setupLinkValidity())))
			.update();
		return properties.link("/setup?token=" + token);
	}

	public boolean valid(String token) {
		return needed() && jdbc.sql("select count(*) from setup_token where token_hash = :hash and used_at is null and expires_at > :now")
			.param("hash", Secrets.sha256Hex(token))
			.param("now", Timestamp.from(Instant.now(clock)))
			.query(Long.class)
			.single() == 1;
	}

	public record Request(String token, String organisationName, OrganisationType organisationType, String displayName,
			String email, String password) {
	}

	@Transactional
	public UserAccount complete(Request request) {
		var consumed = jdbc.sql("""
				update setup_token set used_at = :now
				where token_hash = :hash and used_at is null and expires_at > :now
				""")
			.param("hash", Secrets.sha256Hex(request.token()))
			.param("now", Timestamp.from(Instant.now(clock)))
			.update();
		if (consumed != 1 || !needed()) {
			throw new InvalidInput("token", "setup.link-invalid", "This set-up link is no longer valid.");
		}
		PasswordPolicy.check(request.password(), request.email(), request.displayName()).ifPresent(rule -> {
			throw new InvalidInput("password", rule, "The password does not meet the rules.");
		});
		var organisation = organisations.create(new Organisations.Draft(request.organisationName().strip(), null,
				request.organisationType(), null, null, true, List.of()));
		var admin = users.create(organisation.id(), request.email(), request.displayName(),
				passwords.encode(request.password()), EnumSet.of(Role.PLATFORM_ADMIN, Role.ORG_ADMIN));
		audit.record(AuditEvent.by(admin.principal(), "identity.setup.completed", "user", admin.id(),
				Map.of("organisation", organisation.name(), "email", admin.email())));
		log.info("First administrator {} created; the set-up link is now spent.", admin.email());
		return admin;
	}
}
