package org.kakehashi.vulns.internal;

import java.util.EnumSet;
import java.util.Locale;

import org.kakehashi.identity.Directory;
import org.kakehashi.identity.Role;
import org.kakehashi.platform.KakehashiProperties;
import org.kakehashi.platform.Mailer;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * Tells the finder their report was accepted or not, in both languages, once the move has committed. The message
 * carries only the number, title, new status and a link: the reason and everything else stay behind the sign-in.
 */
@Component
class CaseMail {

	private final Mailer mailer;
	private final Directory directory;
	private final MessageSource messages;
	private final KakehashiProperties properties;

	CaseMail(Mailer mailer, Directory directory, MessageSource messages, KakehashiProperties properties) {
		this.mailer = mailer;
		this.directory = directory;
		this.messages = messages;
		this.properties = properties;
	}

	void tellFinder(VulnCase vulnCase, CaseStatus status) {
		var finder = directory.contacts(vulnCase.finderOrganisationId(), EnumSet.allOf(Role.class)).stream()
			.filter(c -> c.userId().equals(vulnCase.finderUserId())).findFirst();
		if (finder.isEmpty()) {
			return; // deactivated since filing: nobody to write to
		}
		var to = finder.get().email();
		var language = finder.get().locale();
		var link = properties.link("/vulns/" + vulnCase.id());
		// One message per case and status: a resend after a crash is recognisably the same message.
		var messageId = "<vulns-" + vulnCase.id() + "-" + status.name().toLowerCase(Locale.ROOT) + "@kakehashi>";
		mailer.afterCommit("vulnerability case status mail " + vulnCase.number(),
				() -> mailer.sendInBothLanguages(to, language, messageId, "vulns.mail.status.subject",
						"vulns.mail.status.body", locale -> new Object[] { vulnCase.number(), vulnCase.title(),
								statusName(messages, status, locale), link }));
	}

	static String statusName(MessageSource messages, CaseStatus status, Locale locale) {
		return messages.getMessage("vulns.status." + status.name(), null, locale);
	}
}
