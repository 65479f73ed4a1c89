package org.kakehashi.platform;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;

/**
 * Outbound e-mail. With {@code spring.mail.host} set, mail goes over SMTP; without it Kakehashi runs in
 * a development mode that writes each message to the log instead, so invitations work on a laptop.
 */
@Component
public class Mailer {

	private static final Logger log = LoggerFactory.getLogger(Mailer.class);

	private final ObjectProvider<JavaMailSender> sender;
	private final KakehashiProperties properties;

	Mailer(ObjectProvider<JavaMailSender> sender, KakehashiProperties properties) {
		this.sender = sender;
		this.properties = properties;
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
