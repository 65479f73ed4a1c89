package org.kakehashi.support;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.kakehashi.identity.OrganisationType;
import org.kakehashi.identity.Role;
import org.kakehashi.identity.internal.Organisation;
import org.kakehashi.identity.internal.Organisations;
import org.kakehashi.identity.internal.UserAccount;
import org.kakehashi.identity.internal.Users;
import org.kakehashi.identity.security.Totp;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/** Creates directory entries straight through the module's own services, with unique names per call. */
@Component
public class Fixtures {

	public static final String PASSWORD = "correct horse battery staple 42";

	private final Organisations organisations;
	private final Users users;
	private final PasswordEncoder passwords;

	Fixtures(Organisations organisations, Users users, PasswordEncoder passwords) {
		this.organisations = organisations;
		this.users = users;
		this.passwords = passwords;
	}

	public static String unique(String prefix) {
		return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
	}

	public Organisation organisation(OrganisationType type, String... sectors) {
		return organisations.create(new Organisations.Draft(unique("Org " + type.name().toLowerCase()), null, type, null,
				"東京都", false, List.of(sectors)));
	}

	public UserAccount user(Organisation organisation, Role... roles) {
		return users.create(organisation.id(), unique("user") + "@example.jp", "Test User", passwords.encode(PASSWORD),
				Set.of(roles));
	}

	/**
	 * Signs in fully, whatever the user's second-factor rules: enrols TOTP straight in the database, then
	 * answers {@code /login/second-factor} with the current code. The one place to change should that
	 * step's form change.
	 */
	public WebClient.Response signInWithSecondFactor(WebClient client, UserAccount user) {
		var secret = TotpCodes.newSecret();
		users.startTotpEnrolment(user.id(), secret);
		users.enableTotp(user.id(), 0);
		var password = signIn(client, user.email());
		if (!password.location().endsWith("/login/second-factor")) {
			return password;
		}
		var code = TotpCodes.code(secret, TotpCodes.step(java.time.Instant.now()));
		return client.submit("/login/second-factor", "/login/second-factor", Map.of("code", code));
	}

	/** Signs in with the password; completes only for users without a second factor. */
	public static WebClient.Response signIn(WebClient client, String email) {
		return client.submit("/login", "/login", Map.of("email", email, "password", PASSWORD));
	}

	/**
	 * The code an authenticator app would show for the user's stored TOTP secret, {@code stepOffset} steps of
	 * 30 s from now (the server accepts -1..+1; a later step than the last one used avoids the replay guard).
	 */
	public String totpCode(UUID userId, int stepOffset) {
		var secret = users.byId(userId).orElseThrow().totpSecret();
		if (secret == null) {
			throw new IllegalStateException("The user has no TOTP secret yet: load the enrolment page first");
		}
		return Totp.code(secret, Instant.now().getEpochSecond() / Totp.STEP_SECONDS + stepOffset);
	}
}
