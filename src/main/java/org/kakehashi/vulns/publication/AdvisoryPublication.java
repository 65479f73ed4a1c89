package org.kakehashi.vulns.publication;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.kakehashi.audit.AuditLog;
import org.kakehashi.platform.InvalidFields;
import org.kakehashi.platform.InvalidInput;
import org.kakehashi.platform.KakehashiProperties;
import org.kakehashi.vulns.AdvisoryPublished;
import org.kakehashi.vulns.advisory.CsafWriter;
import org.kakehashi.vulns.advisory.CveNumberingAuthority;
import org.kakehashi.vulns.advisory.CveRecordWriter;
import org.kakehashi.vulns.advisory.Tracking;
import org.kakehashi.vulns.internal.CaseKind;
import org.kakehashi.vulns.internal.CaseRules;
import org.kakehashi.vulns.internal.CaseStatus;
import org.kakehashi.vulns.internal.CaseViewer;
import org.kakehashi.vulns.internal.VulnCase;
import org.kakehashi.vulns.internal.VulnCases;
import org.kakehashi.vulns.internal.VulnsProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.server.ResponseStatusException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Publishes advisories. A case whose publication date is agreed is published by the platform at that moment, on
 * whichever node's job gets to it first (the case row is claimed with {@code SKIP LOCKED}, and publishing moves it
 * to PUBLISHED in the same transaction, so it happens once); a coordinator may also publish at once when the moment
 * has come — never before it. An advisory that is not ready at the agreed time is not published, and the coordinators
 * on the case are told once. After publication, an update is a new revision: the CSAF revision history grows by one,
 * the CVE records' dateUpdated moves, and the public page shows the new text.
 */
@Service
public class AdvisoryPublication {

	private static final Logger log = LoggerFactory.getLogger(AdvisoryPublication.class);
	/** Publications one run makes at most; the rest wait for the next run. */
	static final int MAX_PER_RUN = 200;
	static final String FIRST_SUMMARY = "Initial publication / 初版";
	/** How late after the agreed moment a publication still counts as on time (and is dated that moment). */
	static final java.time.Duration ON_TIME = java.time.Duration.ofMinutes(10);

	/** What a publication attempt came to. */
	public record Outcome(boolean published, int revision, Readiness readiness) {
	}

	private final PublicationDao dao;
	private final AdvisoryDrafts drafts;
	private final VulnCases cases;
	private final AuditLog audit;
	private final ApplicationEventPublisher events;
	private final TransactionTemplate transactions;
	private final Clock clock;
	private final CsafWriter csaf;
	private final CveRecordWriter cve;
	private final JsonMapper json = JsonMapper.builder().build();

	AdvisoryPublication(PublicationDao dao, AdvisoryDrafts drafts, VulnCases cases, AuditLog audit,
			ApplicationEventPublisher events, TransactionTemplate transactions, Clock clock,
			KakehashiProperties properties, VulnsProperties settings) {
		this.dao = dao;
		this.drafts = drafts;
		this.cases = cases;
		this.audit = audit;
		this.events = events;
		this.transactions = transactions;
		this.clock = clock;
		var version = Optional.ofNullable(AdvisoryPublication.class.getPackage().getImplementationVersion()).orElse("dev");
		this.csaf = new CsafWriter(version, clock);
		this.cve = new CveRecordWriter(cna(settings, properties));
	}

	/**
	 * The CNA of the CVE records: the configured one, or for an installation that is not a CNA a fixed UUID derived from
	 * its base URL. CVE records require a version-4 UUID, so the derived one is shaped as one and a configured one
	 * must be one.
	 */
	static CveNumberingAuthority cna(VulnsProperties settings, KakehashiProperties properties) {
		var configured = settings.cna().orgId().strip();
		UUID orgId;
		if (configured.isEmpty()) {
			byte[] hash;
			try {
				hash = java.security.MessageDigest.getInstance("SHA-256")
					.digest(("kakehashi-cna|" + properties.baseUrl()).getBytes(java.nio.charset.StandardCharsets.UTF_8));
			}
			catch (java.security.NoSuchAlgorithmException e) {
				throw new IllegalStateException(e);
			}
			hash[6] = (byte) ((hash[6] & 0x0f) | 0x40);
			hash[8] = (byte) ((hash[8] & 0x3f) | 0x80);
			var buffer = java.nio.ByteBuffer.wrap(hash);
			orgId = new UUID(buffer.getLong(), buffer.getLong());
		}
		else {
			try {
				orgId = UUID.fromString(configured);
			}
			catch (IllegalArgumentException e) {
				orgId = null;
			}
			if (orgId == null || orgId.version() != 4) {
				throw new IllegalStateException("kakehashi.vulns.cna.org-id must be the CNA's CVE Services UUID (version 4), was '"
						+ configured + "'");
			}
		}
		return new CveNumberingAuthority(orgId, settings.cna().shortName());
	}

