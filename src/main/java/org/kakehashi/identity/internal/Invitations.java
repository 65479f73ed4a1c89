package org.kakehashi.identity.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.kakehashi.audit.AuditLog;
import org.kakehashi.identity.KakehashiUser;
import org.kakehashi.identity.Role;
import org.kakehashi.platform.InvalidInput;
import org.kakehashi.platform.KakehashiProperties;
import org.kakehashi.platform.Mailer;
import org.kakehashi.platform.Secrets;
import org.kakehashi.platform.SqlText;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Invitations by e-mail with a one-time link; accepting one creates the account. */
@Service
public class Invitations {

	public record Invitation(UUID id, UUID organisationId, String organisationName, String email, String displayName,
			Set<Role> roles, Instant createdAt, Instant expiresAt, @Nullable Instant acceptedAt, @Nullable Instant revokedAt) {

		public String state(Instant now) {
			if (acceptedAt != null) {
				return "accepted";
			}
			if (revokedAt != null) {
				return "revoked";
			}
			return expiresAt.isBefore(now) ? "expired" : "pending";
		}
	}

	private final JdbcClient jdbc;
	private final Users users;
	private final Organisations organisations;
	private final PasswordEncoder passwords;
	private final Mailer mailer;
	private final AuditLog audit;
	private final KakehashiProperties properties;
	private final Clock clock;

	Invitations(JdbcClient jdbc, Users users, Organisations organisations, PasswordEncoder passwords, Mailer mailer,
			AuditLog audit, KakehashiProperties properties, Clock clock) {
		this.jdbc = jdbc;
		this.users = users;
		this.organisations = organisations;
		this.passwords = passwords;
		this.mailer = mailer;
		this.audit = audit;
		this.properties = properties;
		this.clock = clock;
	}

	@Transactional
	public Invitation invite(KakehashiUser inviter, UUID organisationId, String email, String displayName, Set<Role> roles) {
		if (!inviter.platformAdmin() && !(inviter.has(Role.ORG_ADMIN) && inviter.organisationId().equals(organisationId))) {
			throw new InvalidInput("organisationId", "invite.not-allowed", "You may only invite users to your own organisation.",
					org.springframework.http.HttpStatus.FORBIDDEN);
		}
		if (roles.contains(Role.PLATFORM_ADMIN) && !inviter.platformAdmin()) {
			throw new InvalidInput("roles", "invite.role-not-allowed", "Only platform administrators can grant that role.",
					org.springframework.http.HttpStatus.FORBIDDEN);
		}
		if (roles.isEmpty()) {
			throw new InvalidInput("roles", "invite.roles-required", "Choose at least one role.");
		}
		if (users.emailTaken(email)) {
			throw new InvalidInput("email", "invite.email-taken", "A user with this e-mail address already exists.");
		}
		var organisation = organisations.byId(organisationId)
			.orElseThrow(() -> new InvalidInput("organisationId", "organisation.unknown", "Unknown organisation."));
		var now = Instant.now(clock);
		// A new invitation replaces any pending one for the same address.
		jdbc.sql("update invitation set revoked_at = :now where lower(email) = lower(:email) and accepted_at is null and revoked_at is null")
			.param("now", Timestamp.from(now))
			.param("email", email.strip())
			.update();
		var token = Secrets.newToken();
		var id = org.kakehashi.platform.Ids.newId(clock);
		jdbc.sql("""
				insert into invitation (id, token_hash, organisation_id, email, display_name, roles, invited_by, created_at, expires_at)
				values (:id, :hash, :org, :email, :name, :roles::text[], :by, :now, :expires)
				""")
			.param("id", id)
			.param("hash", Secrets.sha256Hex(token))
			.param("org", organisationId)
			.param("email", email.strip())
			.param("name", displayName.strip())
			.param("roles", roles.stream().map(Role::name).toArray(String[]::new))
			.param("by", inviter.id())
			.param("now", Timestamp.from(now))
			.param("expires", Timestamp.from(now.plus(properties.security().invitationValidity())))
			.update();
		var link = properties.link("/invitation?token=" + token);
		audit.record("identity.invitation.sent", "invitation", id,
				Map.of("email", email.strip(), "organisation", organisation.name(),
						"roles", roles.stream().map(Role::name).sorted().collect(Collectors.joining(","))));
		// The invitee's language is unknown: both languages, Japanese first.
		mailer.sendInBothLanguages(email.strip(), null, "mail.invitation.subject", "mail.invitation.body",
				displayName.strip(), organisation.name(), inviter.displayName(), link);
		return byId(id).orElseThrow();
	}

