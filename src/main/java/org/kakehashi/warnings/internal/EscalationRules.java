package org.kakehashi.warnings.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.UUID;

import org.kakehashi.audit.AuditLog;
import org.kakehashi.platform.InvalidFields;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.server.ResponseStatusException;

/**
 * A sender organisation's escalation rules (hours of silence before a reminder and before escalation, per urgency)
 * and the escalation log of its warnings. Only the sender's staff see or change either.
 */
@Service
public class EscalationRules {

	/** A year: longer makes no sense for a warning and would overflow nothing but people's patience. */
	public static final int MAX_HOURS = 8760;

	private final EscalationDao dao;
	private final WarningsDao warnings;
	private final WarningsProperties settings;
	private final AuditLog audit;

	EscalationRules(EscalationDao dao, WarningsDao warnings, WarningsProperties settings, AuditLog audit) {
		this.dao = dao;
		this.warnings = warnings;
		this.settings = settings;
		this.audit = audit;
	}

	/** The rule in force for one urgency; {@code own} is false while the configured default applies. */
	public record Rule(Urgency urgency, int remindAfterHours, int escalateAfterHours, boolean own,
			int defaultRemindAfterHours, int defaultEscalateAfterHours) {
	}

	/** Hours for one urgency as a sender submits them. */
	public record Hours(Urgency urgency, int remindAfterHours, int escalateAfterHours) {
	}

	/** The rules in force for the viewer's organisation, in urgency order. */
	@Transactional(readOnly = true)
	public List<Rule> rules(WarningViewer viewer) {
		requireSender(viewer);
		var own = new LinkedHashMap<Urgency, EscalationDao.Rule>();
		dao.rules(viewer.organisationId()).forEach(rule -> own.put(rule.urgency(), rule));
		var rules = new ArrayList<Rule>();
		for (var urgency : Urgency.values()) {
			var remindDefault = hours(settings.reminder(urgency));
			var escalateDefault = hours(settings.escalation(urgency));
			var rule = own.get(urgency);
			rules.add(rule == null ? new Rule(urgency, remindDefault, escalateDefault, false, remindDefault, escalateDefault)
					: new Rule(urgency, rule.remindAfterHours(), rule.escalateAfterHours(), true, remindDefault,
							escalateDefault));
		}
		return rules;
	}

	/**
	 * Replaces the rules for the urgencies given (the others keep theirs). Each needs escalate ≥ remind > 0; every
	 * broken rule is reported at once, by field {@code URGENCY.remindAfterHours} or {@code .escalateAfterHours}.
	 */
	@Transactional
	public List<Rule> save(WarningViewer viewer, List<Hours> hours) {
		requireSender(viewer);
		var problems = new ArrayList<InvalidFields.Problem>();
		var seen = new LinkedHashMap<Urgency, Hours>();
		for (var h : hours) {
			if (h.urgency() == null) {
				problems.add(new InvalidFields.Problem("urgency", "warnings.rules.error.urgency", List.of(),
						"Each rule names an urgency: CRITICAL, HIGH, MEDIUM or LOW."));
				continue;
			}
			if (seen.put(h.urgency(), h) != null) {
				problems.add(new InvalidFields.Problem(h.urgency() + ".urgency", "warnings.rules.error.duplicate",
						List.of(), "Each urgency appears once."));
			}
			if (h.remindAfterHours() < 1 || h.remindAfterHours() > MAX_HOURS) {
				problems.add(new InvalidFields.Problem(h.urgency() + ".remindAfterHours", "warnings.rules.error.remind",
						List.of(MAX_HOURS), "Hours before a reminder: 1 to " + MAX_HOURS + "."));
			}
			if (h.escalateAfterHours() < 1 || h.escalateAfterHours() > MAX_HOURS) {
				problems.add(new InvalidFields.Problem(h.urgency() + ".escalateAfterHours", "warnings.rules.error.escalate",
						List.of(MAX_HOURS), "Hours before escalation: 1 to " + MAX_HOURS + "."));
			}
			else if (h.escalateAfterHours() < h.remindAfterHours()) {
				problems.add(new InvalidFields.Problem(h.urgency() + ".escalateAfterHours", "warnings.rules.error.order",
						List.of(), "Escalation comes no earlier than the reminder."));
			}
		}
		if (!problems.isEmpty()) {
			throw new InvalidFields(problems);
		}
		var details = new LinkedHashMap<String, String>();
		for (var h : seen.values()) {
			dao.saveRule(viewer.organisationId(), new EscalationDao.Rule(h.urgency(), h.remindAfterHours(),
					h.escalateAfterHours()));
			details.put(h.urgency().name(), h.remindAfterHours() + "h/" + h.escalateAfterHours() + "h");
		}
		audit.record("warnings.escalation-rules-changed", "organisation", viewer.organisationId(), details);
		return rules(viewer);
	}

	/** Whom the warning's silent recipients were reminded or escalated to; 404 for anyone but the sender's staff. */
	@Transactional(readOnly = true)
	public List<EscalationEntry> log(WarningViewer viewer, UUID warningId, boolean english) {
		var warning = warnings.find(warningId, viewer).filter(w -> Warnings.isSenderOf(viewer, w))
			.orElseThrow(Warnings.WarningNotFound::new);
		return dao.log(warning.id(), english);
	}

	private static int hours(java.time.Duration duration) {
		return (int) Math.max(1, (duration.toMinutes() + 59) / 60);
	}

	private static void requireSender(WarningViewer viewer) {
		if (!viewer.senderStaff()) {
			throw new ResponseStatusException(HttpStatus.FORBIDDEN,
					"Escalation rules belong to the staff of organisations that send warnings.");
		}
	}

}
