package org.kakehashi.warnings.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.kakehashi.audit.AuditLog;
import org.kakehashi.identity.Directory;
import org.kakehashi.identity.Role;
import org.kakehashi.platform.Ids;
import org.kakehashi.platform.InvalidFields;
import org.kakehashi.platform.Page;
import org.kakehashi.platform.Secrets;
import org.kakehashi.platform.SqlText;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.server.ResponseStatusException;

/**
 * Prior agreements (事前の合意): the sender's staff record with which organisations they agreed to share warnings,
 * on what and through which channels; the subscriber's administrators see their agreements and keep their own
 * side current (contacts, webhook address, signing key). Changes are audited without the key.
 */
@Service
public class Agreements {

	private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

	/** What either party submits; the subscriber may only change its own side (contacts, language, webhook). */
	public record AgreementInput(@Nullable UUID subscriberOrganisationId, List<String> sectors, List<String> topics,
			List<String> keywords, List<String> channels, List<String> contactEmails, @Nullable String contactLanguage,
			@Nullable String webhookUrl, @Nullable LocalDate validFrom, @Nullable LocalDate validTo,
			@Nullable String note) {
	}

	private final JdbcClient jdbc;
	private final AuditLog audit;
	private final Clock clock;
	private final Directory directory;
	private final WarningsProperties settings;

	Agreements(JdbcClient jdbc, AuditLog audit, Clock clock, Directory directory, WarningsProperties settings) {
		this.jdbc = jdbc;
		this.audit = audit;
		this.clock = clock;
		this.directory = directory;
		this.settings = settings;
	}

	/** Agreements the viewer is a party to: as sender staff, or as a member of the subscriber. */
	@Transactional(readOnly = true)
	public Page<Agreement> list(WarningViewer viewer, @Nullable String text, boolean includeEnded, int page, int size) {
		var where = new StringBuilder(PARTY);
		if (!includeEnded) {
			where.append(" and a.ended_at is null");
		}
		if (text != null && !text.isBlank()) {
			where.append(" and exists (select 1 from organisation o where o.id in (a.subscriber_organisation_id, "
					+ "a.sender_organisation_id) and (o.name ilike :text or o.name_en ilike :text))");
		}
		var total = params(jdbc.sql("select count(*) from warning_agreement a where " + where), viewer, text)
			.query(Long.class).single();
		var items = params(jdbc.sql("select a.* from warning_agreement a where " + where
				+ " order by a.created_at desc, a.id desc limit :limit offset :offset"), viewer, text)
			.param("limit", size).param("offset", (long) page * size)
			.query(this::agreement).list();
		return new Page<>(items, page, size, total);
	}

	private static final String PARTY = """
			((a.sender_organisation_id = :viewerOrg and :viewerSenderStaff) or a.subscriber_organisation_id = :viewerOrg)
			""";

	private static JdbcClient.StatementSpec params(JdbcClient.StatementSpec spec, WarningViewer viewer,
			@Nullable String text) {
		spec = spec.param("viewerOrg", viewer.organisationId()).param("viewerSenderStaff", viewer.senderStaff());
		return text == null || text.isBlank() ? spec : spec.param("text", SqlText.containing(text));
	}

	@Transactional(readOnly = true)
	public Optional<Agreement> find(WarningViewer viewer, UUID id) {
		return params(jdbc.sql("select a.* from warning_agreement a where a.id = :id and " + PARTY), viewer, null)
			.param("id", id).query(this::agreement).optional();
	}

	/** Whether the viewer speaks for the agreement's subscriber (its administrators). */
	public static boolean subscriberAdmin(WarningViewer viewer, Agreement agreement) {
		return agreement.subscriberOrganisationId().equals(viewer.organisationId()) && viewer.roles().contains(Role.ORG_ADMIN);
	}

	public static boolean senderOf(WarningViewer viewer, Agreement agreement) {
		return viewer.senderStaff() && agreement.senderOrganisationId().equals(viewer.organisationId());
	}

