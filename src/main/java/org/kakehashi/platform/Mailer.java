package org.kakehashi.platform;

import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.mail.MessagingException;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.MessageSource;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.mail.MailException;

/**
 * Outbound e-mail. With {@code spring.mail.host} set, mail goes over SMTP; without it Kakehashi runs in
 * a development mode that writes each message to the log instead, so invitations work on a laptop.
 */
@Component
public class Mailer {

	private static final Logger log = LoggerFactory.getLogger(Mailer.class);

	private static final String LANGUAGE_SEPARATOR = "\n\n----------------------------------------\n\n";

	private final ObjectProvider<JavaMailSender> sender;
	private final KakehashiProperties properties;
	private final MessageSource messages;

	Mailer(ObjectProvider<JavaMailSender> sender, KakehashiProperties properties, MessageSource messages) {
		this.sender = sender;
		this.properties = properties;
		this.messages = messages;
	}

	/**
	 * One message carrying both languages from the message bundles: the recipient's language first when
	 * known, otherwise Japanese first. Subject and body keys take the same arguments for both languages.
	 */
	public void sendInBothLanguages(String to, @Nullable String firstLanguage, String subjectKey, String bodyKey,
			Object... arguments) {
		var order = "en".equals(firstLanguage) ? List.of(Locale.ENGLISH, Locale.JAPANESE) : List.of(Locale.JAPANESE, Locale.ENGLISH);
		var subject = order.stream().map(locale -> messages.getMessage(subjectKey, arguments, locale))
			.collect(Collectors.joining(" / "));
		var body = order.stream().map(locale -> messages.getMessage(bodyKey, arguments, locale))
			.collect(Collectors.joining(LANGUAGE_SEPARATOR));
		send(to, subject, body);
	}

	/**
	 * Like {@link #sendInBothLanguages(String, String, String, String, Object...)}, but with arguments per language
	 * (texts written in both) and a fixed {@code Message-ID} header (with its angle brackets), so that a message sent
	 * again after a crash is recognisably the same message. Throws when the server refuses.
	 */
	public void sendInBothLanguages(String to, @Nullable String firstLanguage, String messageId, String subjectKey,
			String bodyKey, Function<Locale, Object[]> arguments) {
		var order = "en".equals(firstLanguage) ? List.of(Locale.ENGLISH, Locale.JAPANESE) : List.of(Locale.JAPANESE, Locale.ENGLISH);
		var subject = order.stream().map(locale -> messages.getMessage(subjectKey, arguments.apply(locale), locale))
			.collect(Collectors.joining(" / "));
		var body = order.stream().map(locale -> messages.getMessage(bodyKey, arguments.apply(locale), locale))
			.collect(Collectors.joining(LANGUAGE_SEPARATOR));
		send(to, subject, body, messageId);
	}

	/** One plain-text UTF-8 message with the given {@code Message-ID} (e.g. {@code <hash@kakehashi>}). */
	public void send(String to, String subject, String body, String messageId) {
		var smtp = sender.getIfAvailable();
		if (smtp == null) {
			log.info("Mail (development mode, no spring.mail.host set) to {} [{}]: {}\n{}", to, messageId, subject, body);
			return;
		}
		var message = smtp.createMimeMessage();
		try {
			var helper = new MimeMessageHelper(message, false, "UTF-8");
			helper.setFrom(properties.mail().from());
			helper.setTo(to);
			helper.setSubject(subject);
			helper.setText(body, false);
			// JavaMailSenderImpl keeps an explicitly set Message-ID when it saves the message.
			message.setHeader("Message-ID", messageId);
		}
		catch (MessagingException e) {
			throw new MailPreparationException("Could not prepare the message", e);
		}
		smtp.send(message);
	}

	/**
	 * Runs {@code send} once the caller's transaction has committed: the change never waits for, and is never undone
	 * by, a mail server. A server that refuses is logged with {@code what} (never the message's content).
	 */
	public void afterCommit(String what, Runnable send) {
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
			@Override
			public void afterCommit() {
				try {
					send.run();
				}
				catch (MailException e) {
					log.warn("Could not send {}: {}", what, e.getMessage());
				}
			}
		});
	}

	public void send(String to, String subject, String body) {
		var smtp = sender.getIfAvailable();
		if (smtp == null) {
			log.info("Mail (development mode, no spring.mail.host set) to {}: {}\n{}", to, subject, body);
			return;
		}
		var message = new SimpleMailMessage();
		message.setFrom(properties.mail().from());
		message.setTo(to);
		message.setSubject(subject);
		message.setText(body);
		smtp.send(message);
	}
}
