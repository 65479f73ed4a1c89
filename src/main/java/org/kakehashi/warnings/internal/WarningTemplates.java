package org.kakehashi.warnings.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.kakehashi.audit.AuditLog;
import org.kakehashi.platform.Ids;
import org.kakehashi.platform.InvalidInput;
import org.kakehashi.sharing.Tlp;
import org.springframework.context.MessageSource;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.server.ResponseStatusException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Starting points for a warning: the built-in ones (an actively exploited vulnerability, a phishing campaign,
 * ransomware, DDoS), written in both languages in the message bundles, and those a sender organisation saved from
 * its own warnings. Only the organisation's sender staff see, use and delete its templates; saving and deleting are
 * audited (never the text).
 */
@Service
public class WarningTemplates {

	static final int NAME_MAX = 200;
	private static final String BUILT_IN = "builtin-";

	/** The built-in templates: message key stem, urgency, TLP and topics they start with. */
	enum BuiltIn {
		EXPLOITED_VULNERABILITY("exploited-vulnerability", Urgency.CRITICAL, Tlp.AMBER, List.of("vulnerability")),
		PHISHING("phishing", Urgency.HIGH, Tlp.GREEN, List.of("phishing")),
		RANSOMWARE("ransomware", Urgency.HIGH, Tlp.AMBER, List.of("ransomware")),
		DDOS("ddos", Urgency.HIGH, Tlp.GREEN, List.of("ddos"));

		final String code;
		final Urgency urgency;
		final Tlp tlp;
		final List<String> topics;

		BuiltIn(String code, Urgency urgency, Tlp tlp, List<String> topics) {
			this.code = code;
			this.urgency = urgency;
			this.tlp = tlp;
			this.topics = topics;
		}
	}

	/** A template as the chooser lists it; {@code id} is {@code builtin-…} or the saved template's UUID. */
	public record Template(String id, String name, boolean builtIn, @Nullable String createdBy,
			@Nullable Instant createdAt) {
	}

	private final JdbcClient jdbc;
	private final WarningsDao warnings;
	private final MessageSource messages;
	private final AuditLog audit;
	private final Clock clock;
	private final JsonMapper json;

	WarningTemplates(JdbcClient jdbc, WarningsDao warnings, MessageSource messages, AuditLog audit, Clock clock,
			JsonMapper json) {
		this.jdbc = jdbc;
		this.warnings = warnings;
		this.messages = messages;
		this.audit = audit;
		this.clock = clock;
		this.json = json;
	}

	/** The built-in templates, then the organisation's own by name. */
	@Transactional(readOnly = true)
	public List<Template> list(WarningViewer viewer, Locale locale) {
		requireSender(viewer);
		var out = new ArrayList<Template>();
		for (var b : BuiltIn.values()) {
			out.add(new Template(BUILT_IN + b.code, text(b, "name", locale), true, null, null));
		}
		out.addAll(jdbc.sql("""
				select t.id, t.name, u.display_name, t.created_at
				  from warning_template t join app_user u on u.id = t.created_by
				 where t.sender_organisation_id = :org
				 order by lower(t.name)
				""")
			.param("org", viewer.organisationId())
			.query((rs, n) -> new Template(rs.getObject("id", UUID.class).toString(), rs.getString("name"), false,
					rs.getString("display_name"), rs.getTimestamp("created_at").toInstant()))
			.list());
		return out;
	}

	/** The content a template starts a warning with; empty for an unknown id or another organisation's template. */
	@Transactional(readOnly = true)
	public Optional<WarningContent> content(WarningViewer viewer, String templateId) {
		requireSender(viewer);
		for (var b : BuiltIn.values()) {
			if ((BUILT_IN + b.code).equals(templateId)) {
				return Optional.of(builtIn(b));
			}
		}
		UUID id;
		try {
			id = UUID.fromString(templateId);
		}
		catch (IllegalArgumentException e) {
			return Optional.empty();
		}
		return jdbc.sql("select content::text from warning_template where id = :id and sender_organisation_id = :org")
			.param("id", id).param("org", viewer.organisationId())
			.query(String.class).optional()
			.map(text -> json.readValue(text, WarningContent.class));
	}

	/** Saves the warning's current content as a template of the sender organisation. */
	@Transactional
	public Template saveFrom(WarningViewer viewer, UUID warningId, String name) {
		requireSender(viewer);
		var warning = warnings.find(warningId, viewer).filter(w -> Warnings.isSenderOf(viewer, w))
			.orElseThrow(Warnings.WarningNotFound::new);
		var trimmed = name == null ? "" : name.strip();
		if (trimmed.isEmpty()) {
			throw new InvalidInput("templateName", "warnings.error.template-name", "Give the template a name.");
		}
		if (trimmed.length() > NAME_MAX) {
			throw new InvalidInput("templateName", "warnings.error.too-long", "At most " + NAME_MAX + " characters.");
		}
		var id = Ids.newId(clock);
		var now = Instant.now(clock);
		try {
			jdbc.sql("""
					insert into warning_template (id, sender_organisation_id, name, content, created_by, created_at,
					                              updated_at)
					values (:id, :org, :name, :content::jsonb, :by, :now, :now)
					""")
				.param("id", id).param("org", viewer.organisationId()).param("name", trimmed)
				.param("content", json.writeValueAsString(warning.content())).param("by", viewer.userId())
				.param("now", Timestamp.from(now))
				.update();
		}
		catch (DuplicateKeyException e) {
			throw new InvalidInput("templateName", "warnings.error.template-exists",
					"Your organisation already has a template with this name.", HttpStatus.CONFLICT);
		}
		audit.record("warnings.template-saved", "warning_template", id, Map.of("name", trimmed,
				"from", warning.number()));
		return new Template(id.toString(), trimmed, false, null, now);
	}

	/** Deletes one of the organisation's templates; another organisation's (or a built-in one) is not found. */
	@Transactional
	public void delete(WarningViewer viewer, UUID templateId) {
		requireSender(viewer);
		var name = jdbc.sql("delete from warning_template where id = :id and sender_organisation_id = :org returning name")
			.param("id", templateId).param("org", viewer.organisationId())
			.query(String.class).optional()
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No such template."));
		audit.record("warnings.template-deleted", "warning_template", templateId, Map.of("name", name));
	}

	private WarningContent builtIn(BuiltIn b) {
		return new WarningContent(b.urgency, b.tlp, text(b, "title", Locale.JAPANESE), text(b, "title", Locale.ENGLISH),
				text(b, "summary", Locale.JAPANESE), text(b, "summary", Locale.ENGLISH),
				text(b, "threat", Locale.JAPANESE), text(b, "threat", Locale.ENGLISH),
				text(b, "countermeasures", Locale.JAPANESE), text(b, "countermeasures", Locale.ENGLISH), "", List.of(),
				List.of(), List.of(), b.topics, List.of(), List.of(), List.of());
	}

	private String text(BuiltIn b, String part, Locale locale) {
		return messages.getMessage("warnings.template.builtin." + b.code + "." + part, null, locale);
	}

	private static void requireSender(WarningViewer viewer) {
		if (!viewer.senderStaff()) {
			throw new ResponseStatusException(HttpStatus.FORBIDDEN, "Templates belong to the staff who send warnings.");
		}
	}
}
