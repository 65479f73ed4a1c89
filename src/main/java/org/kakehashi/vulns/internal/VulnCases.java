package org.kakehashi.vulns.internal;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.kakehashi.audit.AuditLog;
import org.kakehashi.platform.Ids;
import org.kakehashi.platform.InvalidFields;
import org.kakehashi.platform.InvalidInput;
import org.kakehashi.platform.KakehashiProperties;
import org.kakehashi.platform.Page;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.server.ResponseStatusException;

/**
 * The life of a vulnerability case: any signed-in user files one (and becomes its finder); coordinators move it
 * through the scheme's states as {@link CaseStatus} allows, each move one transaction with its history row and
 * audit entry (who and why). The finder is e-mailed when the case is accepted or not accepted.
 */
@Service
public class VulnCases {

	private final VulnCasesDao dao;
	private final AuditLog audit;
	private final CaseMail mail;
	private final Clock clock;
	private final ZoneId zone;

	VulnCases(VulnCasesDao dao, AuditLog audit, CaseMail mail, Clock clock, KakehashiProperties properties) {
		this.dao = dao;
		this.audit = audit;
		this.mail = mail;
		this.clock = clock;
		this.zone = properties.timeZone();
	}

	/** Files a report: the case starts RECEIVED with a tracking number of this year. */
	@Transactional
	public VulnCase file(CaseViewer finder, CaseReport report) {
		var checked = CaseRules.check(report);
		var now = Instant.now(clock);
		var id = Ids.newId(clock);
		var number = dao.nextNumber(now.atZone(zone).getYear());
		dao.insert(id, number, checked, finder, now);
		dao.record(id, null, CaseStatus.RECEIVED, null, "", true, finder.userId(), now);
		// The audit entry names the case, never the report's text.
		audit.record("vulns.case-filed", "vuln_case", id, java.util.Map.of("number", number,
				"kind", checked.kind().name(), "ics", String.valueOf(checked.ics())));
		return dao.find(id, finder).orElseThrow();
	}

	/** The case, if the viewer may see it. */
	@Transactional(readOnly = true)
	public Optional<VulnCase> find(CaseViewer viewer, UUID id) {
		return dao.find(id, viewer);
	}

	/**
	 * The history as the viewer may see it: a coordinator sees everything; the finder sees every move (state and
	 * time) but only the reasons shared with them, and not who made the move.
	 */
	@Transactional(readOnly = true)
	public List<CaseTransition> history(CaseViewer viewer, UUID id) {
		var found = dao.find(id, viewer).orElseThrow(CaseNotFound::new);
		var all = dao.history(found.id());
		if (viewer.coordinator()) {
			return all;
		}
		return all.stream().map(t -> new CaseTransition(t.id(), t.from(), t.to(), t.outcome(),
				t.visibleToFinder() ? t.reason() : "", t.visibleToFinder(),
				t.byUserId().equals(viewer.userId()) ? t.byUserId() : new UUID(0, 0), "", t.at())).toList();
	}

	@Transactional(readOnly = true)
	public Page<CaseLine> list(CaseViewer viewer, @Nullable CaseStatus status, @Nullable String text, int page,
			int size) {
		return dao.list(viewer, status, text, Math.max(0, page), Page.clampSize(size));
	}

	/**
	 * Moves a case. A move the table does not allow is refused with 409 (field {@code to}, or {@code outcome} for an
	 * outcome the current state cannot close with) and nothing changes; missing or misplaced fields are 400 each.
	 */
	@Transactional
	public VulnCase transition(CaseViewer viewer, UUID id, TransitionRequest request) {
		var current = dao.lock(id, viewer).orElseThrow(CaseNotFound::new);
		if (!viewer.coordinator()) {
			throw new ResponseStatusException(HttpStatus.FORBIDDEN, "Only coordinators move a case.");
		}
		var to = request.to();
		if (to == null) {
			throw new InvalidInput("to", "vulns.error.to-required", "Say which state the case moves to.");
		}
		var from = current.status();
		if (!from.allows(to)) {
			throw new InvalidInput("to", "vulns.error.transition-not-allowed",
					"A case cannot move from " + from + " to " + to + ".", HttpStatus.CONFLICT);
		}
		if (to == CaseStatus.CLOSED && request.outcome() != null && !from.closingOutcomes().contains(request.outcome())) {
			throw new InvalidInput("outcome", "vulns.error.outcome-not-allowed",
					"A case in " + from + " cannot close as " + request.outcome() + ".", HttpStatus.CONFLICT);
		}
		var checked = check(current, request, to);
		var now = Instant.now(clock);
		var reason = request.reason().strip();
		// A refusal's reason is always the finder's to read; other reasons only when the coordinator shares them.
		var visible = to == CaseStatus.NOT_ACCEPTED || request.reasonVisibleToFinder();
		dao.move(id, to, request.outcome(), request.firstVendorContactOn(), checked, request.publicationZone(), now);
		dao.record(id, from, to, request.outcome(), reason, visible, viewer.userId(), now);
		var details = new LinkedHashMap<String, String>();
		details.put("number", current.number());
		details.put("from", from.name());
		details.put("to", to.name());
		if (request.outcome() != null) {
			details.put("outcome", request.outcome().name());
		}
		if (!reason.isEmpty()) {
			details.put("reason", reason);
		}
		audit.record("vulns.case-moved", "vuln_case", id, details);
		if (to == CaseStatus.ACCEPTED || to == CaseStatus.NOT_ACCEPTED) {
			mail.tellFinder(current, to);
		}
		return dao.find(id, viewer).orElseThrow();
	}

