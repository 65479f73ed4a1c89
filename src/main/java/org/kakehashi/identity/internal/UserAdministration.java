package org.kakehashi.identity.internal;

import org.kakehashi.platform.Page;
import java.util.EnumSet;
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
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What administrators do to user accounts. Organisation administrators reach only the users of their
 * own organisation: the lookup itself is scoped, so another organisation's user simply does not exist
 * for them. The last active platform administrator can neither lose that role nor be deactivated.
 */
@Service
public class UserAdministration {

	private final JdbcClient jdbc;
	private final Users users;
	private final PasswordResets passwordResets;
	private final AuditLog audit;

	UserAdministration(JdbcClient jdbc, Users users, PasswordResets passwordResets, AuditLog audit) {
		this.jdbc = jdbc;
		this.users = users;
		this.passwordResets = passwordResets;
		this.audit = audit;
	}

	@Transactional(readOnly = true)
	public Page<UserAccount> search(KakehashiUser actor, @Nullable UUID organisationId, @Nullable String text,
			@Nullable Boolean active, int page, int size) {
		var organisation = actor.platformAdmin() ? organisationId : actor.organisationId();
		return users.search(organisation, text, active, page, size);
	}

	@Transactional(readOnly = true)
	public Optional<UserAccount> find(KakehashiUser actor, UUID id) {
		return users.byIdWithin(id, OrganisationAdministration.scope(actor));
	}

	@Transactional
	public UserAccount changeRoles(KakehashiUser actor, UUID id, Set<Role> requested) {
		var user = require(actor, id);
		var roles = requested.isEmpty() ? EnumSet.noneOf(Role.class) : EnumSet.copyOf(requested);
		if (roles.isEmpty()) {
			throw new InvalidInput("roles", "invite.roles-required", "Choose at least one role.");
		}
		if (!actor.platformAdmin() && roles.contains(Role.PLATFORM_ADMIN) != user.roles().contains(Role.PLATFORM_ADMIN)) {
			throw new InvalidInput("roles", "invite.role-not-allowed", "Only platform administrators can grant that role.",
					HttpStatus.FORBIDDEN);
		}
		if (user.roles().contains(Role.PLATFORM_ADMIN) && !roles.contains(Role.PLATFORM_ADMIN) && user.active()
				&& otherActivePlatformAdmins(id) == 0) {
			throw new InvalidInput("roles", "user.last-platform-admin",
					"This is the last active platform administrator: the role cannot be removed.");
		}
		if (roles.equals(user.roles())) {
			return user;
		}
		users.replaceRoles(id, roles);
		// The user's current sessions carry the old roles: sign them out so the change takes effect now.
		users.endSessions(user.email());
		audit.record("identity.user.roles-changed", "user", id, Map.of("email", user.email(), "from", names(user.roles()),
				"to", names(roles)));
		return users.byId(id).orElseThrow();
	}

	@Transactional
	public void deactivate(KakehashiUser actor, UUID id) {
		var user = require(actor, id);
		if (user.id().equals(actor.id())) {
			throw new InvalidInput("id", "user.not-yourself", "You cannot deactivate your own account.");
		}
		if (user.roles().contains(Role.PLATFORM_ADMIN) && otherActivePlatformAdmins(id) == 0) {
			throw new InvalidInput("id", "user.last-platform-admin",
					"This is the last active platform administrator: the account cannot be deactivated.");
		}
		users.setActive(id, false);
		users.endSessions(user.email());
		audit.record("identity.user.deactivated", "user", id, Map.of("email", user.email()));
	}

	@Transactional
	public void reactivate(KakehashiUser actor, UUID id) {
		var user = require(actor, id);
		users.setActive(id, true);
		audit.record("identity.user.reactivated", "user", id, Map.of("email", user.email()));
	}

	@Transactional
	public void unlock(KakehashiUser actor, UUID id) {
		var user = require(actor, id);
		users.unlock(id);
		audit.record("identity.user.unlocked", "user", id, Map.of("email", user.email()));
	}

	@Transactional
	public void resetSecondFactor(KakehashiUser actor, UUID id) {
		var user = require(actor, id);
		users.clearSecondFactors(id, user.email());
		users.endSessions(user.email());
		audit.record("identity.user.second-factor-reset", "user", id, Map.of("email", user.email()));
	}

	@Transactional
	public void sendPasswordReset(KakehashiUser actor, UUID id) {
		var user = require(actor, id);
		passwordResets.issue(user, "admin");
	}

	private UserAccount require(KakehashiUser actor, UUID id) {
		var user = find(actor, id).orElseThrow(() -> new InvalidInput("id", "user.unknown", "Unknown user.", HttpStatus.NOT_FOUND));
		if (!actor.platformAdmin() && (!actor.has(Role.ORG_ADMIN) || user.roles().contains(Role.PLATFORM_ADMIN))) {
			throw new InvalidInput("id", "user.not-allowed", "Only platform administrators may change this account.",
					HttpStatus.FORBIDDEN);
		}
		return user;
	}

	private long otherActivePlatformAdmins(UUID except) {
		return jdbc.sql("""
				select count(*) from app_user u join user_role r on r.user_id = u.id
				where r.role = 'PLATFORM_ADMIN' and u.active and u.id <> :id
				""").param("id", except).query(Long.class).single();
	}

	private static String names(Set<Role> roles) {
		return roles.stream().map(Role::name).sorted().collect(Collectors.joining(","));
	}
}
