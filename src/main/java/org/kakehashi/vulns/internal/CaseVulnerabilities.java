package org.kakehashi.vulns.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.kakehashi.audit.AuditLog;
import org.kakehashi.platform.Ids;
import org.kakehashi.platform.InvalidFields;
import org.kakehashi.vulns.cvss.Cvss3Vector;
import org.kakehashi.vulns.cvss.Cvss4Vector;
import org.kakehashi.vulns.cvss.InvalidCvssVector;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.server.ResponseStatusException;

/**
 * The vulnerabilities of a case (one report may reveal several): what vendors give a status for and what the
 * advisory, CSAF and CVE records describe. The first one is drafted from the report when the case is accepted;
 * coordinators then complete them (both languages, CVE and CWE ids, CVSS v3.1 and v4.0 vectors, checked and
 * normalised) and add more.
 */
@Service
public class CaseVulnerabilities {

	public static final int TITLE_MAX = 200;
	public static final int DESCRIPTION_MAX = 4000;
	static final Pattern CVE = Pattern.compile("CVE-[0-9]{4}-[0-9]{4,19}");
	static final Pattern CWE = Pattern.compile("CWE-[1-9][0-9]{0,5}");
	/** Hiragana, katakana and CJK ideographs: a report written in Japanese. */
	private static final Pattern JAPANESE = Pattern.compile("[\\p{IsHiragana}\\p{IsKatakana}\\p{IsHan}]");

	private final JdbcClient jdbc;
	private final VulnCasesDao cases;
	private final CweCatalogue cwes;
	private final AuditLog audit;
	private final Clock clock;

	CaseVulnerabilities(JdbcClient jdbc, VulnCasesDao cases, CweCatalogue cwes, AuditLog audit, Clock clock) {
		this.jdbc = jdbc;
		this.cases = cases;
		this.cwes = cwes;
		this.audit = audit;
		this.clock = clock;
	}

	/** The case's vulnerabilities, for anyone in the case. */
	@Transactional(readOnly = true)
	public List<CaseVulnerability> list(CaseViewer viewer, UUID caseId) {
		cases.find(caseId, viewer, Instant.now(clock)).orElseThrow(VulnCases.CaseNotFound::new);
		return of(caseId);
	}

	/** The case's vulnerabilities without a viewer: for the platform's own work (publication). */
	@Transactional(readOnly = true)
	public List<CaseVulnerability> of(UUID caseId) {
		return jdbc.sql("""
				select id, ordinal, cve_id, cwe_id, cwe_name, title_ja, title_en, description_ja, description_en, cvss_v3,
				       cvss_v4
				  from vuln_case_vulnerability where case_id = :case order by ordinal
				""").param("case", caseId)
			.query((rs, n) -> new CaseVulnerability(rs.getObject("id", UUID.class), rs.getInt("ordinal"),
					rs.getString("cve_id"), rs.getString("cwe_id"), rs.getString("cwe_name"), rs.getString("title_ja"),
					rs.getString("title_en"), rs.getString("description_ja"), rs.getString("description_en"),
					rs.getString("cvss_v3"), rs.getString("cvss_v4")))
			.list();
	}

	Optional<CaseVulnerability> find(UUID caseId, UUID id) {
		return of(caseId).stream().filter(v -> v.id().equals(id)).findFirst();
	}

	/**
	 * The first vulnerability, drafted from the report when the case is accepted: its title and description go to
	 * the Japanese or the English side by the script they are written in, the suggested vector to its version's slot.
	 */
	@Transactional
	public void draftFromReport(VulnCase accepted) {
		var exists = jdbc.sql("select count(*) from vuln_case_vulnerability where case_id = :case")
			.param("case", accepted.id()).query(Integer.class).single() > 0;
		if (exists) {
			return;
		}
		var japanese = JAPANESE.matcher(accepted.title() + accepted.description()).find();
		var title = cut(accepted.title(), TITLE_MAX);
		var description = cut(accepted.description(), DESCRIPTION_MAX);
		var suggested = accepted.suggestedCvss();
		var v4 = suggested.startsWith("CVSS:4.0/");
		insert(accepted.id(), 1, new VulnerabilityDraft("", "", "", japanese ? title : "", japanese ? "" : title,
				japanese ? description : "", japanese ? "" : description, v4 ? "" : suggested, v4 ? suggested : ""));
	}