	/** The field rules of a move; returns the agreed publication instant (or null). */
	private @Nullable Instant check(VulnCase current, TransitionRequest request, CaseStatus to) {
		var problems = new ArrayList<InvalidFields.Problem>();
		if (CaseRules.text(problems, "reason", request.reason(), CaseRules.REASON_MAX, false)
				&& to == CaseStatus.NOT_ACCEPTED && request.reason().isBlank()) {
			problems.add(CaseRules.problem("reason", "vulns.error.reason-required",
					"Say why the report is not accepted: the finder reads it."));
		}
		if (to == CaseStatus.CLOSED && request.outcome() == null) {
			problems.add(CaseRules.problem("outcome", "vulns.error.outcome-required", "Choose how the case ends."));
		}
		if (to != CaseStatus.CLOSED && request.outcome() != null) {
			problems.add(notForThisStep("outcome"));
		}
		var contact = request.firstVendorContactOn();
		if (to == CaseStatus.VENDOR_CONTACTED) {
			var today = LocalDate.now(clock.withZone(zone));
			if (contact == null) {
				problems.add(CaseRules.problem("firstVendorContactOn", "vulns.error.contact-date-required",
						"Give the date the vendor was first contacted (起算日)."));
			}
			else if (contact.isAfter(today)) {
				problems.add(CaseRules.problem("firstVendorContactOn", "vulns.error.contact-date-future",
						"The first contact cannot be in the future."));
			}
			else if (contact.isBefore(LocalDate.ofInstant(current.createdAt(), zone))) {
				problems.add(CaseRules.problem("firstVendorContactOn", "vulns.error.contact-date-before-filing",
						"The first contact cannot be before the report was filed."));
			}
		}
		else if (contact != null) {
			problems.add(notForThisStep("firstVendorContactOn"));
		}
		Instant publication = null;
		if (to == CaseStatus.DATE_AGREED) {
			var zoneId = zoneOf(request.publicationZone(), problems);
			if (request.publicationAt() == null) {
				problems.add(CaseRules.problem("publicationAt", "vulns.error.publication-required",
						"Give the agreed publication date and time."));
			}
			else if (zoneId != null) {
				publication = request.publicationAt().atZone(zoneId).toInstant();
				var firstContact = current.firstVendorContactOn();
				if (firstContact != null && publication.isBefore(firstContact.atStartOfDay(zoneId).toInstant())) {
					problems.add(CaseRules.problem("publicationAt", "vulns.error.publication-before-contact",
							"Publication cannot be before the vendor was first contacted."));
				}
			}
		}
		else {
			if (request.publicationAt() != null) {
				problems.add(notForThisStep("publicationAt"));
			}
			if (request.publicationZone() != null && !request.publicationZone().isBlank()) {
				problems.add(notForThisStep("publicationZone"));
			}
		}
		if (!problems.isEmpty()) {
			throw new InvalidFields(problems);
		}
		return publication;
	}

	/** A region zone id from the IANA database (Asia/Tokyo, Europe/Berlin); offsets and abbreviations are refused. */
	private static @Nullable ZoneId zoneOf(@Nullable String value, List<InvalidFields.Problem> problems) {
		if (value == null || value.isBlank()) {
			problems.add(CaseRules.problem("publicationZone", "vulns.error.zone-required", "Give the time zone."));
			return null;
		}
		if (!ZoneId.getAvailableZoneIds().contains(value)) {
			problems.add(CaseRules.problem("publicationZone", "vulns.error.zone-invalid",
					"Give an IANA time zone such as Asia/Tokyo."));
			return null;
		}
		try {
			return ZoneId.of(value);
		}
		catch (DateTimeException e) {
			problems.add(CaseRules.problem("publicationZone", "vulns.error.zone-invalid",
					"Give an IANA time zone such as Asia/Tokyo."));
			return null;
		}
	}

	private static InvalidFields.Problem notForThisStep(String field) {
		return CaseRules.problem(field, "vulns.error.not-for-this-step", "Not used for this step.");
	}

	/** A case that does not exist or that the viewer may not see: the same answer for both. */
	public static final class CaseNotFound extends ResponseStatusException {

		public CaseNotFound() {
			super(HttpStatus.NOT_FOUND, "No such vulnerability case.");
		}
	}
}
