package org.kakehashi.vulns.certification;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.kakehashi.audit.AuditLog;
import org.kakehashi.identity.Directory;
import org.kakehashi.identity.Role;
import org.kakehashi.platform.KakehashiProperties;
import org.kakehashi.platform.Mailer;
import org.kakehashi.platform.Secrets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.mail.MailException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Reminds holders that a valid certificate is about to end: at each configured threshold before the end date
 * ({@link ReminderSchedule}), the record's contact address and, when the holder is a Kakehashi organisation, its
 * administrators get one e-mail in both languages. Each certificate is claimed with {@code FOR UPDATE SKIP LOCKED}
 * and the reminder row (unique per certificate, end date and threshold) is written in the same transaction as the
 * mail is sent, so several nodes never send the same reminder twice, and a mail server that refuses rolls the step
 * back for the next run. A crash between the server's acceptance and the commit sends it again, with the same
 * {@code Message-ID}.
 */
@Service
public class CertificationReminders {

	private static final Logger log = LoggerFactory.getLogger(CertificationReminders.class);

	private static final DateTimeFormatter JA = DateTimeFormatter.ofPattern("uuuu年M月d日", Locale.JAPANESE);
	private static final DateTimeFormatter EN = DateTimeFormatter.ofPattern("d MMMM uuuu", Locale.ENGLISH);

	private final RemindersDao dao;
	private final Directory directory;
	private final Mailer mailer;
	private final MessageSource messages;
	private final AuditLog audit;
	private final KakehashiProperties properties;
	private final CertificationsProperties settings;
	private final ReminderSchedule schedule;
	private final Clock clock;
	private final ZoneId zone;
	private final TransactionTemplate transactions;

	CertificationReminders(RemindersDao dao, Directory directory, Mailer mailer, MessageSource messages,
			AuditLog audit, KakehashiProperties properties, CertificationsProperties settings, Clock clock,
			TransactionTemplate transactions) {
		this.dao = dao;
		this.directory = directory;
		this.mailer = mailer;
		this.messages = messages;
		this.audit = audit;
		this.properties = properties;
		this.settings = settings;
		this.schedule = settings.schedule();
		this.clock = clock;
		this.zone = properties.timeZone();
		this.transactions = transactions;
	}

	@Scheduled(fixedDelayString = "${kakehashi.vulns.certifications.reminder-interval:PT1H}",
			initialDelayString = "${kakehashi.vulns.certifications.reminder-interval:PT1H}")
	void run() {
		if (settings.remindersEnabled()) {
			remindDue();
		}
	}

	/** What one pass did: certificates reminded, e-mails sent. */
	public record Run(int reminders, int messages) {
	}

	/** One pass over the valid certificates near their end date. */
	public Run remindDue() {
		var now = Instant.now(clock);
		var today = LocalDate.ofInstant(now, zone);
		if (schedule.horizon() < 0) {
			return new Run(0, 0);
		}
		int reminders = 0;
		int sent = 0;
		for (var candidate : dao.candidates(today, schedule.horizon())) {
			if (schedule.due(candidate.validTo(), today, candidate.sent()).isEmpty()) {
				continue;
			}
			try {
				var messages = transactions.execute(status -> remind(candidate, today, now));
				if (messages != null) {
					reminders++;
					sent += messages;
				}
			}
			catch (MailException e) {
				log.warn("Expiry reminder for certification {} not sent, retried next run: {}", candidate.id(),
						e.getMessage());
			}
		}
		return new Run(reminders, sent);
	}

	/**
	 * Sends the due reminder of one certificate: the number of e-mails, or null when there was nothing to do (another
	 * node has it, or it changed since the candidates were read).
	 */
	private @Nullable Integer remind(RemindersDao.Candidate candidate, LocalDate today, Instant now) {
		var expiring = dao.claim(candidate.id(), candidate.validTo()).orElse(null);
		if (expiring == null) {
			return null;
		}
		var due = schedule.due(expiring.validTo(), today, expiring.sent());
		if (due.isEmpty()) {
			return null;
		}
		var threshold = due.getAsInt();
		var recipients = recipients(expiring);
		if (!dao.record(expiring.id(), threshold, expiring.validTo(), now, recipients.size())) {
			return null;
		}
		var daysLeft = ChronoUnit.DAYS.between(today, expiring.validTo());
		var link = properties.link("/vulns/certifications/" + expiring.id());
		for (var recipient : recipients.entrySet()) {
			// One message per certificate, end date, threshold and address: a resend is recognisably the same.
			var messageId = "<vulns-cert-" + expiring.id() + "-" + expiring.validTo() + "-" + threshold + "d-"
					+ Secrets.sha256Hex(recipient.getKey()).substring(0, 16) + "@kakehashi>";
			mailer.sendInBothLanguages(recipient.getValue().address(), recipient.getValue().language(), messageId,
					"vulns.cert.mail.reminder.subject", "vulns.cert.mail.reminder.body",
					locale -> arguments(expiring, daysLeft, link, locale));
		}
		audit.record("vulns.certification-reminded", "vuln_certification", expiring.id(), Map.of("number",
				expiring.certificateNumber(), "issuer", expiring.issuer(), "validTo", expiring.validTo().toString(),
				"thresholdDays", String.valueOf(threshold), "messages", String.valueOf(recipients.size())));
		return recipients.size();
	}

	record Recipient(String address, @Nullable String language) {
	}

	/** The record's contact (Japanese first) and the holder organisation's administrators, each address once. */
	private Map<String, Recipient> recipients(RemindersDao.Expiring expiring) {
		var recipients = new LinkedHashMap<String, Recipient>();
		if (!expiring.contactEmail().isBlank()) {
			recipients.put(expiring.contactEmail().toLowerCase(Locale.ROOT), new Recipient(expiring.contactEmail(), null));
		}
		if (expiring.holderOrganisationId() != null) {
			for (var contact : directory.contacts(expiring.holderOrganisationId(), Set.of(Role.ORG_ADMIN))) {
				recipients.putIfAbsent(contact.email().toLowerCase(Locale.ROOT),
						new Recipient(contact.email(), contact.locale()));
			}
		}
		return recipients;
	}

	private Object[] arguments(RemindersDao.Expiring c, long daysLeft, String link, Locale locale) {
		var subject = c.subjectVersion().isEmpty() ? c.subjectName() : c.subjectName() + " " + c.subjectVersion();
		var standard = c.level().isEmpty() ? c.standard() : c.standard() + " " + c.level();
		var day = ("ja".equals(locale.getLanguage()) ? JA : EN).format(c.validTo());
		return new Object[] { c.certificateNumber(), messages.getMessage("vulns.cert.kind." + c.kind().name(), null,
				locale), subject, c.holderName(), c.issuer(), standard, day, String.valueOf(daysLeft), link };
	}
}
