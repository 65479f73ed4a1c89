package org.kakehashi.vulns.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.kakehashi.platform.InvalidFields;
import org.kakehashi.platform.KakehashiProperties;
import org.kakehashi.platform.Mailer;
import org.kakehashi.platform.Secrets;
import org.kakehashi.platform.SlidingWindowLimiter;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A guest proves their e-mail address before the report form opens: they give it, receive a one-time link, and
 * opening the link makes them a {@link VulnCases.GuestFinder} for a while. Requests are limited per address and
 * per client address, and answered the same way whatever the address, so the form tells nobody anything. Only the
 * SHA-256 of a link's token is stored. The same goes for asking a fresh personal link for a case.
 */
@Service
public class GuestVerifications {

	private final JdbcClient jdbc;
	private final Mailer mailer;
	private final AccessLinks links;
	private final KakehashiProperties properties;
	private final VulnsProperties settings;
	private final Clock clock;
	private final SlidingWindowLimiter perAddress;
	private final SlidingWindowLimiter perClient;

	GuestVerifications(JdbcClient jdbc, Mailer mailer, AccessLinks links, KakehashiProperties properties,
			VulnsProperties settings, Clock clock) {
		this.jdbc = jdbc;
		this.mailer = mailer;
		this.links = links;
		this.properties = properties;
		this.settings = settings;
		this.clock = clock;
		var limits = settings.guestRequestsPerHour();
		this.perAddress = new SlidingWindowLimiter(limits.perAddress(), Duration.ofHours(1), 100_000, clock);
		this.perClient = new SlidingWindowLimiter(limits.perClient(), Duration.ofHours(1), 100_000, clock);
	}

	/** Who stands for a party of a case, to be sent a fresh link. */
	private record Holder(UUID caseId, AccessLinks.Party party, @Nullable UUID vendorId, String email) {
	}

	/** What a guest typed on the first step. */
	public record Start(String email, String name, String language) {
	}

	/**
	 * Checks the typed address and name, then e-mails the verification link unless this address or client asked too
	 * often (false: limited; the page says so without saying more).
	 */
	@Transactional
	public boolean start(Start start, String client) {
		var problems = new ArrayList<InvalidFields.Problem>();
		var email = start.email().strip();
		if (!VendorDirectory.EMAIL.matcher(email).matches() || email.length() > 320) {
			problems.add(CaseRules.problem("email", "vulns.error.email", "Not an e-mail address."));
		}
		CaseRules.line(problems, "name", start.name(), CaseRules.NAME_MAX, false);
		if (!problems.isEmpty()) {
			throw new InvalidFields(problems);
		}
		if (!perClient.tryAcquire(client) || !perAddress.tryAcquire(email.toLowerCase(Locale.ROOT))) {
			return false;
		}
		var token = Secrets.newToken();
		var now = Instant.now(clock);
		var language = "en".equals(start.language()) ? "en" : "ja";
		jdbc.sql("""
				insert into vuln_guest_verification (token_hash, email, name, language, created_at, expires_at)
				values (:hash, :email, :name, :language, :now, :expires)
				""")
			.param("hash", Secrets.sha256Hex(token)).param("email", email).param("name", start.name().strip())
			.param("language", language).param("now", Timestamp.from(now))
			.param("expires", Timestamp.from(now.plus(settings.guestVerificationValidity()))).update();
		var link = properties.link("/public/vulns/report/verify?token=" + token);
		var hours = Math.max(1, settings.guestVerificationValidity().toHours());
		mailer.afterCommit("guest verification mail", () -> mailer.sendInBothLanguages(email, language,
				"<vulns-guest-" + Secrets.sha256Hex(token).substring(0, 16) + "@kakehashi>", "vulns.mail.verify.subject",
				"vulns.mail.verify.body", locale -> new Object[] { link, hours }));
		return true;
	}

	/** The address behind an unused, unexpired link, without using it up (the page that asks to confirm it). */
	@Transactional(readOnly = true)
	public Optional<String> pending(String token) {
		if (token.isBlank() || token.length() > 100) {
			return Optional.empty();
		}
		return jdbc.sql("""
				select email from vuln_guest_verification where token_hash = :hash and used_at is null and expires_at > :now
				""").param("hash", Secrets.sha256Hex(token)).param("now", Timestamp.from(Instant.now(clock)))
			.query(String.class).optional();
	}

	/** The guest behind an unused, unexpired link; the link is used up. */
	@Transactional
	public Optional<VulnCases.GuestFinder> verify(String token) {
		if (token.isBlank() || token.length() > 100) {
			return Optional.empty();
		}
		var now = Instant.now(clock);
		return jdbc.sql("""
				update vuln_guest_verification set used_at = :now
				 where token_hash = :hash and used_at is null and expires_at > :now
				returning email, name, language
				""")
			.param("hash", Secrets.sha256Hex(token)).param("now", Timestamp.from(now))
			.query((rs, n) -> new VulnCases.GuestFinder(rs.getString("email"), rs.getString("name"), rs.getString("language")))
			.optional();
	}

	/**
	 * A fresh personal link for whoever has held one for the case of this number at this address (a guest finder,
	 * a vendor contact), by e-mail. Answers nothing about whether there was one.
	 */
	@Transactional
	public void resend(String number, String email, String client) {
		var address = email.strip();
		if (!perClient.tryAcquire(client) || !perAddress.tryAcquire(address.toLowerCase(Locale.ROOT))) {
			return;
		}
		// Only someone who still stands for a party of the open case: the guest finder's own address, or a current
		// security contact of a vendor still on it (a contact removed from the directory gets nothing).
		var holders = jdbc.sql("""
				select distinct on (k.party, k.vendor_id) k.case_id, k.party, k.vendor_id, k.email
				  from vuln_access_key k join vuln_case c on c.id = k.case_id
				 where c.number = :number and lower(k.email) = lower(:email) and c.status not in ('CLOSED', 'NOT_ACCEPTED')
				   and ((k.party = 'FINDER' and c.finder_user_id is null and lower(c.finder_email) = lower(k.email))
				        or (k.party = 'VENDOR'
				            and exists (select 1 from vuln_case_vendor cv where cv.case_id = c.id and cv.vendor_id = k.vendor_id)
				            and exists (select 1 from vuln_vendor_contact vc
				                         where vc.vendor_id = k.vendor_id and lower(vc.email) = lower(k.email))))
				 order by k.party, k.vendor_id, k.created_at desc
				""")
			.param("number", number.strip()).param("email", address)
			.query((rs, n) -> new Holder(rs.getObject("case_id", UUID.class), AccessLinks.Party.valueOf(rs.getString("party")),
					rs.getObject("vendor_id", UUID.class), rs.getString("email")))
			.list();
		for (var holder : holders) {
			var link = links.issue(holder.caseId(), holder.party(), holder.vendorId(), holder.email());
			var to = holder.email();
			mailer.afterCommit("personal link mail", () -> mailer.sendInBothLanguages(to, null,
					"<vulns-link-" + Math.abs(link.hashCode()) + "@kakehashi>", "vulns.mail.link.subject",
					"vulns.mail.link.body", locale -> new Object[] { number.strip(), link }));
		}
	}
}
