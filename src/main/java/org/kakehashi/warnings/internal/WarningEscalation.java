package org.kakehashi.warnings.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.kakehashi.audit.AuditLog;
import org.kakehashi.identity.Directory;
import org.kakehashi.identity.Role;
import org.kakehashi.platform.Ids;
import org.kakehashi.platform.KakehashiProperties;
import org.kakehashi.platform.Mailer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.mail.MailException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Chases recipients that stay silent on a published warning. After the reminder delay for the warning's urgency
 * (the sender's rule, else the configured default) the organisation is reminded through the outbox; after the
 * escalation delay its sector ministries and the CEPTOARs of its CEPTOAR groups are told by e-mail which
 * organisation is silent (number, title, urgency and a link, never the text). Each recipient row is claimed with
 * {@code FOR UPDATE SKIP LOCKED}, so several nodes share the work without doing any of it twice; the claim, the
 * log rows, the audit entries and the mail share one transaction, so a mail server that refuses rolls the step
 * back and the next run tries again.
 */
@Service
public class WarningEscalation {

	private static final Logger log = LoggerFactory.getLogger(WarningEscalation.class);

	/** Recipients one run handles; the rest wait for the next run. */
	static final int BATCH = 500;

	/** Whom an escalation e-mail goes to in a ministry or CEPTOAR. */
	static final Set<Role> ESCALATION_CONTACTS = Set.of(Role.ORG_ADMIN, Role.COORDINATOR, Role.ANALYST);

	private final EscalationDao dao;
	private final Directory directory;
	private final Mailer mailer;
	private final MessageSource messages;
	private final AuditLog audit;
	private final KakehashiProperties properties;
	private final Clock clock;
	private final TransactionTemplate transactions;
	private final boolean scheduled;

	WarningEscalation(EscalationDao dao, Directory directory, Mailer mailer, MessageSource messages, AuditLog audit,
			KakehashiProperties properties, Clock clock, TransactionTemplate transactions,
			@Value("${kakehashi.warnings.escalation-enabled:true}") boolean scheduled) {
		this.dao = dao;
		this.directory = directory;
		this.mailer = mailer;
		this.messages = messages;
		this.audit = audit;
		this.properties = properties;
		this.clock = clock;
		this.transactions = transactions;
		this.scheduled = scheduled;
	}

	@Scheduled(fixedDelayString = "${kakehashi.warnings.escalation-interval:PT1M}",
			initialDelayString = "${kakehashi.warnings.escalation-interval:PT1M}")
	void run() {
		if (scheduled) {
			escalateDue();
		}
	}

	/** What one pass did. */
	public record Outcome(int reminders, int escalations) {
	}

	/** One pass over the silent recipients due now. */
	public Outcome escalateDue() {
		var now = Instant.now(clock);
		int reminders = 0;
		int escalations = 0;
		for (var due : dao.due(now, BATCH)) {
			try {
				var step = transactions.execute(status -> step(due, now));
				if (step != null) {
					reminders += step.reminders();
					escalations += step.escalations();
				}
			}
			catch (MailException e) {
				log.warn("Escalation of warning {} for organisation {} not sent, retried next run: {}", due.warningId(),
						due.organisationId(), e.getMessage());
			}
		}
		return new Outcome(reminders, escalations);
	}

	private Outcome step(EscalationDao.Due due, Instant now) {
		var silent = dao.claim(due.warningId(), due.organisationId()).orElse(null);
		if (silent == null) {
			return new Outcome(0, 0);
		}
		int reminders = 0;
		int escalations = 0;
		if (silent.remindedAt() == null && !silent.deliveredAt().plus(silent.remindAfter()).isAfter(now)) {
			remind(silent, now);
			reminders++;
		}
		// A run that comes late (the job was down, or remind and escalate hours are equal) does both at once.
		if (!silent.deliveredAt().plus(silent.escalateAfter()).isAfter(now)) {
			escalate(silent, now);
			escalations++;
		}
		return new Outcome(reminders, escalations);
	}

	private void remind(EscalationDao.Silent silent, Instant now) {
		dao.reminded(silent.warningId(), silent.organisationId(), now);
		dao.log(Ids.newId(clock), silent.warningId(), silent.organisationId(), "REMINDER", null, null, now);
		var queued = dao.enqueueReminder(silent.warningId(), silent.organisationId(), silent.revision(), now);
		audit.record("warnings.reminded", "warning", silent.warningId(), Map.of("number", silent.number(),
				"organisation", silent.organisationId().toString(), "messages", String.valueOf(queued)));
	}

	private void escalate(EscalationDao.Silent silent, Instant now) {
		dao.escalated(silent.warningId(), silent.organisationId(), now);
		var targets = targets(silent);
		if (targets.isEmpty()) {
			// Logged all the same: the sender sees that nobody above the organisation could be told.
			dao.log(Ids.newId(clock), silent.warningId(), silent.organisationId(), "ESCALATION", null, null, now);
		}
		var contacts = new LinkedHashMap<String, Directory.Contact>();
		for (var target : targets) {
			dao.log(Ids.newId(clock), silent.warningId(), silent.organisationId(), "ESCALATION", target.organisationId(),
					target.groupId(), now);
			if (target.organisationId() != null) {
				directory.contacts(target.organisationId(), ESCALATION_CONTACTS)
					.forEach(c -> contacts.putIfAbsent(c.email().toLowerCase(Locale.ROOT), c));
			}
		}
		var silentOrganisation = directory.organisation(silent.organisationId()).orElseThrow();
		for (var contact : contacts.values()) {
			mailer.sendInBothLanguages(contact.email(), contact.locale(), "warnings.escalation.mail.subject",
					"warnings.escalation.mail.body", silent.number(), orDash(silent.titleJa(), silent.titleEn()),
					orDash(silent.titleEn(), silent.titleJa()), urgency(silent.urgency(), Locale.JAPANESE),
					urgency(silent.urgency(), Locale.ENGLISH), silentOrganisation.name(Locale.JAPANESE),
					silentOrganisation.name(Locale.ENGLISH), properties.link("/warnings/" + silent.warningId()),
					silent.escalateAfter().toHours());
		}
		var details = new LinkedHashMap<String, String>();
		details.put("number", silent.number());
		details.put("organisation", silent.organisationId().toString());
		details.put("targets", String.join(",", targets.stream().map(Target::label).toList()));
		details.put("messages", String.valueOf(contacts.size()));
		audit.record("warnings.escalated", "warning", silent.warningId(), details);
	}

	/** A ministry, a CEPTOAR organisation (with its group), or a CEPTOAR group without an organisation for it. */
	record Target(@Nullable UUID organisationId, @Nullable UUID groupId) {

		String label() {
			return organisationId != null ? organisationId.toString() : "group:" + groupId;
		}
	}

	private List<Target> targets(EscalationDao.Silent silent) {
		var targets = new LinkedHashSet<Target>();
		dao.ministries(silent.organisationId(), silent.senderOrganisationId())
			.forEach(ministry -> targets.add(new Target(ministry, null)));
		var seen = new LinkedHashSet<UUID>();
		for (var ceptoar : dao.ceptoars(silent.organisationId(), silent.senderOrganisationId())) {
			if (ceptoar.organisations().isEmpty()) {
				targets.add(new Target(null, ceptoar.groupId()));
			}
			for (var organisation : ceptoar.organisations()) {
				if (seen.add(organisation)) {
					targets.add(new Target(organisation, ceptoar.groupId()));
				}
			}
		}
		return new ArrayList<>(targets);
	}

	private String urgency(Urgency urgency, Locale locale) {
		return messages.getMessage("warnings.escalation.urgency." + urgency.name(), null, urgency.name(), locale);
	}

	private static String orDash(String preferred, String fallback) {
		return !preferred.isBlank() ? preferred : !fallback.isBlank() ? fallback : "—";
	}
}
