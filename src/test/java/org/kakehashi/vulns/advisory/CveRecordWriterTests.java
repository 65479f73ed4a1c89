package org.kakehashi.vulns.advisory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

class CveRecordWriterTests {

	private final CveRecordWriter writer = new CveRecordWriter(SampleAdvisories.CNA);

	@Test
	void writesOneRecordPerCveId() {
		var records = writer.records(SampleAdvisories.multiVendor());
		assertThat(records).hasSize(1);
		var record = records.get(0);
		assertThat(record.get("dataType").asString()).isEqualTo("CVE_RECORD");
		assertThat(record.get("dataVersion").asString()).isEqualTo("5.1");
		assertThat(record.at("/cveMetadata/cveId").asString()).isEqualTo("CVE-2026-12345");
		assertThat(record.at("/cveMetadata/state").asString()).isEqualTo("PUBLISHED");
		assertThat(record.at("/cveMetadata/assignerOrgId").asString()).isEqualTo("b3476cb9-2e3d-41a6-98d0-0f47421a65b6");
		assertThat(record.at("/cveMetadata/datePublished").asString()).isEqualTo("2026-05-12T03:00:00Z");
		assertThat(record.at("/containers/cna/providerMetadata/shortName").asString()).isEqualTo("kakehashi");
		assertThat(record.at("/containers/cna/title").asString()).isEqualTo("Stack-based buffer overflow in PLC-100");
	}

	@Test
	void describesInEnglishFirstThenJapanese() {
		var cna = writer.records(SampleAdvisories.multiVendor()).get(0).at("/containers/cna");
		assertThat(cna.at("/descriptions/0/lang").asString()).isEqualTo("en");
		assertThat(cna.at("/descriptions/0/value").asString()).isEqualTo("The Modbus/TCP handler of PLC-100 writes out of bounds.");
		assertThat(cna.at("/descriptions/1/lang").asString()).isEqualTo("ja");
		assertThat(cna.at("/descriptions/1/value").asString()).startsWith("PLC-100 の Modbus/TCP 処理");
		assertThat(lines(cna.get("solutions"))).containsExactly("en|Update to version 1.2.",
				"ja|開発者が提供する情報をもとに、最新版へアップデートしてください。");
		assertThat(lines(cna.get("workarounds"))).hasSize(2);
	}

	@Test
	void listsAffectedVersionsAndKeepsSilenceUnknown() {
		var affected = writer.records(SampleAdvisories.multiVendor()).get(0).at("/containers/cna/affected");
		assertThat(affected).hasSize(2);
		var plc = affected.get(0);
		assertThat(plc.get("vendor").asString()).isEqualTo("Example Control Systems");
		assertThat(plc.get("product").asString()).isEqualTo("PLC-100");
		assertThat(versions(plc)).containsExactly("1.0|affected", "1.1|affected", "1.2|unaffected");
		assertThat(plc.get("defaultStatus").asString()).isEqualTo("unknown");
		var hmi = affected.get(1);
		assertThat(hmi.get("vendor").asString()).isEqualTo("Silent Corp");
		assertThat(versions(hmi)).containsExactly("3.0|unknown", "3.1|unknown");
	}

	@Test
	void writesCweMetricsReferencesAndCredits() {
		var cna = writer.records(SampleAdvisories.multiVendor()).get(0).at("/containers/cna");
		var cwe = cna.at("/problemTypes/0/descriptions/0");
		assertThat(cwe.get("cweId").asString()).isEqualTo("CWE-787");
		assertThat(cwe.get("description").asString()).isEqualTo("CWE-787 Out-of-bounds Write");
		assertThat(cna.at("/metrics/0/cvssV4_0/vectorString").asString()).startsWith("CVSS:4.0/");
		assertThat(cna.at("/metrics/0/cvssV4_0/baseScore").decimalValue()).isEqualByComparingTo("9.3");
		assertThat(cna.at("/metrics/1/cvssV3_1/baseSeverity").asString()).isEqualTo("CRITICAL");
		var urls = new ArrayList<String>();
		cna.get("references").forEach(reference -> urls.add(reference.get("url").asString()));
		assertThat(urls).as("each URL once, the advisory first").containsExactly("https://kakehashi.example/advisories/VU2026-0001",
				"https://vendor.example/security/2026-01", "https://www.cisa.gov/news-events/ics-advisories");
		assertThat(lines(cna.get("credits"))).containsExactly("en|山田 太郎 (Example Research)", "en|Alice Example");
		assertThat(cna.at("/credits/0/type").asString()).isEqualTo("finder");
	}

	@Test
	void followsTheCurrentReleaseOnRepublication() {
		var advisory = SampleAdvisories.multiVendor();
		var revised = advisory.withTracking(advisory.tracking().revise(Instant.parse("2026-06-01T00:00:00Z"), "Updated"));
		var record = writer.records(revised).get(0);
		assertThat(record.at("/cveMetadata/datePublished").asString()).isEqualTo("2026-05-12T03:00:00Z");
		assertThat(record.at("/cveMetadata/dateUpdated").asString()).isEqualTo("2026-06-01T00:00:00Z");
	}

	@Test
	void refusesWhatTheFormatCannotHold() {
		var advisory = SampleAdvisories.multiVendor();
		var withoutCve = advisory.vulnerabilities().get(1);
		assertThatThrownBy(() -> writer.record(advisory, withoutCve)).hasMessageContaining("needs a CVE id");
		var sample = advisory.vulnerabilities().get(0);
		var longText = new Vulnerability(sample.cve(), sample.cwe(), sample.title(), Bilingual.of("長い", "x".repeat(4097)),
				List.of(), null, null, sample.productStatus(), List.of(), List.of(), List.of());
		var withLong = new Advisory(advisory.tracking(), advisory.title(), advisory.notes(), advisory.publisher(), advisory.tlp(),
				advisory.url(), advisory.vendors(), List.of(longText), List.of());
		assertThatThrownBy(() -> writer.records(withLong)).hasMessageContaining("4096");
		assertThatThrownBy(() -> writer.record(advisory, longText)).hasMessageContaining("is not a vulnerability of");
		assertThatThrownBy(() -> new Vulnerability("CVE-26-1", sample.cwe(), sample.title(), sample.description(), List.of(), null,
				null, sample.productStatus(), List.of(), List.of(), List.of())).hasMessageContaining("not a CVE id");
		assertThatThrownBy(() -> new CveNumberingAuthority(SampleAdvisories.CNA.orgId(), "x"))
				.isInstanceOf(IllegalArgumentException.class);
	}

	private static List<String> versions(JsonNode product) {
		var result = new ArrayList<String>();
		product.get("versions").forEach(v -> result.add(v.get("version").asString() + "|" + v.get("status").asString()));
		return result;
	}

	private static List<String> lines(JsonNode list) {
		var result = new ArrayList<String>();
		list.forEach(item -> result.add(item.get("lang").asString() + "|" + item.get("value").asString()));
		return result;
	}
}
