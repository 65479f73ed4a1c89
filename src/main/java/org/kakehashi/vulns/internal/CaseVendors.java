package org.kakehashi.vulns.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.kakehashi.audit.AuditLog;
import org.kakehashi.platform.InvalidFields;
import org.kakehashi.platform.InvalidInput;
import org.kakehashi.platform.KakehashiProperties;
import org.kakehashi.platform.Page;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.server.ResponseStatusException;

/**
 * The vendors of a case (many in a multi-vendor case; the operator, for a web site): coordinators invite them from
 * the directory, document every attempt to reach them, list the unreachable ones publicly and record the
 * publication committee's decision; each vendor states, per vulnerability, whether its product is affected, with
 * affected and fixed versions. A vendor sees only itself; the finder sees no vendor.
 */
@Service
public class CaseVendors {

	public static final int VERSIONS_MAX = 50;
	public static final int VERSION_MAX = 100;
	public static final int MEMBERS_MAX = 50;

	/** Vendors and their answers at a glance: per vulnerability, how many vendors say what. */
	public record Summary(int vendors, int responded, int unreachable, Map<UUID, Map<VendorStatus, Integer>> byVulnerability) {
	}

	/** A documented attempt as typed. */
	public record AttemptDraft(@Nullable Instant attemptedAt, ContactAttempt.@Nullable Channel channel, String note) {
	}

	/** A committee decision as typed. */
	public record DecisionDraft(@Nullable LocalDate decidedOn, List<String> members,
			CommitteeDecision.@Nullable Decision decision, String note) {
	}

	private final CaseVendorsDao dao;
	private final VulnCasesDao cases;
	private final VulnCases lifecycle;
	private final VendorDirectoryDao directory;
	private final CaseVulnerabilities vulnerabilities;
	private final CaseMail mail;
	private final AccessLinks links;
	private final AuditLog audit;
	private final Clock clock;
	private final ZoneId zone;
	private final VulnsProperties settings;

	CaseVendors(CaseVendorsDao dao, VulnCasesDao cases, VulnCases lifecycle, VendorDirectoryDao directory,
			CaseVulnerabilities vulnerabilities, CaseMail mail, AccessLinks links, AuditLog audit, Clock clock,
			KakehashiProperties properties, VulnsProperties settings) {
		this.dao = dao;
		this.cases = cases;
		this.lifecycle = lifecycle;
		this.directory = directory;
		this.vulnerabilities = vulnerabilities;
		this.mail = mail;
		this.links = links;
		this.audit = audit;
		this.clock = clock;
		this.zone = properties.timeZone();
		this.settings = settings;
	}

	/** The vendors the viewer may see: every one for coordinators, their own for a vendor, none for the finder. */
	@Transactional(readOnly = true)
	public Page<CaseVendor> list(CaseViewer viewer, UUID caseId, VendorFilter filter, @Nullable String text,
			int page, int size) {
		var participation = participation(viewer, caseId);
		if (!participation.coordinator() && !participation.vendor()) {
			return new Page<>(List.of(), 0, Page.clampSize(size), 0);
		}
		return dao.list(caseId, participation.coordinator() ? null : participation.vendorIds(), filter, text,
				Math.max(0, page), Page.clampSize(size));
	}

	/** Every vendor with its statuses, without a viewer: for the platform's own work (publication). */
	@Transactional(readOnly = true)
	public List<CaseVendor> of(UUID caseId) {
		return dao.all(caseId);
	}

	@Transactional(readOnly = true)
	public CaseVendor vendor(CaseViewer viewer, UUID caseId, UUID vendorId) {
		var participation = participation(viewer, caseId);
		if (!participation.speaksFor(vendorId)) {
			throw new VendorNotOnCase();
		}
		return dao.find(caseId, vendorId).orElseThrow(VendorNotOnCase::new);
	}

	@Transactional(readOnly = true)
	public Summary summary(CaseViewer viewer, UUID caseId) {
		requireCoordinator(participation(viewer, caseId));
		var unreachable = dao.list(caseId, null, VendorFilter.UNREACHABLE, null, 0, 1).total();
		return new Summary(dao.count(caseId), dao.responded(caseId), (int) unreachable, dao.summary(caseId));
	}

