package org.kakehashi.vulns.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.kakehashi.platform.KakehashiProperties;
import org.kakehashi.platform.Secrets;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Personal links into a case for those without an account: a guest finder, and vendor contacts whose vendor has
 * no Kakehashi organisation. A link carries a 256-bit key; only its SHA-256 is stored, with the party it stands
 * for and an expiry. Every e-mail about the case brings a fresh link, so an old one may expire without locking its
 * holder out. Opening a link puts the key's hash in the holder's session ({@link CaseViewer#withKeys}); each query
 * checks it against the unexpired keys again, so removing a contact from the vendor directory or letting a key expire
 * ends the access at once.
 */
@Service
public class AccessLinks {

	public enum Party {
		FINDER, VENDOR
	}

	/** An opened link: the case, who it stands for, and the key's hash to keep in the session. */
	public record Grant(UUID caseId, Party party, @Nullable UUID vendorId, String email, String keyHash,
			Instant expiresAt) {
	}

	private final JdbcClient jdbc;
	private final Clock clock;
	private final VulnsProperties settings;
	private final KakehashiProperties properties;

	AccessLinks(JdbcClient jdbc, Clock clock, VulnsProperties settings, KakehashiProperties properties) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.settings = settings;
		this.properties = properties;
	}

	/** A new link for the party (in the caller's transaction); returns its full address. */
	@Transactional
	public String issue(UUID caseId, Party party, @Nullable UUID vendorId, String email) {
		var key = Secrets.newToken();
		var now = Instant.now(clock);
		jdbc.sql("""
				insert into vuln_access_key (key_hash, case_id, party, vendor_id, email, created_at, expires_at)
				values (:hash, :case, :party, :vendor::uuid, :email, :now, :expires)
				""")
			.param("hash", Secrets.sha256Hex(key)).param("case", caseId).param("party", party.name())
			.param("vendor", vendorId).param("email", email).param("now", Timestamp.from(now))
			.param("expires", Timestamp.from(now.plus(settings.accessLinkValidity())))
			.update();
		return properties.link("/public/vulns/access?key=" + key);
	}

	/** The grant of an unexpired key, if it is one. */
	@Transactional(readOnly = true)
	public Optional<Grant> open(String key) {
		if (key.isBlank() || key.length() > 100) {
			return Optional.empty();
		}
		var hash = Secrets.sha256Hex(key);
		return jdbc.sql("""
				select case_id, party, vendor_id, email, expires_at from vuln_access_key
				 where key_hash = :hash and expires_at > :now
				""")
			.param("hash", hash).param("now", Timestamp.from(Instant.now(clock)))
			.query((rs, n) -> new Grant(rs.getObject("case_id", UUID.class), Party.valueOf(rs.getString("party")),
					rs.getObject("vendor_id", UUID.class), rs.getString("email"), hash,
					rs.getTimestamp("expires_at").toInstant()))
			.optional();
	}

	/**
	 * Ends, on every case, the links of a vendor's contacts that are no longer among its security contacts, or whose
	 * address is now one of its organisation's staff (they sign in instead).
	 */
	@Transactional
	public int revokeFormerContacts(UUID vendorId) {
		return jdbc.sql("""
				delete from vuln_access_key k
				 where k.party = 'VENDOR' and k.vendor_id = :vendor
				   and (not exists (select 1 from vuln_vendor_contact vc where vc.vendor_id = k.vendor_id
				                    and lower(vc.email) = lower(k.email))
				        or exists (select 1 from vuln_vendor v join app_user u on u.organisation_id = v.organisation_id
				                    where v.id = k.vendor_id and u.active and lower(u.email) = lower(k.email)))
				""").param("vendor", vendorId).update();
	}

	/**
	 * The address behind the viewer's link for this party of the case (a vendor contact's, a guest finder's), which
	 * stands for them where a signed-in user's name would.
	 */
	@Transactional(readOnly = true)
	public String holder(CaseViewer viewer, UUID caseId, Party party, @Nullable UUID vendorId) {
		return jdbc.sql("""
				select email from vuln_access_key
				 where case_id = :case and party = :party and vendor_id is not distinct from :vendor::uuid
				   and key_hash = any(:keys::text[]) and expires_at > :now
				 order by created_at desc limit 1
				""")
			.param("case", caseId).param("party", party.name()).param("vendor", vendorId)
			.param("keys", viewer.accessKeys().toArray(String[]::new)).param("now", Timestamp.from(Instant.now(clock)))
			.query(String.class).optional().orElse("");
	}
}