	@Transactional
	public CaseVulnerability add(CaseViewer viewer, UUID caseId, VulnerabilityDraft draft) {
		var found = lockForCoordinator(viewer, caseId);
		var checked = check(draft, null);
		var ordinal = jdbc.sql("select coalesce(max(ordinal), 0) + 1 from vuln_case_vulnerability where case_id = :case")
			.param("case", caseId).query(Integer.class).single();
		var id = insert(caseId, ordinal, checked);
		audit.record("vulns.vulnerability.added", "vuln_case", caseId, details(found, ordinal));
		cases.touch(caseId, Instant.now(clock));
		return find(caseId, id).orElseThrow();
	}

	@Transactional
	public CaseVulnerability update(CaseViewer viewer, UUID caseId, UUID id, VulnerabilityDraft draft) {
		var found = lockForCoordinator(viewer, caseId);
		var current = find(caseId, id).orElseThrow(VulnerabilityNotFound::new);
		var checked = check(draft, id);
		jdbc.sql("""
				update vuln_case_vulnerability set cve_id = :cve, cwe_id = :cwe, cwe_name = :cweName, title_ja = :titleJa,
				       title_en = :titleEn, description_ja = :descriptionJa, description_en = :descriptionEn,
				       cvss_v3 = :v3, cvss_v4 = :v4, updated_at = :now
				 where id = :id and case_id = :case
				""")
			.param("id", id).param("case", caseId).param("cve", blankToNull(checked.cveId()))
			.param("cwe", blankToNull(checked.cweId())).param("cweName", checked.cweName())
			.param("titleJa", checked.titleJa()).param("titleEn", checked.titleEn())
			.param("descriptionJa", checked.descriptionJa()).param("descriptionEn", checked.descriptionEn())
			.param("v3", checked.cvssV3()).param("v4", checked.cvssV4()).param("now", Timestamp.from(Instant.now(clock)))
			.update();
		audit.record("vulns.vulnerability.updated", "vuln_case", caseId, details(found, current.ordinal()));
		cases.touch(caseId, Instant.now(clock));
		return find(caseId, id).orElseThrow();
	}

	private VulnCase lockForCoordinator(CaseViewer viewer, UUID caseId) {
		var found = cases.lock(caseId, viewer, Instant.now(clock)).orElseThrow(VulnCases.CaseNotFound::new);
		if (!viewer.coordinator()) {
			throw new ResponseStatusException(HttpStatus.FORBIDDEN, "Only coordinators describe the vulnerabilities.");
		}
		return found;
	}

	private UUID insert(UUID caseId, int ordinal, VulnerabilityDraft draft) {
		var id = Ids.newId(clock);
		var now = Timestamp.from(Instant.now(clock));
		jdbc.sql("""
				insert into vuln_case_vulnerability (id, case_id, ordinal, cve_id, cwe_id, cwe_name, title_ja, title_en,
				       description_ja, description_en, cvss_v3, cvss_v4, created_at, updated_at)
				values (:id, :case, :ordinal, :cve, :cwe, :cweName, :titleJa, :titleEn, :descriptionJa, :descriptionEn,
				        :v3, :v4, :now, :now)
				""")
			.param("id", id).param("case", caseId).param("ordinal", ordinal).param("cve", blankToNull(draft.cveId()))
			.param("cwe", blankToNull(draft.cweId())).param("cweName", draft.cweName()).param("titleJa", draft.titleJa())
			.param("titleEn", draft.titleEn()).param("descriptionJa", draft.descriptionJa())
			.param("descriptionEn", draft.descriptionEn()).param("v3", draft.cvssV3()).param("v4", draft.cvssV4())
			.param("now", now).update();
		return id;
	}

