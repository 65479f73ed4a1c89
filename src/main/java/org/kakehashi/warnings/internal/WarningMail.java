package org.kakehashi.warnings.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

import org.kakehashi.identity.Directory;
import org.kakehashi.identity.Role;
import org.kakehashi.platform.KakehashiProperties;
import org.kakehashi.platform.Mailer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.mail.MailException;
import org.springframework.stereotype.Component;

/**
 * The e-mails of the warning outbox: one message per row, in the row's language first and then the other, with a
 * {@code Message-ID} derived from the row's idempotency key. TLP:AMBER and AMBER+STRICT text never leaves by
 * e-mail: such a message carries the number, title, urgency, label and the link only.
 */
@Component
class WarningMail {

	private static final Logger log = LoggerFactory.getLogger(WarningMail.class);

	private final Mailer mailer;
	private final MessageSource messages;
	private final KakehashiProperties properties;
	private final Directory directory;

	WarningMail(Mailer mailer, MessageSource messages, KakehashiProperties properties, Directory directory) {
		this.mailer = mailer;
		this.messages = messages;
		this.properties = properties;
		this.directory = directory;
	}

	/** {@code <sha-256 of the key in hex@kakehashi>}: the same key always gives the same Message-ID. */
	static String messageId(String idempotencyKey) {
		try {
			var digest = MessageDigest.getInstance("SHA-256").digest(idempotencyKey.getBytes(StandardCharsets.UTF_8));
			return "<" + HexFormat.of().formatHex(digest) + "@kakehashi>";
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException("SHA-256 is not available", e);
		}
	}

	/** Sends the row's message; throws {@link MailException} when the server refuses or cannot be reached. */
	void send(DeliveryDao.Claimed row, DeliveredWarning warning) {
		var event = row.event();
		mailer.sendInBothLanguages(row.target(), row.language(), messageId(row.idempotencyKey()),
				"warnings.delivery.mail.subject." + event, "warnings.delivery.mail.body",
				locale -> arguments(row, warning, locale));
	}

	private Object[] arguments(DeliveryDao.Claimed row, DeliveredWarning warning, Locale locale) {
		var language = locale.getLanguage();
		var urgency = text("warnings.delivery.urgency." + warning.urgency().name(), locale);
		var title = warning.title().in(language);
		var sender = "en".equals(language) && row.senderNameEn() != null && !row.senderNameEn().isBlank()
				? row.senderNameEn() : row.senderName();
		var intro = text("warnings.delivery.mail.intro." + row.event(), locale, row.number(), row.revision(), sender);
		var facts = text("warnings.delivery.mail.facts", locale, row.number(), title, urgency, warning.tlp().label(),
				sender);
		var details = new ArrayList<String>();
		if (warning.textAllowedInEmail()) {
			if ("UPDATED".equals(row.event()) && row.changeNote() != null && !row.changeNote().isBlank()) {
				details.add(text("warnings.delivery.mail.changes", locale, row.changeNote()));
			}
			if ("WITHDRAWN".equals(row.event()) && row.withdrawnReason() != null) {
				details.add(text("warnings.delivery.mail.reason", locale, row.withdrawnReason()));
			}
			details.add(text("warnings.delivery.mail.text", locale, warning.summary().in(language),
					warning.countermeasures().in(language)));
			if (!warning.cveIds().isEmpty()) {
				details.add(text("warnings.delivery.mail.cves", locale, String.join(", ", warning.cveIds())));
			}
		}
		else {
			details.add(text("warnings.delivery.mail.amber", locale, warning.tlp().label()));
		}
		var link = text("warnings.delivery.mail.link", locale, properties.link("/warnings/inbox/" + row.warningId()));
		return new Object[] { intro, facts, String.join("\n\n", details), link, row.number(), warning.tlp().label(),
				urgency, title };
	}

	/**
	 * Tells the subscriber's administrators, in their language first, that their webhook was switched off. A mail
	 * server that refuses is logged; the webhook stays disabled either way.
	 */
	void webhookDisabled(UUID subscriberOrganisationId, UUID agreementId, String senderName, String webhookUrl,
			int failures, String lastError) {
		for (var admin : directory.contacts(subscriberOrganisationId, Set.of(Role.ORG_ADMIN))) {
			try {
				mailer.sendInBothLanguages(admin.email(), admin.locale(), "warnings.delivery.mail.webhook-disabled.subject",
						"warnings.delivery.mail.webhook-disabled.body", senderName, webhookUrl, failures, lastError,
						properties.link("/warnings/agreements/" + agreementId));
			}
			catch (MailException e) {
				log.warn("Could not tell an administrator of organisation {} that its webhook was disabled: {}",
						subscriberOrganisationId, e.getMessage());
			}
		}
	}

	private String text(String key, Locale locale, Object... arguments) {
		return messages.getMessage(key, arguments, locale);
	}
}