	@Transactional
	public Agreement create(WarningViewer viewer, AgreementInput input) {
		if (!viewer.senderStaff()) {
			throw new ResponseStatusException(HttpStatus.FORBIDDEN, "Agreements are made by a sender's staff.");
		}
		var checked = check(viewer, input, null);
		var id = Ids.newId(clock);
		var now = Instant.now(clock);
		var secret = checked.channels().contains(Channel.WEBHOOK) ? Secrets.newToken() : null;
		jdbc.sql("""
				insert into warning_agreement (id, sender_organisation_id, subscriber_organisation_id, sectors, topics,
				       keywords, channels, contact_emails, contact_language, webhook_url, webhook_secret, valid_from,
				       valid_to, note, created_by, created_at, updated_at)
				values (:id, :sender, :subscriber, :sectors, :topics, :keywords, :channels, :emails, :language, :url,
				        :secret, :from, :to, :note, :by, :now, :now)
				""")
			.param("id", id).param("sender", viewer.organisationId()).param("subscriber", checked.subscriber())
			.param("sectors", WarningsDao.array(checked.sectors())).param("topics", WarningsDao.array(checked.topics()))
			.param("keywords", WarningsDao.array(checked.keywords()))
			.param("channels", checked.channels().stream().map(Enum::name).toArray(String[]::new))
			.param("emails", WarningsDao.array(checked.emails())).param("language", checked.language())
			.param("url", checked.webhookUrl()).param("secret", secret).param("from", checked.validFrom())
			.param("to", checked.validTo()).param("note", checked.note()).param("by", viewer.userId())
			.param("now", Timestamp.from(now))
			.update();
		audit.record("warnings.agreement-created", "warning_agreement", id, Map.of("subscriber",
				checked.subscriber().toString(), "channels", checked.channels().toString()));
		return find(viewer, id).orElseThrow();
	}

	/**
	 * The sender changes everything; the subscriber's administrators only their contacts, language and webhook
	 * address (the rest of their input is ignored). Adding the webhook channel issues a signing key.
	 */
	@Transactional
	public Agreement update(WarningViewer viewer, UUID id, AgreementInput input) {
		var existing = lock(viewer, id);
		var sender = senderOf(viewer, existing);
		if (!sender && !subscriberAdmin(viewer, existing)) {
			throw new ResponseStatusException(HttpStatus.FORBIDDEN, "Only the parties' staff change an agreement.");
		}
		if (existing.endedAt() != null) {
			throw new org.kakehashi.platform.InvalidInput("status", "warnings.error.agreement-ended",
					"The agreement has ended.", HttpStatus.CONFLICT);
		}
		var effective = sender ? input : new AgreementInput(existing.subscriberOrganisationId(), existing.sectors(),
				existing.topics(), existing.keywords(), existing.channels().stream().map(Enum::name).toList(),
				input.contactEmails(), input.contactLanguage(), input.webhookUrl(), existing.validFrom(),
				existing.validTo(), existing.note());
		var checked = check(viewer, new AgreementInput(existing.subscriberOrganisationId(), effective.sectors(),
				effective.topics(), effective.keywords(), effective.channels(), effective.contactEmails(),
				effective.contactLanguage(), effective.webhookUrl(), effective.validFrom(), effective.validTo(),
				effective.note()), existing);
		var secret = checked.channels().contains(Channel.WEBHOOK) && existing.webhookSecret() == null
				? Secrets.newToken() : existing.webhookSecret();
		var urlChanged = !java.util.Objects.equals(existing.webhookUrl(), checked.webhookUrl());
		jdbc.sql("""
				update warning_agreement set sectors = :sectors, topics = :topics, keywords = :keywords,
				       channels = :channels, contact_emails = :emails, contact_language = :language, webhook_url = :url,
				       webhook_secret = :secret, valid_from = :from, valid_to = :to, note = :note, updated_at = :now,
				       webhook_disabled_at = case when :urlChanged then null else webhook_disabled_at end,
				       webhook_failures = case when :urlChanged then 0 else webhook_failures end
				 where id = :id
				""")
			.param("id", id).param("sectors", WarningsDao.array(checked.sectors()))
			.param("topics", WarningsDao.array(checked.topics())).param("keywords", WarningsDao.array(checked.keywords()))
			.param("channels", checked.channels().stream().map(Enum::name).toArray(String[]::new))
			.param("emails", WarningsDao.array(checked.emails())).param("language", checked.language())
			.param("url", checked.webhookUrl()).param("secret", secret).param("from", checked.validFrom())
			.param("to", checked.validTo()).param("note", checked.note()).param("urlChanged", urlChanged)
			.param("now", Timestamp.from(Instant.now(clock)))
			.update();
		audit.record("warnings.agreement-updated", "warning_agreement", id, Map.of("by", sender ? "sender" : "subscriber",
				"channels", checked.channels().toString()));
		return find(viewer, id).orElseThrow();
	}

