package org.kakehashi.vulns.advisory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class CsafWriterTests {

	private static final Instant GENERATED = Instant.parse("2026-05-12T03:00:05Z");
	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final CsafWriter writer = new CsafWriter("0.1.0", Clock.fixed(GENERATED, ZoneOffset.UTC));

	@Test
	void writesTheSecurityAdvisoryProfileWithTracking() {
		var document = writer.document(SampleAdvisories.multiVendor()).get("document");
		assertThat(document.get("category").asString()).isEqualTo("csaf_security_advisory");
		assertThat(document.get("csaf_version").asString()).isEqualTo("2.0");
		assertThat(document.get("title").asString()).isEqualTo("Multiple vulnerabilities in Example Control Systems PLC-100");
		assertThat(document.at("/publisher/category").asString()).isEqualTo("coordinator");
		assertThat(document.at("/publisher/namespace").asString()).isEqualTo("https://kakehashi.example");
		var tracking = document.get("tracking");
		assertThat(tracking.get("id").asString()).isEqualTo("VU#2026-0001");
		assertThat(tracking.get("status").asString()).isEqualTo("final");
		assertThat(tracking.get("version").asString()).isEqualTo("1");
		assertThat(tracking.get("initial_release_date").asString()).isEqualTo("2026-05-12T03:00:00Z");
		assertThat(tracking.get("current_release_date").asString()).isEqualTo("2026-05-12T03:00:00Z");
		assertThat(tracking.at("/revision_history/0/number").asString()).isEqualTo("1");
		assertThat(tracking.at("/generator/engine/name").asString()).isEqualTo("Kakehashi");
		assertThat(tracking.at("/generator/date").asString()).isEqualTo("2026-05-12T03:00:05Z");
		assertThat(document.at("/references/0/category").asString()).isEqualTo("self");
		assertThat(document.at("/references/0/url").asString()).isEqualTo("https://kakehashi.example/advisories/VU2026-0001");
	}

	@Test
	void carriesJapaneseAndEnglishNotes() {
		var root = writer.document(SampleAdvisories.multiVendor());
		var notes = texts(root.at("/document/notes"));
		assertThat(notes).contains("タイトル|Example Control Systems 製 PLC-100 における複数の脆弱性",
				"Summary|PLC-100 provided by Example Control Systems contains multiple vulnerabilities.",
				"概要|Example Control Systems が提供する PLC-100 には複数の脆弱性が存在します。");

		var vulnerability = root.at("/vulnerabilities/0");
		assertThat(vulnerability.get("title").asString()).isEqualTo("Stack-based buffer overflow in PLC-100");
		assertThat(texts(vulnerability.get("notes"))).containsSubsequence(
				"Stack-based buffer overflow in PLC-100|The Modbus/TCP handler of PLC-100 writes out of bounds.",
				"PLC-100 におけるスタックベースのバッファオーバーフロー|PLC-100 の Modbus/TCP 処理には境界外書き込みの脆弱性が存在します。",
				"Impact|A remote attacker may execute arbitrary code.", "想定される影響|遠隔の第三者によって任意のコードを実行される可能性があります。");
		assertThat(vulnerability.at("/remediations/0/details").asString()).contains("Update to version 1.2.")
				.contains("最新版へアップデートしてください");
		// The UTF-8 text survives the round trip through JSON text.
		assertThat(JSON.readTree(writer.write(SampleAdvisories.multiVendor())).at("/vulnerabilities/0/notes/1/title").asString())
				.isEqualTo("PLC-100 におけるスタックベースのバッファオーバーフロー");
	}

	@Test
	void generatesProductIdsInTreeOrderAndReferencesOnlyThose() {
		var root = writer.document(SampleAdvisories.multiVendor());
		var defined = new ArrayList<String>();
		var names = new ArrayList<String>();
		collectProducts(root.get("product_tree"), defined, names);
		assertThat(defined).containsExactly("CSAFPID-0001", "CSAFPID-0002", "CSAFPID-0003", "CSAFPID-0004", "CSAFPID-0005",
				"CSAFPID-0006");
		assertThat(names).containsExactly("Example Control Systems PLC-100 1.0", "Example Control Systems PLC-100 1.1",
				"Example Control Systems PLC-100 1.2", "Example Control Systems Remote Portal", "Silent Corp HMI Panel 3.0",
				"Silent Corp HMI Panel 3.1");
		assertThat(root.at("/product_tree/branches/0/category").asString()).isEqualTo("vendor");
		assertThat(root.at("/product_tree/branches/0/branches/0/category").asString()).isEqualTo("product_name");
		assertThat(root.at("/product_tree/branches/0/branches/0/branches/0/category").asString()).isEqualTo("product_version");

		var overflow = root.at("/vulnerabilities/0");
		assertThat(ids(overflow.at("/product_status/known_affected"))).containsExactly("CSAFPID-0001", "CSAFPID-0002");
		assertThat(ids(overflow.at("/product_status/fixed"))).containsExactly("CSAFPID-0003");
		assertThat(ids(overflow.at("/product_status/under_investigation"))).containsExactly("CSAFPID-0005", "CSAFPID-0006");
		assertThat(overflow.at("/product_status").has("known_not_affected")).isFalse();
		assertThat(ids(overflow.at("/remediations/0/product_ids"))).containsExactly("CSAFPID-0001", "CSAFPID-0002");
		assertThat(ids(overflow.at("/scores/0/products"))).as("scores apply to affected products")
				.containsExactly("CSAFPID-0001", "CSAFPID-0002");
		assertThat(ids(root.at("/vulnerabilities/1/product_status/fixed"))).containsExactly("CSAFPID-0004");

		var referenced = new HashSet<String>();
		collectReferencedIds(root.get("vulnerabilities"), referenced);
		assertThat(new HashSet<>(defined)).containsAll(referenced);
	}

	@Test
	void writesCvssV3AsScoreAndV4AsNote() {
		var overflow = writer.document(SampleAdvisories.multiVendor()).at("/vulnerabilities/0");
		var cvss = overflow.at("/scores/0/cvss_v3");
		assertThat(cvss.get("version").asString()).isEqualTo("3.1");
		assertThat(cvss.get("vectorString").asString()).isEqualTo("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H");
		assertThat(cvss.get("baseScore").decimalValue()).isEqualByComparingTo("9.8");
		assertThat(cvss.get("baseSeverity").asString()).isEqualTo("CRITICAL");
		assertThat(overflow.get("cve").asString()).isEqualTo("CVE-2026-12345");
		assertThat(overflow.at("/cwe/id").asString()).isEqualTo("CWE-787");
		assertThat(texts(overflow.get("notes"))).contains(
				"CVSS v4.0|CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N (base score 9.3, CRITICAL)");
		assertThat(overflow.at("/acknowledgments/0/names/0").asString()).isEqualTo("山田 太郎");
		assertThat(overflow.at("/acknowledgments/0/organization").asString()).isEqualTo("Example Research");
		assertThat(overflow.at("/acknowledgments/1").has("organization")).isFalse();

		var xss = writer.document(SampleAdvisories.multiVendor()).at("/vulnerabilities/1");
		assertThat(xss.has("cve")).isFalse();
		assertThat(xss.has("scores")).as("a score needs affected products; the portal is fixed").isFalse();
	}

	@Test
	void mapsTlp20LabelsToTheTlp10LabelsOfCsaf20() {
		assertThat(tlp(AdvisoryTlp.CLEAR)).isEqualTo("WHITE");
		assertThat(tlp(AdvisoryTlp.GREEN)).isEqualTo("GREEN");
		assertThat(tlp(AdvisoryTlp.AMBER)).isEqualTo("AMBER");
		assertThat(tlp(AdvisoryTlp.AMBER_STRICT)).isEqualTo("AMBER");
		assertThat(tlp(AdvisoryTlp.RED)).isEqualTo("RED");
		var strict = writer.document(SampleAdvisories.multiVendor(AdvisoryTlp.AMBER_STRICT)).at("/document/distribution");
		assertThat(strict.get("text").asString()).as("the narrower TLP 2.0 label is kept").startsWith("TLP:AMBER+STRICT");
		assertThat(strict.at("/tlp/url").asString()).isEqualTo("https://www.first.org/tlp/");
	}

	@Test
	void republicationAppendsARevisionToThePreviousHistory() {
		var first = JSON.readTree(writer.write(SampleAdvisories.multiVendor()));
		var updated = Instant.parse("2026-06-01T01:00:00Z");
		var second = writer.republish(first, SampleAdvisories.multiVendor(), updated, "Added the fixed version of HMI Panel");
		var secondJson = JSON.readTree(writer.write(second));
		var tracking = secondJson.at("/document/tracking");
		assertThat(tracking.get("version").asString()).isEqualTo("2");
		assertThat(tracking.get("initial_release_date").asString()).isEqualTo("2026-05-12T03:00:00Z");
		assertThat(tracking.get("current_release_date").asString()).isEqualTo("2026-06-01T01:00:00Z");
		assertThat(tracking.get("revision_history")).hasSize(2);
		assertThat(tracking.at("/revision_history/0/summary").asString()).isEqualTo("Initial public release");
		assertThat(tracking.at("/revision_history/1/number").asString()).isEqualTo("2");
		assertThat(tracking.at("/revision_history/1/summary").asString()).isEqualTo("Added the fixed version of HMI Panel");

		var third = writer.republish(secondJson, SampleAdvisories.multiVendor(), Instant.parse("2026-07-01T00:00:00Z"), "CVE added");
		assertThat(third.tracking().version()).isEqualTo(3);
		assertThat(third.tracking().revisions()).extracting(Revision::number).containsExactly(1, 2, 3);
	}

	@Test
	void refusesHistoriesThatWouldBreakCsafRules() {
		var tracking = Tracking.initial("VU#2026-0001", SampleAdvisories.PUBLISHED, "Initial");
		assertThatThrownBy(() -> tracking.revise(SampleAdvisories.PUBLISHED.minusSeconds(60), "Back in time"))
				.isInstanceOf(IllegalArgumentException.class).hasMessageContaining("dated before");
		assertThatThrownBy(() -> new Tracking("VU#2026-0001", List.of(new Revision(2, SampleAdvisories.PUBLISHED, "Gap"))))
				.isInstanceOf(IllegalArgumentException.class);
		var semver = (tools.jackson.databind.node.ObjectNode) JSON.readTree(writer.write(SampleAdvisories.multiVendor()));
		((tools.jackson.databind.node.ObjectNode) semver.at("/document/tracking/revision_history/0")).put("number", "1.0.0");
		assertThatThrownBy(() -> CsafWriter.tracking(semver)).isInstanceOf(IllegalArgumentException.class)
				.hasMessageContaining("1.0.0");
		var other = SampleAdvisories.multiVendor();
		assertThatThrownBy(() -> other.withTracking(Tracking.initial("VU#2026-0002", SampleAdvisories.PUBLISHED, "x")))
				.isInstanceOf(IllegalArgumentException.class);
	}

	@Test
	void refusesProductsOutsideTheTree() {
		var sample = SampleAdvisories.multiVendor();
		var stray = sample.vulnerabilities().get(1);
		var strayVulnerability = new Vulnerability(null, stray.cwe(), stray.title(), stray.description(), List.of(), null, null,
				Map.of(ProductRef.of("Nobody", "Nothing", "1"), ProductStatus.KNOWN_AFFECTED), List.of(), List.of(), List.of());
		assertThatThrownBy(() -> new Advisory(sample.tracking(), sample.title(), sample.notes(), sample.publisher(), sample.tlp(),
				sample.url(), sample.vendors(), List.of(strayVulnerability), List.of()))
				.isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Nobody Nothing 1");
		// A product with listed versions is referred to by version, never as a whole.
		var whole = new Vulnerability(null, stray.cwe(), stray.title(), stray.description(), List.of(), null, null,
				Map.of(ProductRef.wholeProduct(SampleAdvisories.PLC_VENDOR, SampleAdvisories.PLC), ProductStatus.KNOWN_AFFECTED),
				List.of(), List.of(), List.of());
		assertThatThrownBy(() -> new Advisory(sample.tracking(), sample.title(), sample.notes(), sample.publisher(), sample.tlp(),
				sample.url(), sample.vendors(), List.of(whole), List.of())).isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> new Vendor("A", List.of(new Vendor.Product("P", List.of("1", "1")))))
				.isInstanceOf(IllegalArgumentException.class);
	}

	@Test
	void refusesInconsistentValues() {
		assertThatThrownBy(() -> new CvssScore("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", new java.math.BigDecimal("9.8"),
				CvssSeverity.HIGH)).hasMessageContaining("does not match");
		assertThatThrownBy(() -> CvssScore.of("AV:N/AC:L", "5.0")).isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> CvssScore.of("CVSS:3.1/AV:N", "10.5")).isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> CvssScore.of("CVSS:3.1/AV:N", "5.55")).isInstanceOf(IllegalArgumentException.class);
		var v4 = CvssScore.of("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N", "9.3");
		var sample = SampleAdvisories.multiVendor().vulnerabilities().get(0);
		assertThatThrownBy(() -> new Vulnerability(null, sample.cwe(), sample.title(), sample.description(), List.of(), v4, null,
				sample.productStatus(), List.of(), List.of(), List.of())).hasMessageContaining("v4.0 vector given as the v3");
		assertThatThrownBy(() -> new Cwe("79", "XSS")).isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> new Reference(URI.create("javascript:alert(1)"), "x")).isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> new Publisher("P", URI.create("/relative"))).isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> Bilingual.of("  ", "text")).isInstanceOf(IllegalArgumentException.class);
	}

	@Test
	void refusesAnAdvisoryWithoutANoteTheProfileRequires() {
		var sample = SampleAdvisories.multiVendor();
		var onlyLegal = new Advisory(sample.tracking(), sample.title(),
				List.of(new AdvisoryNote(AdvisoryNote.Category.LEGAL_DISCLAIMER, Bilingual.of("免責", "Disclaimer"),
						Bilingual.of("無保証", "No warranty"))),
				sample.publisher(), sample.tlp(), sample.url(), sample.vendors(), sample.vulnerabilities(), List.of());
		assertThatThrownBy(() -> writer.document(onlyLegal)).hasMessageContaining("summary, description, details or general");
	}

	@Test
	void namesFilesAsCsafSection51Says() {
		assertThat(CsafWriter.fileName("VU#2026-0001")).isEqualTo("vu_2026-0001.json");
		assertThat(CsafWriter.fileName("JVNVU#12345678")).isEqualTo("jvnvu_12345678.json");
		assertThat(CsafWriter.fileName("OASIS: #/CSAF_TC-CSAF_2.0-2021-5-1-13")).isEqualTo("oasis_csaf_tc-csaf_2_0-2021-5-1-13.json");
	}

	private String tlp(AdvisoryTlp tlp) {
		return writer.document(SampleAdvisories.multiVendor(tlp)).at("/document/distribution/tlp/label").asString();
	}

	private static List<String> texts(JsonNode notes) {
		var result = new ArrayList<String>();
		notes.forEach(note -> result.add(note.get("title").asString() + "|" + note.get("text").asString()));
		return result;
	}

	private static List<String> ids(JsonNode array) {
		var result = new ArrayList<String>();
		array.forEach(id -> result.add(id.asString()));
		return result;
	}

	private static void collectProducts(JsonNode node, List<String> ids, List<String> names) {
		if (node.has("product")) {
			ids.add(node.at("/product/product_id").asString());
			names.add(node.at("/product/name").asString());
		}
		node.path("branches").forEach(branch -> collectProducts(branch, ids, names));
	}

	private static void collectReferencedIds(JsonNode node, Set<String> ids) {
		node.properties().forEach(entry -> {
			if (Set.of("known_affected", "fixed", "known_not_affected", "under_investigation", "product_ids", "products")
					.contains(entry.getKey())) {
				entry.getValue().forEach(id -> ids.add(id.asString()));
			}
			else {
				collectReferencedIds(entry.getValue(), ids);
			}
		});
		if (node.isArray()) {
			node.forEach(child -> collectReferencedIds(child, ids));
		}
	}
}