	/**
	 * Publishes every case whose agreed moment has come, one transaction each: a case that is not ready, or whose
	 * publication fails, is passed over (and retried on the next run) without holding back the others. Returns the
	 * cases published by this call.
	 */
	public List<UUID> publishDue() {
		var published = new ArrayList<UUID>();
		var passed = new java.util.HashSet<UUID>();
		for (int round = 0; round < MAX_PER_RUN; round++) {
			var claimed = new UUID[1];
			try {
				var done = transactions.execute(status -> {
					var due = dao.claimDue(Instant.now(clock), passed);
					if (due.isEmpty()) {
						return null;
					}
					claimed[0] = due.get();
					return publishClaimed(claimed[0]);
				});
				if (done == null) {
					break;
				}
				(done ? published : passed).add(claimed[0]);
			}
			catch (RuntimeException e) {
				if (claimed[0] == null) {
					throw e;
				}
				log.error("Publishing the advisory of case {} failed; the next run tries again", claimed[0], e);
				passed.add(claimed[0]);
			}
		}
		return published;
	}

	/** In the claiming transaction: publish if ready, else tell the coordinators once. */
	private boolean publishClaimed(UUID caseId) {
		var found = cases.lockForPublication(caseId).orElseThrow();
		var inputs = drafts.inputs(found);
		var readiness = AdvisoryAssembler.readiness(inputs);
		if (!readiness.ready()) {
			if (!dao.overdueNotified(caseId)) {
				dao.markOverdueNotified(caseId, Instant.now(clock));
				cases.publicationOverdue(caseId);
				audit.record("vulns.advisory.overdue", "vuln_case", caseId, Map.of("number", found.number(),
						"missing", readiness.missing().stream().map(Readiness.Item::messageKey).collect(Collectors.joining(","))));
				log.warn("Advisory {} is due but not ready: {}", found.number(),
						readiness.missing().stream().map(Readiness.Item::messageKey).toList());
			}
			return false;
		}
		// Dated the agreed moment when the job runs just after it; an advisory that became ready later is dated when it
		// actually went out, so that consumers syncing by date do not miss it.
		var now = Instant.now(clock);
		var agreed = found.publicationAt();
		var at = agreed != null && !agreed.isBefore(now.minus(ON_TIME)) ? agreed : now;
		store(found, inputs, null, FIRST_SUMMARY, at);
		return true;
	}

	/** A coordinator publishes now: only once the agreed moment has come, and only a ready advisory. */
	@Transactional
	public Outcome publishNow(CaseViewer viewer, UUID caseId) {
		coordinatorCase(viewer, caseId);
		// Decide on the locked row: the job (or a second click) may have published it, or a new date been agreed.
		var found = cases.lockForPublication(caseId).orElseThrow(VulnCases.CaseNotFound::new);
		if (found.status() != CaseStatus.DATE_AGREED || !dao.history(caseId).isEmpty()) {
			throw new InvalidInput("to", "vulns.error.publish-not-agreed",
					"Agree the publication date first.", HttpStatus.CONFLICT);
		}
		var now = Instant.now(clock);
		if (found.publicationAt() == null || found.publicationAt().isAfter(now)) {
			throw new InvalidInput("to", "vulns.error.publish-embargoed",
					"The agreed publication moment has not come yet.", HttpStatus.CONFLICT);
		}
		var inputs = drafts.inputs(found);
		var readiness = AdvisoryAssembler.readiness(inputs);
		if (!readiness.ready()) {
			return new Outcome(false, 0, readiness);
		}
		return new Outcome(true, store(found, inputs, viewer.userId(), FIRST_SUMMARY, now), readiness);
	}