	/** Issues a new signing key (the old one stops working at once) and re-enables a disabled webhook. */
	@Transactional
	public Agreement rotateSecret(WarningViewer viewer, UUID id) {
		var existing = lock(viewer, id);
		if (!senderOf(viewer, existing) && !subscriberAdmin(viewer, existing)) {
			throw new ResponseStatusException(HttpStatus.FORBIDDEN, "Only the parties' staff change an agreement.");
		}
		if (!existing.channels().contains(Channel.WEBHOOK)) {
			throw new org.kakehashi.platform.InvalidInput("channels", "warnings.error.no-webhook",
					"The agreement has no webhook.", HttpStatus.CONFLICT);
		}
		jdbc.sql("""
				update warning_agreement set webhook_secret = :secret, webhook_disabled_at = null, webhook_failures = 0,
				       updated_at = :now where id = :id
				""")
			.param("id", id).param("secret", Secrets.newToken()).param("now", Timestamp.from(Instant.now(clock)))
			.update();
		audit.record("warnings.agreement-key-rotated", "warning_agreement", id, Map.of());
		return find(viewer, id).orElseThrow();
	}

	/** Ends the agreement today; warnings published later no longer reach the subscriber through it. */
	@Transactional
	public Agreement end(WarningViewer viewer, UUID id) {
		var existing = lock(viewer, id);
		if (!senderOf(viewer, existing)) {
			throw new ResponseStatusException(HttpStatus.FORBIDDEN, "The sender's staff end an agreement.");
		}
		jdbc.sql("update warning_agreement set ended_at = coalesce(ended_at, :now), updated_at = :now where id = :id")
			.param("id", id).param("now", Timestamp.from(Instant.now(clock)))
			.update();
		audit.record("warnings.agreement-ended", "warning_agreement", id, Map.of());
		return find(viewer, id).orElseThrow();
	}

	private Agreement lock(WarningViewer viewer, UUID id) {
		var found = params(jdbc.sql("select a.* from warning_agreement a where a.id = :id and " + PARTY + " for update"),
				viewer, null).param("id", id).query(this::agreement).optional();
		return found.orElseThrow(AgreementNotFound::new);
	}

	private record Checked(UUID subscriber, List<String> sectors, List<String> topics, List<String> keywords,
			EnumSet<Channel> channels, List<String> emails, String language, @Nullable String webhookUrl,
			LocalDate validFrom, @Nullable LocalDate validTo, String note) {
	}