	/**
	 * Invites a vendor of the directory to an accepted case: its people are e-mailed (a documented, automatic
	 * attempt), and the first vendor contacted moves the case to VENDOR_CONTACTED with today as 起算日.
	 */
	@Transactional
	public CaseVendor invite(CaseViewer viewer, UUID caseId, UUID vendorId, String productName) {
		var now = Instant.now(clock);
		var found = cases.lock(caseId, viewer, now).orElseThrow(VulnCases.CaseNotFound::new);
		requireCoordinator(cases.participation(caseId, viewer, now));
		if (!found.status().coordinating()) {
			throw new InvalidInput("vendorId", "vulns.error.invite-not-now",
					"Vendors are invited once the case is accepted, until it is closed.", HttpStatus.CONFLICT);
		}
		var vendor = directory.find(vendorId).orElseThrow(() -> new InvalidInput("vendorId",
				"vulns.error.vendor-unknown", "No such vendor in the directory."));
		var problems = new ArrayList<InvalidFields.Problem>();
		CaseRules.line(problems, "productName", productName, CaseRules.NAME_MAX, false);
		if (!problems.isEmpty()) {
			throw new InvalidFields(problems);
		}
		var product = productName.isBlank() ? defaultProduct(found) : productName.strip();
		if (!dao.invite(caseId, vendorId, product, viewer.requireUser(), now)) {
			throw new InvalidInput("vendorId", "vulns.error.vendor-already-invited", "This vendor is already on the case.",
					HttpStatus.CONFLICT);
		}
		var sent = mail.vendorInvited(found, vendor, product);
		if (sent > 0) {
			dao.attempt(caseId, vendorId, now, ContactAttempt.Channel.EMAIL, "", true, viewer.userId(), now);
		}
		audit.record("vulns.vendor-invited", "vuln_case", caseId, Map.of("number", found.number(),
				"vendor", vendorId.toString(), "mails", String.valueOf(sent)));
		if (sent > 0) {
			// Only a vendor actually written to starts the clock (起算日); one without contacts is reached by hand.
			lifecycle.vendorContacted(viewer, caseId, vendorId, vendor.name());
		}
		cases.touch(caseId, now);
		return dao.find(caseId, vendorId).orElseThrow();
	}

	private static String defaultProduct(VulnCase found) {
		return found.kind() == CaseKind.WEBSITE ? found.siteUrl().length() > CaseRules.NAME_MAX
				? found.siteUrl().substring(0, CaseRules.NAME_MAX) : found.siteUrl() : found.productName();
	}

	/** The product name the advisory and the unreachable list use for this vendor. */
	@Transactional
	public CaseVendor rename(CaseViewer viewer, UUID caseId, UUID vendorId, String productName) {
		var found = lockVendor(viewer, caseId, vendorId, true);
		var problems = new ArrayList<InvalidFields.Problem>();
		CaseRules.line(problems, "productName", productName, CaseRules.NAME_MAX, true);
		if (!problems.isEmpty()) {
			throw new InvalidFields(problems);
		}
		dao.productName(caseId, vendorId, productName.strip());
		audit.record("vulns.vendor-product", "vuln_case", caseId, Map.of("number", found.number(),
				"vendor", vendorId.toString()));
		return dao.find(caseId, vendorId).orElseThrow();
	}