	/** A new revision of a published advisory, with a summary of what changed. */
	@Transactional
	public Outcome republish(CaseViewer viewer, UUID caseId, String summary) {
		var found = coordinatorCase(viewer, caseId);
		var published = found.status() == CaseStatus.PUBLISHED
				|| found.status() == CaseStatus.CLOSED && found.outcome() == org.kakehashi.vulns.internal.Outcome.JVN_PUBLICATION;
		if (!published || dao.history(caseId).isEmpty()) {
			throw new InvalidInput("summary", "vulns.error.republish-not-published",
					"Only a published advisory gets a new revision.", HttpStatus.CONFLICT);
		}
		var problems = new ArrayList<InvalidFields.Problem>();
		if (CaseRules.text(problems, "summary", summary, 500, true) && summary.isBlank()) {
			problems.add(CaseRules.problem("summary", "vulns.error.required", "Required."));
		}
		if (!problems.isEmpty()) {
			throw new InvalidFields(problems);
		}
		cases.lockForPublication(caseId);
		var inputs = drafts.inputs(found);
		var readiness = AdvisoryAssembler.readiness(inputs);
		if (!readiness.ready()) {
			return new Outcome(false, 0, readiness);
		}
		return new Outcome(true, store(found, inputs, viewer.userId(), summary.strip(), Instant.now(clock)), readiness);
	}

	/** Writes the revision, its documents and page; the first one moves the case to PUBLISHED. */
	private int store(VulnCase found, AdvisoryAssembler.Inputs inputs, @Nullable UUID by, String summary, Instant at) {
		var revisions = dao.history(found.id());
		var date = at.truncatedTo(ChronoUnit.MILLIS);
		Tracking tracking;
		if (revisions.isEmpty()) {
			tracking = Tracking.initial(found.number(), date, summary);
		}
		else {
			var last = revisions.get(revisions.size() - 1).date();
			tracking = new Tracking(found.number(), revisions).revise(date.isAfter(last) ? date : last.plusMillis(1), summary);
		}
		var advisory = AdvisoryAssembler.advisory(inputs, tracking);
		var document = csaf.write(advisory);
		var records = json.writeValueAsString(cve.records(advisory));
		var page = AdvisoryAssembler.page(inputs, tracking);
		var revision = tracking.version();
		var published = tracking.currentReleaseDate();
		dao.saveAdvisory(found.id(), inputs.slug(), found.number(), revision, tracking.initialReleaseDate(), published,
				page.titleJa(), page.titleEn(),
				page.vulnerabilities().stream().map(AdvisoryPage.Vuln::cveId).filter(java.util.Objects::nonNull).toList(),
				searchText(page));
		dao.saveRevision(found.id(), revision, published, summary, json.writeValueAsString(page), document, records, by);
		if (revision == 1) {
			cases.published(found.id(), by, summary, inputs.url().toString());
		}
		else {
			cases.touched(found.id());
		}
		audit.record(revision == 1 ? "vulns.advisory.published" : "vulns.advisory.revised", "vuln_case", found.id(),
				Map.of("number", found.number(), "revision", String.valueOf(revision),
						"by", by == null ? "schedule" : by.toString()));
		events.publishEvent(new AdvisoryPublished(found.id(), found.number(), revision));
		return revision;
	}

	/** What the public index finds an advisory by: number, titles, CVE and CWE ids, vendors and products. */
	static String searchText(AdvisoryPage page) {
		var words = new LinkedHashSet<String>();
		words.add(page.trackingId());
		words.add(page.titleJa());
		words.add(page.titleEn());
		for (var v : page.vulnerabilities()) {
			if (v.cveId() != null) {
				words.add(v.cveId());
			}
			words.add(v.cweId());
			words.add(v.titleJa());
			words.add(v.titleEn());
		}
		for (var vendor : page.vendors()) {
			words.add(vendor.name());
			words.add(vendor.nameEn());
			words.add(vendor.product());
		}
		return String.join("\n", words.stream().filter(w -> !w.isBlank()).toList());
	}

	private VulnCase coordinatorCase(CaseViewer viewer, UUID caseId) {
		var found = cases.find(viewer, caseId).orElseThrow(VulnCases.CaseNotFound::new);
		if (!viewer.coordinator()) {
			throw new ResponseStatusException(HttpStatus.FORBIDDEN, "Only coordinators publish.");
		}
		if (found.kind() != CaseKind.PRODUCT) {
			throw new InvalidInput("to", "vulns.error.website-no-advisory",
					"A web-site case has no public advisory.", HttpStatus.CONFLICT);
		}
		return found;
	}
}