	/** Every broken rule at once; the vectors come back normalised and a known CWE's name filled in. */
	private VulnerabilityDraft check(VulnerabilityDraft draft, @Nullable UUID self) {
		var problems = new ArrayList<InvalidFields.Problem>();
		var cve = draft.cveId().strip().toUpperCase(java.util.Locale.ROOT);
		if (!cve.isEmpty()) {
			if (!CVE.matcher(cve).matches()) {
				problems.add(CaseRules.problem("cveId", "vulns.error.cve", "Not a CVE id, e.g. CVE-2026-12345."));
			}
			else {
				var taken = jdbc.sql("select id from vuln_case_vulnerability where cve_id = :cve").param("cve", cve)
					.query(UUID.class).optional();
				if (taken.isPresent() && !taken.get().equals(self)) {
					problems.add(CaseRules.problem("cveId", "vulns.error.cve-taken",
							"This CVE id already belongs to another vulnerability."));
				}
			}
		}
		var cwe = draft.cweId().strip().toUpperCase(java.util.Locale.ROOT);
		var cweName = draft.cweName().strip();
		if (!cwe.isEmpty() && !CWE.matcher(cwe).matches()) {
			problems.add(CaseRules.problem("cweId", "vulns.error.cwe", "Not a CWE id, e.g. CWE-79."));
		}
		else if (!cwe.isEmpty() && cweName.isEmpty()) {
			cweName = cwes.name(cwe).orElse("");
			if (cweName.isEmpty()) {
				problems.add(CaseRules.problem("cweName", "vulns.error.cwe-name", "Give the CWE's name."));
			}
		}
		CaseRules.line(problems, "cweName", cweName, 300, false);
		CaseRules.line(problems, "titleJa", draft.titleJa(), TITLE_MAX, false);
		CaseRules.line(problems, "titleEn", draft.titleEn(), TITLE_MAX, false);
		CaseRules.text(problems, "descriptionJa", draft.descriptionJa(), DESCRIPTION_MAX, false);
		CaseRules.text(problems, "descriptionEn", draft.descriptionEn(), DESCRIPTION_MAX, false);
		var v3 = vector(problems, "cvssV3", draft.cvssV3(), false);
		var v4 = vector(problems, "cvssV4", draft.cvssV4(), true);
		if (!problems.isEmpty()) {
			throw new InvalidFields(problems);
		}
		return new VulnerabilityDraft(cve, cwe, cwe.isEmpty() ? "" : cweName, draft.titleJa().strip(),
				draft.titleEn().strip(), draft.descriptionJa().strip(), draft.descriptionEn().strip(), v3, v4);
	}

	/** A v3.x vector in the v3 field, a v4.0 one in the v4 field, normalised; "" when none is given. */
	private static String vector(List<InvalidFields.Problem> problems, String field, String value, boolean v4) {
		var typed = value.strip();
		if (typed.isEmpty() || !CaseRules.text(problems, field, value, v4 ? 300 : CaseRules.CVSS_MAX, false)) {
			return "";
		}
		try {
			return v4 ? Cvss4Vector.parse(typed).toString() : Cvss3Vector.parse(typed).toString();
		}
		catch (InvalidCvssVector e) {
			problems.add(new InvalidFields.Problem(field, v4 ? "vulns.error.cvss4" : "vulns.error.cvss3",
					List.of(e.metric()), e.getMessage()));
			return "";
		}
	}

	private static Map<String, String> details(VulnCase found, int ordinal) {
		// Which vulnerability changed, not what it says: the audit log is read outside the case before publication.
		return Map.of("number", found.number(), "vulnerability", String.valueOf(ordinal));
	}

	private static @Nullable String blankToNull(String value) {
		return value.isBlank() ? null : value;
	}

	/** At most {@code max} characters with an ellipsis, never cut inside a surrogate pair. */
	static String cut(String text, int max) {
		if (text.length() <= max) {
			return text;
		}
		var end = max - 1;
		if (Character.isHighSurrogate(text.charAt(end - 1))) {
			end--;
		}
		return text.substring(0, end) + "…";
	}

	public static final class VulnerabilityNotFound extends ResponseStatusException {

		public VulnerabilityNotFound() {
			super(HttpStatus.NOT_FOUND, "No such vulnerability in this case.");
		}
	}
}