	/**
	 * A status for one vulnerability, by the vendor itself or by a coordinator on its behalf (for a vendor that
	 * answers by e-mail or telephone). The vendor's first word marks it as having responded.
	 */
	@Transactional
	public CaseVendor setStatus(CaseViewer viewer, UUID caseId, UUID vendorId, UUID vulnerabilityId,
			StatusUpdate update) {
		var found = lockVendor(viewer, caseId, vendorId, false);
		if (!found.status().coordinating()) {
			throw new InvalidInput("status", "vulns.error.case-not-coordinating",
					"Statuses are given while the case is coordinated.", HttpStatus.CONFLICT);
		}
		vulnerabilities.find(caseId, vulnerabilityId).orElseThrow(CaseVulnerabilities.VulnerabilityNotFound::new);
		var problems = new ArrayList<InvalidFields.Problem>();
		if (update.status() == null) {
			problems.add(CaseRules.problem("status", "vulns.error.status-required", "Choose a status."));
		}
		CaseRules.text(problems, "statement", update.statement(), 4000, false);
		var affected = versions(problems, "affectedVersions", update.affectedVersions());
		var fixed = versions(problems, "fixedVersions", update.fixedVersions());
		if (update.status() == VendorStatus.NOT_AFFECTED && !affected.isEmpty()) {
			problems.add(CaseRules.problem("affectedVersions", "vulns.error.not-affected-versions",
					"A product that is not affected has no affected versions."));
		}
		if (!problems.isEmpty()) {
			throw new InvalidFields(problems);
		}
		var now = Instant.now(clock);
		var participation = cases.participation(caseId, viewer, now);
		var label = viewer.signedIn() ? "" : links.holder(viewer, caseId, AccessLinks.Party.VENDOR, vendorId);
		dao.setStatus(caseId, vendorId, vulnerabilityId, update.status(), update.statement().strip(), affected, fixed,
				viewer.userId(), label, now);
		if (participation.vendorIds().contains(vendorId)) {
			dao.responded(caseId, vendorId, now);
		}
		audit.record("vulns.vendor-status", "vuln_case", caseId, Map.of("number", found.number(),
				"vendor", vendorId.toString(), "vulnerability", vulnerabilityId.toString(), "status", update.status().name(),
				"by", participation.vendorIds().contains(vendorId) ? "vendor" : "coordinator"));
		cases.touch(caseId, now);
		return dao.find(caseId, vendorId).orElseThrow();
	}

	/** Versions as typed, one per line or comma-separated, trimmed, duplicates dropped. */
	static List<String> versions(List<InvalidFields.Problem> problems, String field, String typed) {
		var result = new LinkedHashSet<String>();
		for (var part : typed.split("[,\\n]")) {
			var version = part.strip();
			if (!version.isEmpty()) {
				result.add(version);
			}
		}
		if (result.size() > VERSIONS_MAX) {
			problems.add(new InvalidFields.Problem(field, "vulns.error.versions-too-many", List.of(VERSIONS_MAX),
					"At most " + VERSIONS_MAX + " versions."));
		}
		if (result.stream().anyMatch(v -> v.length() > VERSION_MAX || CaseRules.hasControlCharacters(v))) {
			problems.add(new InvalidFields.Problem(field, "vulns.error.version-too-long", List.of(VERSION_MAX),
					"Each version has at most " + VERSION_MAX + " characters."));
		}
		return List.copyOf(result);
	}

	@Transactional(readOnly = true)
	public List<ContactAttempt> attempts(CaseViewer viewer, UUID caseId, UUID vendorId) {
		requireCoordinator(participation(viewer, caseId));
		dao.find(caseId, vendorId).orElseThrow(VendorNotOnCase::new);
		return dao.attempts(caseId, vendorId);
	}

	/** Documents an attempt to reach the vendor (a call, a letter, a web form), made now or earlier. */
	@Transactional
	public ContactAttempt recordAttempt(CaseViewer viewer, UUID caseId, UUID vendorId, AttemptDraft draft) {
		var found = lockVendor(viewer, caseId, vendorId, true);
		var now = Instant.now(clock);
		var problems = new ArrayList<InvalidFields.Problem>();
		if (draft.channel() == null) {
			problems.add(CaseRules.problem("channel", "vulns.error.channel-required", "Say how the vendor was contacted."));
		}
		var at = draft.attemptedAt() == null ? now : draft.attemptedAt();
		if (at.isAfter(now.plusSeconds(60))) {
			problems.add(CaseRules.problem("attemptedAt", "vulns.error.attempt-future", "An attempt cannot be in the future."));
		}
		else if (at.isBefore(found.createdAt())) {
			problems.add(CaseRules.problem("attemptedAt", "vulns.error.attempt-before-filing",
					"An attempt cannot be before the report was filed."));
		}
		CaseRules.text(problems, "note", draft.note(), 4000, false);
		if (!problems.isEmpty()) {
			throw new InvalidFields(problems);
		}
		dao.attempt(caseId, vendorId, at, draft.channel(), draft.note().strip(), false, viewer.userId(), now);
		audit.record("vulns.contact-attempt", "vuln_case", caseId, Map.of("number", found.number(),
				"vendor", vendorId.toString(), "channel", draft.channel().name()));
		var attempts = dao.attempts(caseId, vendorId);
		return attempts.get(attempts.size() - 1);
	}

