package org.kakehashi.vulns.internal;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

	/** How the scheduled publication signs its moves. */
	public static final String PLATFORM = "Kakehashi";

	/** How far in the past an agreed publication may lie ("now", typed a little late). */
	static final java.time.Duration PAST_PUBLICATION_GRACE = java.time.Duration.ofMinutes(10);

	private final VulnCasesDao dao;
	private final AuditLog audit;
	private final CaseMail mail;
	private final AccessLinks links;
	private final CaseVulnerabilities vulnerabilities;
	private final Attachments attachments;
	private final Clock clock;
	private final ZoneId zone;

	VulnCases(VulnCasesDao dao, AuditLog audit, CaseMail mail, AccessLinks links, CaseVulnerabilities vulnerabilities,
			Attachments attachments, Clock clock, KakehashiProperties properties) {
		this.dao = dao;
		this.audit = audit;
		this.mail = mail;
		this.links = links;
		this.vulnerabilities = vulnerabilities;
		this.attachments = attachments;
		this.clock = clock;
		this.zone = properties.timeZone();
	}

	/** A guest finder: the address they proved, the name they gave and the language they read. */
	public record GuestFinder(String email, String name, String language) {
	}

	/** A guest's filed case and the personal link that follows it (also e-mailed to them). */
	public record GuestFiling(VulnCase filed, String link) {
	}

	/** Files a report for a signed-in finder: the case starts RECEIVED with a tracking number of this year. */
	@Transactional
	public VulnCase file(CaseViewer finder, CaseReport report) {
		var checked = CaseRules.check(report);
		var now = Instant.now(clock);
		var id = Ids.newId(clock);
		var number = dao.nextNumber(now.atZone(zone).getYear());
		dao.insert(id, number, checked, finder.requireUser(), finder.organisationId(), null, "", "ja", now);
		dao.record(id, null, CaseStatus.RECEIVED, null, "", true, finder.userId(), "", now);
		filed(id, number, checked, false);
		return dao.find(id, finder, now).orElseThrow();
	}

	/** Files a report with its files (proofs of concept) in one transaction: a refused file stores nothing. */
	@Transactional
	public VulnCase fileWithFiles(CaseViewer finder, CaseReport report, List<Upload> files) {
		var filed = file(finder, report);
		if (!files.isEmpty()) {
			attachments.store(filed.id(), null, files, finder.userId(), "");
		}
		return filed;
	}

	/**
	 * Files a report (and its files) for a guest whose address was verified: the receipt e-mail brings the personal
	 * link that lets them follow the case without an account.
	 */
	@Transactional
	public GuestFiling fileAsGuest(GuestFinder guest, CaseReport report, List<Upload> files) {
		var checked = CaseRules.check(report);
		var now = Instant.now(clock);
		var id = Ids.newId(clock);
		var number = dao.nextNumber(now.atZone(zone).getYear());
		var name = guest.name().strip();
		dao.insert(id, number, checked, null, null, guest.email(), name, "en".equals(guest.language()) ? "en" : "ja", now);
		dao.record(id, null, CaseStatus.RECEIVED, null, "", true, null, name.isEmpty() ? guest.email() : name, now);
		filed(id, number, checked, true);
		if (!files.isEmpty()) {
			attachments.store(id, null, files, null, name.isEmpty() ? guest.email() : name);
		}
		var link = links.issue(id, AccessLinks.Party.FINDER, null, guest.email());
		var filed = dao.lockForPlatform(id).orElseThrow();
		mail.receiptForGuest(filed, guest.language(), link);
		return new GuestFiling(filed, link);
	}

	private void filed(UUID id, String number, CaseReport checked, boolean guest) {
		// The audit entry names the case, never the report's text (nor a guest's address).
		audit.record("vulns.case-filed", "vuln_case", id, Map.of("number", number, "kind", checked.kind().name(),
				"ics", String.valueOf(checked.ics()), "guest", String.valueOf(guest)));
	}

	/** The case, if the viewer may see it, as they may see it (a vendor reads the finder only with consent). */
	@Transactional(readOnly = true)
	public Optional<VulnCase> find(CaseViewer viewer, UUID id) {
		var now = Instant.now(clock);
		return dao.find(id, viewer, now).map(found -> {
			if (viewer.coordinator()) {
				return found;
			}
			var participation = dao.participation(id, viewer, now);
			return participation.finder() ? found : found.forVendor();
		});
	}

	/** What the viewer is in the case; 404 when they are not in it. */
	@Transactional(readOnly = true)
	public Participation participation(CaseViewer viewer, UUID id) {
		var now = Instant.now(clock);
		dao.find(id, viewer, now).orElseThrow(CaseNotFound::new);
		return dao.participation(id, viewer, now);
	}

	/**
	 * The history as the viewer may see it: a coordinator sees everything; the finder sees every move (state and
	 * time) but only the reasons shared with them, and not who made the move; a vendor sees the states and times.
	 */
	@Transactional(readOnly = true)
	public List<CaseTransition> history(CaseViewer viewer, UUID id) {
		var now = Instant.now(clock);
		var found = dao.find(id, viewer, now).orElseThrow(CaseNotFound::new);
		var all = dao.history(found.id());
		if (viewer.coordinator()) {
			return all;
		}
		var finder = dao.participation(id, viewer, now).finder();
		return all.stream().map(t -> new CaseTransition(t.id(), t.from(), t.to(), t.outcome(),
				finder && t.visibleToFinder() ? t.reason() : "", t.visibleToFinder(), null, "", t.at())).toList();
	}

	@Transactional(readOnly = true)
	public Page<CaseLine> list(CaseViewer viewer, @Nullable CaseStatus status, @Nullable String text, int page,
			int size) {
		return dao.list(viewer, status, text, Math.max(0, page), Page.clampSize(size), Instant.now(clock));
	}

	/**
	 * Moves a case. A move the table does not allow is refused with 409 (field {@code to}, or {@code outcome} for an
	 * outcome the current state cannot close with) and nothing changes; missing or misplaced fields are 400 each.
	 * Publication is not a move made here: the advisory's publication makes it, at the agreed time.
	 */
	@Transactional
	public VulnCase transition(CaseViewer viewer, UUID id, TransitionRequest request) {
		var now = Instant.now(clock);
		var current = dao.lock(id, viewer, now).orElseThrow(CaseNotFound::new);
		if (!viewer.coordinator()) {
			throw new ResponseStatusException(HttpStatus.FORBIDDEN, "Only coordinators move a case.");
		}
		var to = request.to();
		if (to == null) {
			throw new InvalidInput("to", "vulns.error.to-required", "Say which state the case moves to.");
		}
		var from = current.status();
		if (!from.allows(current.kind(), to)) {
			throw new InvalidInput("to", "vulns.error.transition-not-allowed",
					"A case cannot move from " + from + " to " + to + ".", HttpStatus.CONFLICT);
		}
		if (to == CaseStatus.PUBLISHED) {
			throw new InvalidInput("to", "vulns.error.publish-through-advisory",
					"A case is published with its advisory, at the agreed time.", HttpStatus.CONFLICT);
		}
		var closing = from.closingOutcomes(current.kind());
		if (to == CaseStatus.CLOSED && request.outcome() != null && !closing.contains(request.outcome())) {
			throw new InvalidInput("outcome", "vulns.error.outcome-not-allowed",
					"A case in " + from + " cannot close as " + request.outcome() + ".", HttpStatus.CONFLICT);
		}
		var checked = check(current, request, to);
		var reason = request.reason().strip();
		// A refusal's reason is always the finder's to read; other reasons only when the coordinator shares them.
		var visible = to == CaseStatus.NOT_ACCEPTED || request.reasonVisibleToFinder();
		dao.move(id, to, request.outcome(), request.firstVendorContactOn(), checked, request.publicationZone(), now);
		dao.record(id, from, to, request.outcome(), reason, visible, viewer.userId(), "", now);
		audit(current, from, to, request.outcome(), reason);
		if (to == CaseStatus.ACCEPTED) {
			vulnerabilities.draftFromReport(current);
		}
		if (to == CaseStatus.ACCEPTED || to == CaseStatus.NOT_ACCEPTED) {
			mail.tellFinder(current, to);
		}
		return dao.find(id, viewer, now).orElseThrow();
	}

	/**
	 * The first vendor (or site operator) of an accepted case was just contacted through Kakehashi: the case moves to
	 * VENDOR_CONTACTED with today as 起算日. Nothing happens in any other state.
	 */
	@Transactional
	public void vendorContacted(CaseViewer coordinator, UUID id, UUID vendorId, String vendorName) {
		var now = Instant.now(clock);
		var current = dao.lock(id, coordinator, now).orElseThrow(CaseNotFound::new);
		if (current.status() != CaseStatus.ACCEPTED) {
			return;
		}
		var today = LocalDate.ofInstant(now, zone);
		dao.move(id, CaseStatus.VENDOR_CONTACTED, null, today, null, null, now);
		// The history (coordinators only) names the vendor; the audit log identifies it.
		dao.record(id, CaseStatus.ACCEPTED, CaseStatus.VENDOR_CONTACTED, null, "→ " + vendorName, false,
				coordinator.userId(), "", now);
		audit.record("vulns.case-moved", "vuln_case", id, Map.of("number", current.number(), "from",
				CaseStatus.ACCEPTED.name(), "to", CaseStatus.VENDOR_CONTACTED.name(), "vendor", vendorId.toString()));
	}

	/**
	 * The advisory went out: DATE_AGREED → PUBLISHED, by the person who published it or by the platform at the agreed
	 * time ({@code by} null). The caller holds the case's lock ({@link #lockForPublication}).
	 */
	@Transactional
	public void published(UUID id, @Nullable UUID by, String summary, String advisoryUrl) {
		var now = Instant.now(clock);
		var current = dao.lockForPlatform(id).orElseThrow(CaseNotFound::new);
		if (current.status() != CaseStatus.DATE_AGREED) {
			throw new IllegalStateException(current.number() + " is " + current.status() + ", not DATE_AGREED");
		}
		dao.move(id, CaseStatus.PUBLISHED, null, null, null, null, now);
		dao.record(id, CaseStatus.DATE_AGREED, CaseStatus.PUBLISHED, null, summary, true, by, by == null ? PLATFORM : "",
				now);
		audit(current, CaseStatus.DATE_AGREED, CaseStatus.PUBLISHED, null, summary);
		mail.published(current, advisoryUrl);
	}

	/** The agreed moment passed but the advisory is not ready: the coordinators on the case hear of it. */
	@Transactional
	public void publicationOverdue(UUID id) {
		dao.lockForPlatform(id).ifPresent(mail::publicationOverdue);
	}

	/** The case locked for publishing, whoever asks (the publication job has no viewer). */
	@Transactional
	public Optional<VulnCase> lockForPublication(UUID id) {
		return dao.lockForPlatform(id);
	}

	/** The finder as coordinators (and, with the finder's consent, vendors) may know them. */
	public record FinderContact(String name, String email, @Nullable String organisation, boolean guest) {
	}

	/** The finder's contact details, for a coordinator, or for a vendor when the finder agreed to share them. */
	@Transactional(readOnly = true)
	public Optional<FinderContact> finderContact(CaseViewer viewer, UUID id) {
		var now = Instant.now(clock);
		var found = dao.find(id, viewer, now).orElseThrow(CaseNotFound::new);
		var participation = dao.participation(id, viewer, now);
		if (participation.coordinator() || participation.vendor() && found.consentShareWithVendor()) {
			return dao.finderContact(id);
		}
		return Optional.empty();
	}

	/** What the start page counts for the viewer (zero where it counts nothing for them). */
	public record Attention(long received, long overdue, long awaitingAnswer) {
	}

	@Transactional(readOnly = true)
	public Attention attention(CaseViewer viewer) {
		var coordinator = viewer.coordinator();
		return new Attention(coordinator ? dao.count(CaseStatus.RECEIVED) : 0,
				coordinator ? dao.overduePublications(Instant.now(clock)) : 0,
				viewer.vendorStaff() && viewer.organisationId() != null ? dao.awaitingVendorAnswer(viewer.organisationId()) : 0);
	}

	/** Marks the case changed (a message, a status) so lists sorted by latest change show it. */
	@Transactional
	public void touched(UUID id) {
		dao.touch(id, Instant.now(clock));
	}

	private void audit(VulnCase current, CaseStatus from, CaseStatus to, @Nullable Outcome outcome, String reason) {
		var details = new LinkedHashMap<String, String>();
		details.put("number", current.number());
		details.put("from", from.name());
		details.put("to", to.name());
		if (outcome != null) {
			details.put("outcome", outcome.name());
		}
		if (!reason.isEmpty()) {
			details.put("reason", reason);
		}
		audit.record("vulns.case-moved", "vuln_case", current.id(), details);
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
				else if (publication.isBefore(Instant.now(clock).minus(PAST_PUBLICATION_GRACE))) {
					// A date in the past would publish at once: almost always a typo in the year or the zone.
					problems.add(CaseRules.problem("publicationAt", "vulns.error.publication-past",
							"The agreed publication cannot be in the past."));
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
