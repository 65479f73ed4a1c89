package org.kakehashi.identity.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.kakehashi.platform.Ids;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Organisations' own OpenID Connect providers and the links from a provider's subject to a Kakehashi user.
 * The client secret is read only to talk to the provider; nothing here ever returns it to a page.
 */
@Repository
public class OidcProviders {

	private final JdbcClient jdbc;
	private final Clock clock;

	OidcProviders(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/** What an administrator may set. A null {@code clientSecret} on update keeps the stored one. */
	public record Settings(String displayName, String issuerUri, String clientId, @Nullable String clientSecret,
			String scopes, @Nullable String emailDomain, boolean jitProvisioning) {
	}

	public OidcProvider create(UUID organisationId, Settings settings) {
		if (settings.clientSecret() == null) {
			throw new IllegalArgumentException("A new provider needs a client secret");
		}
		var id = Ids.newId(clock);
		jdbc.sql("""
				insert into oidc_provider (id, organisation_id, registration_id, display_name, issuer_uri, client_id,
				                           client_secret, scopes, email_domain, jit_provisioning, enabled, created_at)
				values (:id, :org, :registrationId, :name, :issuer, :clientId, :secret, :scopes, :domain, :jit, true, :now)
				""")
			.param("id", id)
			.param("org", organisationId)
			.param("registrationId", id.toString())
			.param("name", settings.displayName())
			.param("issuer", settings.issuerUri())
			.param("clientId", settings.clientId())
			.param("secret", settings.clientSecret())
			.param("scopes", settings.scopes())
			.param("domain", settings.emailDomain())
			.param("jit", settings.jitProvisioning())
			.param("now", Timestamp.from(Instant.now(clock)))
			.update();
		return byId(id).orElseThrow();
	}

	public OidcProvider update(UUID id, Settings settings) {
		jdbc.sql("""
				update oidc_provider set display_name = :name, issuer_uri = :issuer, client_id = :clientId,
				       client_secret = coalesce(:secret, client_secret), scopes = :scopes, email_domain = :domain,
				       jit_provisioning = :jit
				where id = :id
				""")
			.param("id", id)
			.param("name", settings.displayName())
			.param("issuer", settings.issuerUri())
			.param("clientId", settings.clientId())
			.param("secret", settings.clientSecret())
			.param("scopes", settings.scopes())
			.param("domain", settings.emailDomain())
			.param("jit", settings.jitProvisioning())
			.update();
		return byId(id).orElseThrow();
	}

	public void setEnabled(UUID id, boolean enabled) {
		jdbc.sql("update oidc_provider set enabled = :enabled where id = :id").param("id", id).param("enabled", enabled).update();
	}

	public Optional<OidcProvider> byId(UUID id) {
		return jdbc.sql("select * from oidc_provider where id = :id").param("id", id).query(OidcProviders::map).optional();
	}

	public Optional<OidcProvider> byRegistrationId(String registrationId) {
		return jdbc.sql("select * from oidc_provider where registration_id = :registrationId")
			.param("registrationId", registrationId)
			.query(OidcProviders::map)
			.optional();
	}

	/** The provider of an organisation (the admin screen manages one per organisation). */
	public Optional<OidcProvider> ofOrganisation(UUID organisationId) {
		return jdbc.sql("select * from oidc_provider where organisation_id = :org order by created_at limit 1")
			.param("org", organisationId)
			.query(OidcProviders::map)
			.optional();
	}

	/** Buttons on the sign-in page. */
	public List<OidcProvider> enabled() {
		return jdbc.sql("select * from oidc_provider where enabled order by display_name")
			.query(OidcProviders::map)
			.list();
	}

	public Optional<UUID> linkedUser(UUID providerId, String subject) {
		return jdbc.sql("select user_id from user_oidc_link where provider_id = :provider and subject = :subject")
			.param("provider", providerId)
			.param("subject", subject)
			.query(UUID.class)
			.optional();
	}

	public void link(UUID providerId, String subject, UUID userId) {
		jdbc.sql("""
				insert into user_oidc_link (provider_id, subject, user_id) values (:provider, :subject, :user)
				on conflict (provider_id, subject) do nothing
				""")
			.param("provider", providerId)
			.param("subject", subject)
			.param("user", userId)
			.update();
	}

	static OidcProvider map(ResultSet rs, int row) throws SQLException {
		return new OidcProvider(rs.getObject("id", UUID.class), rs.getObject("organisation_id", UUID.class),
				rs.getString("registration_id"), rs.getString("display_name"), rs.getString("issuer_uri"),
				rs.getString("client_id"), rs.getString("client_secret"), rs.getString("scopes"),
				rs.getString("email_domain"), rs.getBoolean("jit_provisioning"), rs.getBoolean("enabled"),
				rs.getTimestamp("created_at").toInstant());
	}
}
