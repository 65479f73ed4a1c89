package org.kakehashi.vulns.advisory;

import java.net.URI;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.UUID;

/**
 * A realistic multi-vendor advisory for the writers' tests: a control-system vendor that fixed its PLC, a second
 * vendor that stayed silent (under investigation), a web service without versions, one vulnerability with a CVE id
 * and both CVSS versions and one without.
 */
public final class SampleAdvisories {

	public static final Instant PUBLISHED = Instant.parse("2026-05-12T03:00:00Z");
	public static final CveNumberingAuthority CNA = new CveNumberingAuthority(
			UUID.fromString("b3476cb9-2e3d-41a6-98d0-0f47421a65b6"), "kakehashi");

	static final String PLC_VENDOR = "Example Control Systems";
	static final String PLC = "PLC-100";
	static final String SILENT_VENDOR = "Silent Corp";
	static final String HMI = "HMI Panel";
	static final String PORTAL = "Remote Portal";

	private SampleAdvisories() {
	}

	public static Advisory multiVendor() {
		return multiVendor(AdvisoryTlp.CLEAR);
	}

	public static Advisory multiVendor(AdvisoryTlp tlp) {
		var vendors = List.of(
				new Vendor(PLC_VENDOR, List.of(new Vendor.Product(PLC, List.of("1.0", "1.1", "1.2")),
						new Vendor.Product(PORTAL, List.of()))),
				new Vendor(SILENT_VENDOR, List.of(new Vendor.Product(HMI, List.of("3.0", "3.1")))));

		var statuses = new LinkedHashMap<ProductRef, ProductStatus>();
		statuses.put(ProductRef.of(PLC_VENDOR, PLC, "1.0"), ProductStatus.KNOWN_AFFECTED);
		statuses.put(ProductRef.of(PLC_VENDOR, PLC, "1.1"), ProductStatus.KNOWN_AFFECTED);
		statuses.put(ProductRef.of(PLC_VENDOR, PLC, "1.2"), ProductStatus.FIXED);
		statuses.put(ProductRef.of(SILENT_VENDOR, HMI, "3.0"), ProductStatus.UNDER_INVESTIGATION);
		statuses.put(ProductRef.of(SILENT_VENDOR, HMI, "3.1"), ProductStatus.UNDER_INVESTIGATION);
		var overflow = new Vulnerability("CVE-2026-12345", new Cwe("CWE-787", "Out-of-bounds Write"),
				Bilingual.of("PLC-100 におけるスタックベースのバッファオーバーフロー", "Stack-based buffer overflow in PLC-100"),
				Bilingual.of("PLC-100 の Modbus/TCP 処理には境界外書き込みの脆弱性が存在します。",
						"The Modbus/TCP handler of PLC-100 writes out of bounds."),
				List.of(new AdvisoryNote(AdvisoryNote.Category.DETAILS, Bilingual.of("想定される影響", "Impact"),
						Bilingual.of("遠隔の第三者によって任意のコードを実行される可能性があります。",
								"A remote attacker may execute arbitrary code."))),
				CvssScore.of("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "9.8"),
				CvssScore.of("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N", "9.3"), statuses,
				List.of(new Remediation(Remediation.Category.VENDOR_FIX,
						Bilingual.of("開発者が提供する情報をもとに、最新版へアップデートしてください。", "Update to version 1.2."),
						URI.create("https://vendor.example/security/2026-01"),
						List.of(ProductRef.of(PLC_VENDOR, PLC, "1.0"), ProductRef.of(PLC_VENDOR, PLC, "1.1"))),
						new Remediation(Remediation.Category.WORKAROUND,
								Bilingual.of("Modbus/TCP ポートへのアクセスを信頼できるネットワークに限定してください。",
										"Restrict access to the Modbus/TCP port to trusted networks."),
								null, List.of(ProductRef.of(SILENT_VENDOR, HMI, "3.0"), ProductRef.of(SILENT_VENDOR, HMI, "3.1")))),
				List.of(new Reference(URI.create("https://vendor.example/security/2026-01"), "Vendor advisory")),
				List.of(new Credit("山田 太郎", "Example Research"), new Credit("Alice Example", null)));

		var xss = new Vulnerability(null, new Cwe("CWE-79", "Improper Neutralization of Input During Web Page Generation ('Cross-site Scripting')"),
				Bilingual.of("Remote Portal におけるクロスサイトスクリプティング", "Cross-site scripting in Remote Portal"),
				Bilingual.of("Remote Portal にはクロスサイトスクリプティングの脆弱性が存在します。",
						"Remote Portal does not escape a search parameter."),
				List.of(), CvssScore.of("CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N", "6.1"), null,
				java.util.Map.of(ProductRef.wholeProduct(PLC_VENDOR, PORTAL), ProductStatus.FIXED),
				List.of(new Remediation(Remediation.Category.VENDOR_FIX, Bilingual.of("修正済みです。", "Fixed by the operator."), null,
						List.of(ProductRef.wholeProduct(PLC_VENDOR, PORTAL)))),
				List.of(), List.of());

		return new Advisory(Tracking.initial("VU#2026-0001", PUBLISHED, "Initial public release"),
				Bilingual.of("Example Control Systems 製 PLC-100 における複数の脆弱性", "Multiple vulnerabilities in Example Control Systems PLC-100"),
				List.of(new AdvisoryNote(AdvisoryNote.Category.SUMMARY, Bilingual.of("概要", "Summary"),
						Bilingual.of("Example Control Systems が提供する PLC-100 には複数の脆弱性が存在します。",
								"PLC-100 provided by Example Control Systems contains multiple vulnerabilities."))),
				new Publisher("Kakehashi Coordination Center", URI.create("https://kakehashi.example")), tlp,
				URI.create("https://kakehashi.example/advisories/VU2026-0001"), vendors, List.of(overflow, xss),
				List.of(new Reference(URI.create("https://www.cisa.gov/news-events/ics-advisories"), "ICS advisories")));
	}
}
