package org.kakehashi.reporting.clocks;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import org.kakehashi.audit.AuditLog;
import org.kakehashi.identity.Directory;
import org.kakehashi.identity.OrganisationType;
import org.kakehashi.identity.Role;
import org.kakehashi.platform.KakehashiProperties;
import org.kakehashi.platform.Mailer;
import org.kakehashi.platform.web.DisplayTime;
import org.kakehashi.reporting.ReportStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.mail.MailException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Escalates clocks of submitted, not yet final reports that became nearly due or overdue: e-mail to the
 * reporting organisation's reporters and administrators and to the analysts of its sector ministries, once per
 * report, regime, milestone and level. The claim row, the audit entry and the mail share one transaction, so a
 * mail server that refuses rolls the claim back and the next run tries again; a second node's claim waits on
 * the first's row and then finds it taken.
 */
@Service
public class ClockEscalation {

	private static final Logger log = LoggerFactory.getLogger(ClockEscalation.class);

	/** Escalations one run handles; the rest wait for the next run rather than holding one long pass. */
	static final int BATCH = 500;

	private static final String SEPARATOR = "\n\n----------------------------------------\n\n";

	private final ClockDao dao;
	private final ClockIndex index;
	private final Directory directory;
	private final Mailer mailer;
	private final MessageSource messages;
	private final DisplayTime displayTime;
	private final AuditLog audit;
	private final KakehashiProperties properties;
	private final Clock clock;
	private final TransactionTemplate transactions;
	private final boolean scheduled;

	ClockEscalation(ClockDao dao, ClockIndex index, Directory directory, Mailer mailer,
			MessageSource messages, DisplayTime displayTime, AuditLog audit, KakehashiProperties properties, Clock clock,
			TransactionTemplate transactions, @Value("${kakehashi.reporting.escalation-enabled:true}") boolean scheduled) {
		this.dao = dao;
		this.index = index;
		this.directory = directory;
		this.mailer = mailer;
		this.messages = messages;
		this.displayTime = displayTime;
		this.audit = audit;
		this.properties = properties;
		this.clock = clock;
		this.transactions = transactions;
		this.scheduled = scheduled;
	}

	@Scheduled(fixedDelayString = "${kakehashi.reporting.escalation-interval:PT1M}",
			initialDelayString = "${kakehashi.reporting.escalation-interval:PT1M}")
	void run() {
		if (scheduled) {
			escalateDue();
		}
	}

	/** One pass over the clocks due now; returns how many escalations were sent. */
	public int escalateDue() {
		var now = Instant.now(clock);
		var sent = 0;
		for (var candidate : dao.due(now, BATCH)) {
			try {
				if (Boolean.TRUE.equals(transactions.execute(status -> escalate(candidate)))) {
					sent++;
				}
			} catch (MailException e) {
				log.warn("Clock escalation for report {} ({} {}) not sent, retried next run: {}", candidate.reportId(),
						candidate.regimeCode(), candidate.milestone(), e.getMessage());
			}
		}
		return sent;
	}

	private boolean escalate(ClockDao.DueClock candidate) {
		var report = dao.report(candidate.reportId()).orElse(null);
		if (report == null || !report.status().submitted() || report.status() == ReportStatus.FINAL) {
			return false;
		}
		// The index row may be stale (a submission since); the report's own versions decide.
		var clock = index.refresh(candidate.reportId()).stream()
			.filter(c -> c.regimeCode().equals(candidate.regimeCode()) && c.milestone().equals(candidate.milestone()))
			.filter(c -> c.state() == ClockState.NEARLY_DUE || c.state() == ClockState.OVERDUE)
			.findFirst()
			.orElse(null);
		if (clock == null || !dao.claim(report.id(), clock.regimeCode(), clock.milestone(), clock.state(), clock.due(),
				Instant.now(this.clock))) {
			return false;
		}
		var recipients = recipients(report);
		recipients.forEach(contact -> send(contact, report, clock));
		var details = new LinkedHashMap<String, String>();
		details.put("number", report.number());
		details.put("regime", clock.regimeCode());
		details.put("milestone", clock.milestone());
		details.put("level", clock.state().name());
		details.put("recipients", String.valueOf(recipients.size()));
		audit.record("report.clock-escalated", "report", report.id(), details);
		return true;
	}

	/** The organisation's reporters and administrators, and the analysts of its sectors' ministries. */
	private List<Directory.Contact> recipients(ClockDao.ReportFacts report) {
		var byEmail = new LinkedHashMap<String, Directory.Contact>();
		directory.contacts(report.organisationId(), Set.of(Role.REPORTER, Role.ORG_ADMIN))
			.forEach(c -> byEmail.putIfAbsent(c.email().toLowerCase(Locale.ROOT), c));
		directory.organisationsOfType(OrganisationType.SECTOR_MINISTRY, report.sectors())
			.forEach(ministry -> directory.contacts(ministry.id(), Set.of(Role.ANALYST))
				.forEach(c -> byEmail.putIfAbsent(c.email().toLowerCase(Locale.ROOT), c)));
		return List.copyOf(byEmail.values());
	}

	/** In the recipient's language when they chose one, otherwise Japanese then English. Never the report's text. */
	private void send(Directory.Contact to, ClockDao.ReportFacts report, RegulatoryClock clock) {
		var locales = "en".equals(to.locale()) ? List.of(Locale.ENGLISH)
				: "ja".equals(to.locale()) ? List.of(Locale.JAPANESE) : List.of(Locale.JAPANESE, Locale.ENGLISH);
		var level = clock.state().name();
		var subject = locales.stream()
			.map(locale -> messages.getMessage("clocks.mail.subject." + level, arguments(report, clock, locale), locale))
			.collect(Collectors.joining(" / "));
		var body = locales.stream()
			.map(locale -> messages.getMessage("clocks.mail.body." + level, arguments(report, clock, locale), locale))
			.collect(Collectors.joining(SEPARATOR));
		mailer.send(to.email(), subject, body);
	}

	private Object[] arguments(ClockDao.ReportFacts report, RegulatoryClock clock, Locale locale) {
		var soft = clock.soft() ? messages.getMessage("clocks.mail.soft", null, locale) : "";
		return new Object[] { report.number(), clock.milestoneName(locale), clock.regimeName(locale),
				displayTime.format(clock.due(), locale), properties.link("/reports/" + report.id()), soft };
	}
}