	private Checked check(WarningViewer viewer, AgreementInput input, @Nullable Agreement existing) {
		var problems = new ArrayList<InvalidFields.Problem>();
		var subscriber = input.subscriberOrganisationId();
		if (subscriber == null) {
			problems.add(WarningRules.problem("subscriberOrganisationId", "warnings.error.subscriber-required",
					"Choose the subscribing organisation."));
		}
		else if (existing == null && directory.organisation(subscriber).isEmpty()) {
			problems.add(WarningRules.problem("subscriberOrganisationId", "warnings.error.unknown-organisation",
					"No such organisation."));
		}
		else if (subscriber.equals(viewer.organisationId()) && existing == null) {
			problems.add(WarningRules.problem("subscriberOrganisationId", "warnings.error.subscriber-self",
					"An organisation does not subscribe to itself."));
		}
		var known = directory.sectors().stream().map(Directory.SectorRef::code).collect(Collectors.toSet());
		var sectors = distinct(input.sectors(), true);
		for (int i = 0; i < sectors.size(); i++) {
			if (!known.contains(sectors.get(i))) {
				problems.add(WarningRules.problem("sectors[" + i + "]", "warnings.error.unknown-sector", "No such sector."));
			}
		}
		var channels = EnumSet.of(Channel.INBOX);
		for (int i = 0; i < input.channels().size(); i++) {
			try {
				channels.add(Channel.valueOf(input.channels().get(i).strip().toUpperCase(Locale.ROOT)));
			}
			catch (IllegalArgumentException e) {
				problems.add(WarningRules.problem("channels[" + i + "]", "warnings.error.channel",
						"A channel is INBOX, EMAIL, WEBHOOK or TAXII."));
			}
		}
		var emails = distinct(input.contactEmails(), false);
		for (int i = 0; i < emails.size(); i++) {
			if (!EMAIL.matcher(emails.get(i)).matches() || emails.get(i).length() > 254) {
				problems.add(WarningRules.problem("contactEmails[" + i + "]", "warnings.error.email", "Not an e-mail address."));
			}
		}
		var language = input.contactLanguage() == null || input.contactLanguage().isBlank() ? "ja" : input.contactLanguage();
		if (!"ja".equals(language) && !"en".equals(language)) {
			problems.add(WarningRules.problem("contactLanguage", "warnings.error.language", "The language is ja or en."));
		}
		var url = input.webhookUrl() == null || input.webhookUrl().isBlank() ? null : input.webhookUrl().strip();
		if (url != null && !webhookAddress(url)) {
			problems.add(WarningRules.problem("webhookUrl", "warnings.error.webhook-url",
					"An http or https address without user information."));
		}
		else if (url != null && !WebhookAddresses.allowed(url, settings.delivery().allowPrivateAddresses())) {
			problems.add(WarningRules.problem("webhookUrl", "warnings.error.webhook-private",
					"The address must resolve, and only to public addresses (not loopback, private or link-local)."));
		}
		if (channels.contains(Channel.WEBHOOK) && url == null) {
			problems.add(WarningRules.problem("webhookUrl", "warnings.error.webhook-required",
					"The webhook channel needs an address."));
		}
		var from = input.validFrom() == null ? LocalDate.now(clock) : input.validFrom();
		if (input.validTo() != null && input.validTo().isBefore(from)) {
			problems.add(WarningRules.problem("validTo", "warnings.error.period", "The end comes after the start."));
		}
		var note = input.note() == null ? "" : input.note().strip();
		if (note.length() > WarningRules.TEXT_MAX) {
			problems.add(WarningRules.problem("note", "warnings.error.too-long", "Too long.", WarningRules.TEXT_MAX));
		}
		if (!problems.isEmpty()) {
			throw new InvalidFields(problems);
		}
		return new Checked(subscriber, sectors, distinct(input.topics(), false), distinct(input.keywords(), false),
				channels, emails, language, url, from, input.validTo(), note);
	}

	private static boolean webhookAddress(String value) {
		try {
			var uri = new URI(value);
			return ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
					&& uri.getHost() != null && uri.getUserInfo() == null && value.length() <= 2_000;
		}
		catch (URISyntaxException e) {
			return false;
		}
	}

	private static List<String> distinct(@Nullable List<String> values, boolean upperCase) {
		var out = new LinkedHashSet<String>();
		if (values != null) {
			for (var value : values) {
				if (value != null && !value.isBlank()) {
					var v = value.strip();
					out.add(upperCase ? v.toUpperCase(Locale.ROOT) : v);
				}
			}
		}
		return List.copyOf(out);
	}

	Agreement agreement(ResultSet rs, int row) throws SQLException {
		var channels = EnumSet.noneOf(Channel.class);
		WarningsDao.strings(rs.getArray("channels")).forEach(c -> channels.add(Channel.valueOf(c)));
		return new Agreement(rs.getObject("id", UUID.class), rs.getObject("sender_organisation_id", UUID.class),
				rs.getObject("subscriber_organisation_id", UUID.class), WarningsDao.strings(rs.getArray("sectors")),
				WarningsDao.strings(rs.getArray("topics")), WarningsDao.strings(rs.getArray("keywords")), channels,
				WarningsDao.strings(rs.getArray("contact_emails")), rs.getString("contact_language"),
				rs.getString("webhook_url"), rs.getString("webhook_secret"), SqlText.instant(rs, "webhook_disabled_at"),
				rs.getInt("webhook_failures"), rs.getObject("valid_from", LocalDate.class),
				rs.getObject("valid_to", LocalDate.class), rs.getString("note"),
				rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant(),
				SqlText.instant(rs, "ended_at"));
	}

	/** An agreement that does not exist or that the viewer is no party to: the same answer for both. */
	public static final class AgreementNotFound extends ResponseStatusException {

		public AgreementNotFound() {
			super(HttpStatus.NOT_FOUND, "No such agreement.");
		}
	}
}