	/**
	 * Lists the vendor as unreachable (連絡不能): only after the documented attempts the setting asks for. Its name
	 * and the product then appear on the public list, nothing else of the case.
	 */
	@Transactional
	public CaseVendor markUnreachable(CaseViewer viewer, UUID caseId, UUID vendorId) {
		var found = lockVendor(viewer, caseId, vendorId, true);
		if (found.kind() == CaseKind.WEBSITE) {
			throw new InvalidInput("vendorId", "vulns.error.unreachable-site",
					"A web site's operator is not listed publicly; close the case as operator unreachable.",
					HttpStatus.CONFLICT);
		}
		var vendor = dao.find(caseId, vendorId).orElseThrow();
		if (vendor.unreachable()) {
			return vendor;
		}
		if (vendor.firstResponseAt() != null && vendor.reachedAt() == null) {
			throw new InvalidInput("vendorId", "vulns.error.vendor-responded",
					"This vendor has answered: it is not unreachable.", HttpStatus.CONFLICT);
		}
		var needed = settings.unreachableAfterAttempts();
		if (vendor.attempts() < needed) {
			throw new InvalidInput("vendorId", "vulns.error.attempts-too-few",
					"Document at least " + needed + " attempts to reach the vendor first.", HttpStatus.CONFLICT);
		}
		dao.unreachable(caseId, vendorId, Instant.now(clock));
		audit.record("vulns.vendor-unreachable", "vuln_case", caseId, Map.of("number", found.number(),
				"vendor", vendorId.toString(), "attempts", String.valueOf(vendor.attempts())));
		return dao.find(caseId, vendorId).orElseThrow();
	}

	/** The vendor got in touch after all: it leaves the public list. */
	@Transactional
	public CaseVendor markReached(CaseViewer viewer, UUID caseId, UUID vendorId) {
		var found = lockVendor(viewer, caseId, vendorId, true);
		var vendor = dao.find(caseId, vendorId).orElseThrow();
		if (!vendor.unreachable()) {
			return vendor;
		}
		dao.reached(caseId, vendorId, Instant.now(clock));
		audit.record("vulns.vendor-reached", "vuln_case", caseId, Map.of("number", found.number(),
				"vendor", vendorId.toString()));
		return dao.find(caseId, vendorId).orElseThrow();
	}

	@Transactional(readOnly = true)
	public List<CommitteeDecision> decisions(CaseViewer viewer, UUID caseId) {
		requireCoordinator(participation(viewer, caseId));
		return dao.decisions(caseId);
	}

	/** Records a publication committee's decision, with its date and members. */
	@Transactional
	public CommitteeDecision decide(CaseViewer viewer, UUID caseId, DecisionDraft draft) {
		var now = Instant.now(clock);
		var found = cases.lock(caseId, viewer, now).orElseThrow(VulnCases.CaseNotFound::new);
		requireCoordinator(cases.participation(caseId, viewer, now));
		var problems = new ArrayList<InvalidFields.Problem>();
		if (draft.decidedOn() == null) {
			problems.add(CaseRules.problem("decidedOn", "vulns.error.decided-on-required", "Give the date of the decision."));
		}
		else if (draft.decidedOn().isAfter(LocalDate.ofInstant(now, zone))) {
			problems.add(CaseRules.problem("decidedOn", "vulns.error.decided-on-future", "A decision cannot be in the future."));
		}
		var members = draft.members().stream().map(String::strip).filter(m -> !m.isEmpty()).distinct().toList();
		if (members.isEmpty()) {
			problems.add(CaseRules.problem("members", "vulns.error.members-required", "Name the committee's members."));
		}
		else if (members.size() > MEMBERS_MAX) {
			problems.add(new InvalidFields.Problem("members", "vulns.error.members-too-many", List.of(MEMBERS_MAX),
					"At most " + MEMBERS_MAX + " members."));
		}
		else if (members.stream().anyMatch(m -> m.length() > CaseRules.NAME_MAX || CaseRules.hasControlCharacters(m))) {
			problems.add(new InvalidFields.Problem("members", "vulns.error.too-long", List.of(CaseRules.NAME_MAX),
					"At most " + CaseRules.NAME_MAX + " characters."));
		}
		if (draft.decision() == null) {
			problems.add(CaseRules.problem("decision", "vulns.error.decision-required", "Choose the decision."));
		}
		CaseRules.text(problems, "note", draft.note(), 4000, false);
		if (!problems.isEmpty()) {
			throw new InvalidFields(problems);
		}
		dao.decision(caseId, draft.decidedOn(), members, draft.decision(), draft.note().strip(), viewer.requireUser(), now);
		audit.record("vulns.committee-decision", "vuln_case", caseId, Map.of("number", found.number(),
				"decision", draft.decision().name(), "decidedOn", draft.decidedOn().toString(),
				"members", String.valueOf(members.size())));
		var all = dao.decisions(caseId);
		return all.get(all.size() - 1);
	}

