package org.kakehashi.support;

import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

import org.kakehashi.identity.OrganisationType;
import org.kakehashi.identity.Role;
import org.kakehashi.identity.internal.Organisation;
import org.kakehashi.identity.internal.UserAccount;
import org.kakehashi.vulns.internal.CaseKind;
import org.kakehashi.vulns.internal.CaseReport;
import org.kakehashi.vulns.internal.CaseStatus;
import org.kakehashi.vulns.internal.CaseVendors;
import org.kakehashi.vulns.internal.CaseViewer;
import org.kakehashi.vulns.internal.CaseVulnerabilities;
import org.kakehashi.vulns.internal.StatusUpdate;
import org.kakehashi.vulns.internal.TransitionRequest;
import org.kakehashi.vulns.internal.VendorDirectory;
import org.kakehashi.vulns.internal.VendorDraft;
import org.kakehashi.vulns.internal.VendorEntry;
import org.kakehashi.vulns.internal.VendorStatus;
import org.kakehashi.vulns.internal.VulnCase;
import org.kakehashi.vulns.internal.VulnCases;
import org.kakehashi.vulns.internal.VulnerabilityDraft;
import org.kakehashi.vulns.publication.AdvisoryDraft;
import org.kakehashi.vulns.publication.AdvisoryDrafts;
import org.springframework.stereotype.Component;

/**
 * A vulnerability-coordination world built through the module's own services: a coordinator, a finder, vendors with
 * and without their own organisation, and a product case taken as far as a test needs (accepted, vendors invited, a
 * described vulnerability, a complete advisory draft, an agreed publication moment).
 */
@Component
public class VulnsFixtures {

	public static final String CVSS31 = "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H";
	public static final String CVSS40 = "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N";

	private final Fixtures fixtures;
	private final VulnCases cases;
	private final VendorDirectory directory;
	private final CaseVendors vendors;
	private final CaseVulnerabilities vulnerabilities;
	private final AdvisoryDrafts drafts;
	private final Clock clock;

	VulnsFixtures(Fixtures fixtures, VulnCases cases, VendorDirectory directory, CaseVendors vendors,
			CaseVulnerabilities vulnerabilities, AdvisoryDrafts drafts, Clock clock) {
		this.fixtures = fixtures;
		this.cases = cases;
		this.directory = directory;
		this.vendors = vendors;
		this.vulnerabilities = vulnerabilities;
		this.drafts = drafts;
		this.clock = clock;
	}

	/** A coordinator organisation's coordinator (an analyst would do as well). */
	public UserAccount coordinator() {
		return fixtures.user(fixtures.organisation(OrganisationType.COORDINATOR), Role.COORDINATOR);
	}

	public UserAccount finder() {
		return fixtures.user(fixtures.organisation(OrganisationType.OPERATOR, "ELECTRICITY"), Role.REPORTER);
	}

	/** A vendor organisation and its PSIRT member (a coordinator of that organisation). */
	public record VendorWithAccount(Organisation organisation, UserAccount psirt, VendorEntry entry) {
	}

	public VendorWithAccount vendorWithAccount(UserAccount coordinator, String name) {
		var organisation = fixtures.organisation(OrganisationType.VENDOR);
		var psirt = fixtures.user(organisation, Role.COORDINATOR);
		var entry = directory.create(viewer(coordinator), new VendorDraft(name, name + " (en)", organisation.id(),
				"Products of " + name, "", List.of(new VendorEntry.Contact("PSIRT", Fixtures.unique("psirt") + "@vendor.example", "en"))));
		return new VendorWithAccount(organisation, psirt, entry);
	}

	/** A vendor of the directory without an organisation: its contact gets personal links. */
	public VendorEntry vendorWithoutAccount(UserAccount coordinator, String name, String contactEmail) {
		return directory.create(viewer(coordinator), new VendorDraft(name, "", null, "", "",
				List.of(new VendorEntry.Contact("Security desk", contactEmail, "ja"))));
	}

	public VulnCase fileProductCase(UserAccount finder, String title) {
		return cases.file(viewer(finder), new CaseReport(CaseKind.PRODUCT, true, "Foo 制御機器", "FooSCADA", "3.2 以前", "",
				title, "ログイン画面で認証を回避できる。", "1. 管理画面を開く", "遠隔から設定を変更される", CVSS31, true, true));
	}

	/** Received → checking → accepted (the first vulnerability is drafted from the report). */
	public void accept(UserAccount coordinator, UUID caseId) {
		var viewer = viewer(coordinator);
		cases.transition(viewer, caseId, move(CaseStatus.CHECKING));
		cases.transition(viewer, caseId, move(CaseStatus.ACCEPTED));
	}

	/** Completes the first vulnerability for publication: both languages, CVE, CWE and both CVSS versions. */
	public void describe(UserAccount coordinator, UUID caseId, String cveId) {
		var viewer = viewer(coordinator);
		var first = vulnerabilities.list(viewer, caseId).get(0);
		vulnerabilities.update(viewer, caseId, first.id(), new VulnerabilityDraft(cveId, "CWE-287", "",
				"FooSCADA における認証回避", "Authentication bypass in FooSCADA",
				"FooSCADA の管理画面には認証回避の脆弱性が存在します。", "The FooSCADA administration screen allows authentication bypass.",
				CVSS31, CVSS40));
	}

	public void draftAdvisory(UserAccount coordinator, UUID caseId) {
		drafts.save(viewer(coordinator), caseId, new AdvisoryDraft("FooSCADA における認証回避の脆弱性",
				"Authentication bypass vulnerability in FooSCADA", "FooSCADA には認証回避の脆弱性が存在します。",
				"FooSCADA contains an authentication bypass vulnerability.", "遠隔の第三者に設定を変更される可能性があります。",
				"A remote attacker may change the configuration.", "開発者が提供する修正版へアップデートしてください。",
				"Update to the fixed version the vendor provides.", "https://vendor.example/psirt/2026-01 Vendor advisory",
				"", null));
	}

	/** Agrees publication at the given wall-clock time in Asia/Tokyo. */
	public void agree(UserAccount coordinator, UUID caseId, LocalDateTime atTokyo) {
		cases.transition(viewer(coordinator), caseId, new TransitionRequest(CaseStatus.DATE_AGREED, "", false, null, null,
				atTokyo, "Asia/Tokyo"));
	}

	public void invite(UserAccount coordinator, UUID caseId, UUID vendorId, String product) {
		vendors.invite(viewer(coordinator), caseId, vendorId, product);
	}

	public void answer(UserAccount vendorUser, UUID caseId, UUID vendorId, VendorStatus status, String affected,
			String fixed, String statement) {
		var viewer = viewer(vendorUser);
		var first = vulnerabilities.list(viewer, caseId).get(0);
		vendors.setStatus(viewer, caseId, vendorId, first.id(), new StatusUpdate(status, statement, affected, fixed));
	}

	public LocalDate today() {
		return LocalDate.now(clock.withZone(ZoneId.of("Asia/Tokyo")));
	}

	public static CaseViewer viewer(UserAccount user) {
		return CaseViewer.of(user.principal());
	}

	private static TransitionRequest move(CaseStatus to) {
		return new TransitionRequest(to, "", false, null, null, null, null);
	}
}