	public Optional<Invitation> pending(String token) {
		return jdbc.sql(SELECT + " where i.token_hash = :hash and i.accepted_at is null and i.revoked_at is null and i.expires_at > :now")
			.param("hash", Secrets.sha256Hex(token))
			.param("now", Timestamp.from(Instant.now(clock)))
			.query(Invitations::map)
			.optional();
	}

	@Transactional
	public UserAccount accept(String token, String displayName, String password) {
		var invitation = pending(token)
			.orElseThrow(() -> new InvalidInput("token", "invitation.invalid", "This invitation is no longer valid."));
		PasswordPolicy.check(password, invitation.email(), displayName).ifPresent(rule -> {
			throw new InvalidInput("password", rule, "The password does not meet the rules.");
		});
		if (users.emailTaken(invitation.email())) {
			throw new InvalidInput("token", "invitation.invalid", "This invitation is no longer valid.");
		}
		var claimed = jdbc.sql("update invitation set accepted_at = :now where id = :id and accepted_at is null")
			.param("now", Timestamp.from(Instant.now(clock)))
			.param("id", invitation.id())
			.update();
		if (claimed != 1) {
			throw new InvalidInput("token", "invitation.invalid", "This invitation is no longer valid.");
		}
		var user = users.create(invitation.organisationId(), invitation.email(), displayName,
				passwords.encode(password), invitation.roles());
		audit.record(org.kakehashi.audit.AuditEvent.by(user.principal(), "identity.invitation.accepted", "user", user.id(),
				Map.of("email", user.email())));
		return user;
	}

	@Transactional
	public void revoke(KakehashiUser actor, UUID invitationId) {
		var invitation = byId(invitationId).orElseThrow(() -> new InvalidInput("id", "invitation.invalid", "Unknown invitation.",
				org.springframework.http.HttpStatus.NOT_FOUND));
		if (!actor.platformAdmin() && !actor.organisationId().equals(invitation.organisationId())) {
			// Another organisation's invitation is as invisible as one that does not exist.
			throw new InvalidInput("id", "invitation.invalid", "Unknown invitation.", org.springframework.http.HttpStatus.NOT_FOUND);
		}
		jdbc.sql("update invitation set revoked_at = :now where id = :id and accepted_at is null and revoked_at is null")
			.param("now", Timestamp.from(Instant.now(clock)))
			.param("id", invitationId)
			.update();
		audit.record("identity.invitation.revoked", "invitation", invitationId, Map.of("email", invitation.email()));
	}

	public List<Invitation> forOrganisation(@Nullable UUID organisationId) {
		return jdbc.sql(SELECT + " where (cast(:org as uuid) is null or i.organisation_id = :org) order by i.created_at desc limit 100")
			.param("org", organisationId)
			.query(Invitations::map)
			.list();
	}

	public Optional<Invitation> byId(UUID id) {
		return jdbc.sql(SELECT + " where i.id = :id").param("id", id).query(Invitations::map).optional();
	}

	private static final String SELECT = """
			select i.*, o.name as organisation_name from invitation i join organisation o on o.id = i.organisation_id
			""";

	private static Invitation map(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
		var roles = EnumSet.noneOf(Role.class);
		Arrays.stream((String[]) rs.getArray("roles").getArray()).map(Role::valueOf).forEach(roles::add);
		return new Invitation(rs.getObject("id", UUID.class), rs.getObject("organisation_id", UUID.class),
				rs.getString("organisation_name"), rs.getString("email"), rs.getString("display_name"), Set.copyOf(roles),
				rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("expires_at").toInstant(),
				SqlText.instant(rs, "accepted_at"), SqlText.instant(rs, "revoked_at"));
	}
}