	/**
	 * Why the case's advisory may not be published yet, as message keys: a vendor listed as unreachable needs the
	 * committee's latest decision to allow publication without it.
	 */
	@Transactional(readOnly = true)
	public List<String> publicationBlockers(UUID caseId) {
		// The most recent listing: a decision must postdate every listed vendor, not just the first one.
		var listed = dao.latestUnreachableListing(caseId);
		if (listed.isEmpty()) {
			return List.of();
		}
		var latestListing = listed.get();
		var decisions = dao.decisions(caseId);
		var latest = decisions.isEmpty() ? null : decisions.get(decisions.size() - 1);
		if (latest == null || latest.decision() != CommitteeDecision.Decision.PUBLISH_WITHOUT_VENDOR) {
			return List.of("vulns.blocker.committee");
		}
		// A decision taken (or recorded) before a vendor was listed did not weigh that vendor.
		if (latest.decidedOn().isBefore(LocalDate.ofInstant(latestListing, zone))
				|| latest.recordedAt().isBefore(latestListing)) {
			return List.of("vulns.blocker.committee-stale");
		}
		return List.of();
	}

	/** The public list of unreachable vendors: names and products, nothing of the cases. */
	@Transactional(readOnly = true)
	public Page<UnreachableListing> unreachableListings(@Nullable String text, int page, int size) {
		return dao.unreachableListings(text, Math.max(0, page), Page.clampSize(size));
	}

	private Participation participation(CaseViewer viewer, UUID caseId) {
		var now = Instant.now(clock);
		cases.find(caseId, viewer, now).orElseThrow(VulnCases.CaseNotFound::new);
		return cases.participation(caseId, viewer, now);
	}

	/** The case, locked, after checking the viewer speaks for the vendor (or is a coordinator, when required). */
	private VulnCase lockVendor(CaseViewer viewer, UUID caseId, UUID vendorId, boolean coordinatorOnly) {
		var now = Instant.now(clock);
		var found = cases.lock(caseId, viewer, now).orElseThrow(VulnCases.CaseNotFound::new);
		var participation = cases.participation(caseId, viewer, now);
		if (!participation.speaksFor(vendorId)) {
			throw participation.coordinator() || participation.vendor() ? new VendorNotOnCase()
					: new ResponseStatusException(HttpStatus.FORBIDDEN, "Only the vendor and the coordinators do this.");
		}
		if (coordinatorOnly) {
			requireCoordinator(participation);
		}
		if (!dao.lock(caseId, vendorId)) {
			throw new VendorNotOnCase();
		}
		return found;
	}

	private static void requireCoordinator(Participation participation) {
		if (!participation.coordinator()) {
			throw new ResponseStatusException(HttpStatus.FORBIDDEN, "Only coordinators do this.");
		}
	}

	public static final class VendorNotOnCase extends ResponseStatusException {

		public VendorNotOnCase() {
			super(HttpStatus.NOT_FOUND, "No such vendor on this case.");
		}
	}
}
