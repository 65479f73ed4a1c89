package org.kakehashi.vulns.publication;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.kakehashi.audit.AuditLog;
import org.kakehashi.identity.Directory;
import org.kakehashi.identity.OrganisationType;
import org.kakehashi.platform.InvalidFields;
import org.kakehashi.platform.KakehashiProperties;
import org.kakehashi.vulns.advisory.CsafWriter;
import org.kakehashi.vulns.advisory.Publisher;
import org.kakehashi.vulns.internal.CaseRules;
import org.kakehashi.vulns.internal.CaseVendors;
import org.kakehashi.vulns.internal.CaseViewer;
import org.kakehashi.vulns.internal.CaseVulnerabilities;
import org.kakehashi.vulns.internal.VulnCase;
import org.kakehashi.vulns.internal.VulnCases;
import org.kakehashi.vulns.internal.VulnsProperties;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.server.ResponseStatusException;

/**
 * The coordinators' draft of a product case's advisory, and what it still lacks. Until the first save the draft is
 * proposed from the case (its title and first vulnerability, the finder's name as credit when they consented). A
 * credit is refused without the finder's consent.
 */
@Service
public class AdvisoryDrafts {

	public static final int TITLE_MAX = 200;
	public static final int TEXT_MAX = 4000;

	private final PublicationDao dao;
	private final VulnCases cases;
	private final CaseVulnerabilities vulnerabilities;
	private final CaseVendors vendors;
	private final Directory directory;
	private final AuditLog audit;
	private final KakehashiProperties properties;
	private final VulnsProperties settings;
	private final Clock clock;

	AdvisoryDrafts(PublicationDao dao, VulnCases cases, CaseVulnerabilities vulnerabilities, CaseVendors vendors,
			Directory directory, AuditLog audit, KakehashiProperties properties, VulnsProperties settings, Clock clock) {
		this.dao = dao;
		this.cases = cases;
		this.vulnerabilities = vulnerabilities;
		this.vendors = vendors;
		this.directory = directory;
		this.audit = audit;
		this.properties = properties;
		this.settings = settings;
		this.clock = clock;
	}

	@Transactional(readOnly = true)
	public AdvisoryDraft draft(CaseViewer viewer, UUID caseId) {
		var found = coordinatorCase(viewer, caseId);
		return draftOf(found);
	}

	/** The saved draft, or one proposed from the case. */
	AdvisoryDraft draftOf(VulnCase found) {
		return dao.draft(found.id()).orElseGet(() -> {
			var first = vulnerabilities.of(found.id()).stream().findFirst();
			var titleJa = first.map(v -> v.titleJa()).filter(t -> !t.isBlank()).orElse("");
			var titleEn = first.map(v -> v.titleEn()).filter(t -> !t.isBlank()).orElse("");
			var credit = found.consentCredit() ? dao.finderName(found.id()) : "";
			return new AdvisoryDraft(titleJa, titleEn, "", "", "", "", "", "", "", credit, null);
		});
	}

	@Transactional
	public AdvisoryDraft save(CaseViewer viewer, UUID caseId, AdvisoryDraft typed) {
		var found = coordinatorCase(viewer, caseId);
		var problems = new ArrayList<InvalidFields.Problem>();
		CaseRules.line(problems, "titleJa", typed.titleJa(), TITLE_MAX, false);
		CaseRules.line(problems, "titleEn", typed.titleEn(), TITLE_MAX, false);
		CaseRules.text(problems, "summaryJa", typed.summaryJa(), TEXT_MAX, false);
		CaseRules.text(problems, "summaryEn", typed.summaryEn(), TEXT_MAX, false);
		CaseRules.text(problems, "impactJa", typed.impactJa(), TEXT_MAX, false);
		CaseRules.text(problems, "impactEn", typed.impactEn(), TEXT_MAX, false);
		CaseRules.text(problems, "solutionJa", typed.solutionJa(), TEXT_MAX, false);
		CaseRules.text(problems, "solutionEn", typed.solutionEn(), TEXT_MAX, false);
		CaseRules.text(problems, "referenceLines", typed.referenceLines(), 10000, false);
		for (var line : AdvisoryAssembler.referenceProblems(typed.referenceLines())) {
			problems.add(new InvalidFields.Problem("referenceLines", "vulns.error.reference-line", List.of(line),
					"Line " + line + " does not start with an http(s) address."));
		}
		CaseRules.line(problems, "credit", typed.credit(), CaseRules.NAME_MAX, false);
		if (!typed.credit().isBlank() && !found.consentCredit()) {
			problems.add(new InvalidFields.Problem("credit", "vulns.error.credit-without-consent", List.of(),
					"The finder did not agree to be credited."));
		}
		if (!problems.isEmpty()) {
			throw new InvalidFields(problems);
		}
		var stripped = new AdvisoryDraft(typed.titleJa().strip(), typed.titleEn().strip(), typed.summaryJa().strip(),
				typed.summaryEn().strip(), typed.impactJa().strip(), typed.impactEn().strip(), typed.solutionJa().strip(),
				typed.solutionEn().strip(), typed.referenceLines().strip(), typed.credit().strip(), null);
		var now = Instant.now(clock);
		dao.saveDraft(caseId, stripped, viewer.userId(), now);
		audit.record("vulns.advisory.draft-saved", "vuln_case", caseId, Map.of("number", found.number()));
		cases.touched(caseId);
		return dao.draft(caseId).orElseThrow();
	}

	@Transactional(readOnly = true)
	public Readiness readiness(CaseViewer viewer, UUID caseId) {
		return AdvisoryAssembler.readiness(inputs(coordinatorCase(viewer, caseId)));
	}

	/**
	 * The page the advisory would have if it were published now (for the coordinators' preview); null while it is
	 * not ready.
	 */
	@Transactional(readOnly = true)
	public @Nullable AdvisoryPage preview(CaseViewer viewer, UUID caseId) {
		var inputs = inputs(coordinatorCase(viewer, caseId));
		if (!AdvisoryAssembler.readiness(inputs).ready()) {
			return null;
		}
		var tracking = org.kakehashi.vulns.advisory.Tracking.initial(inputs.vulnCase().number(),
				Instant.now(clock).truncatedTo(java.time.temporal.ChronoUnit.MILLIS), AdvisoryPublication.FIRST_SUMMARY);
		return AdvisoryAssembler.page(inputs, tracking);
	}

	/** Everything the advisory of the case is made of, as of now. */
	AdvisoryAssembler.Inputs inputs(VulnCase found) {
		var slug = slug(found.number());
		return new AdvisoryAssembler.Inputs(found, draftOf(found), vulnerabilities.of(found.id()), vendors.of(found.id()),
				vendors.publicationBlockers(found.id()), publisher(), URI.create(properties.link("/public/advisories/" + slug)),
				slug);
	}

	/** Who the machine-readable advisories name as publisher: the setting, else the coordinator organisation. */
	public Publisher publisher() {
		var name = settings.publisher().name();
		if (name.isBlank()) {
			name = directory.organisationsOfType(OrganisationType.COORDINATOR, List.of()).stream().findFirst()
				.map(o -> o.nameEn() != null && !o.nameEn().isBlank() ? o.nameEn() : o.name()).orElse("Kakehashi");
		}
		var namespace = settings.publisher().namespace() != null ? settings.publisher().namespace() : properties.baseUrl();
		return new Publisher(name, namespace);
	}

	/** The advisory's address on the public pages: the CSAF file name's stem ({@code vu_2026-0001}). */
	public static String slug(String trackingId) {
		var file = CsafWriter.fileName(trackingId);
		return file.substring(0, file.length() - ".json".length());
	}

	private VulnCase coordinatorCase(CaseViewer viewer, UUID caseId) {
		var found = cases.find(viewer, caseId).orElseThrow(VulnCases.CaseNotFound::new);
		if (!viewer.coordinator()) {
			throw new ResponseStatusException(HttpStatus.FORBIDDEN, "Only coordinators write the advisory.");
		}
		return found;
	}
}
