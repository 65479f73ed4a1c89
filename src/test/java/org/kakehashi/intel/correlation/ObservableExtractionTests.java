package org.kakehashi.intel.correlation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.json.JsonMapper;

/** Which values a STIX object or indicator pattern contributes to the index. */
class ObservableExtractionTests {

	private final JsonMapper json = JsonMapper.builder().build();

	@Test
	void patternsGiveEveryEqualityAndSetMemberWhateverTheOperatorsAround() {
		assertThat(values("[ipv4-addr:value = '198.51.100.7' OR domain-name:value = 'Evil.Example.COM']"))
			.containsExactly("ipv4 198.51.100.7", "domain evil.example.com");
		assertThat(values("[ipv4-addr:value IN ('203.0.113.1', '203.0.113.2', '198.51.100.0/24')]"))
			.containsExactly("ipv4 203.0.113.1", "ipv4 203.0.113.2", "ipv4 198.51.100.0/24");
		assertThat(values("[file:hashes.'SHA-256' = 'AABBCCDDEEFF00112233445566778899AABBCCDDEEFF00112233445566778899'] "
				+ "FOLLOWEDBY [file:hashes.MD5 = 'D41D8CD98F00B204E9800998ECF8427E'] WITHIN 300 SECONDS"))
			.containsExactly("sha256 aabbccddeeff00112233445566778899aabbccddeeff00112233445566778899",
					"md5 d41d8cd98f00b204e9800998ecf8427e");
		assertThat(values("([url:value = 'HTTPS://Evil.Example.com/Login?x=1'] AND [email-addr:value = 'Boss@Evil.Example.com'])"
				+ " OR [ipv6-addr:value ISSUBSET '2001:DB8::/32']"))
			.containsExactly("url https://evil.example.com/Login?x=1", "email Boss@evil.example.com", "ipv6 2001:db8::/32");
		assertThat(values("[network-traffic:dst_ref.value = '192.0.2.9' AND network-traffic:src_ref.value = 'c2.example.net'"
				+ " AND email-message:from_ref.value = 'x@example.org' AND file:hashes.'SHA-1' = '"
				+ "da39a3ee5e6b4b0d3255bfef95601890afd80709']"))
			.containsExactly("ipv4 192.0.2.9", "domain c2.example.net", "email x@example.org",
					"sha1 da39a3ee5e6b4b0d3255bfef95601890afd80709");
	}

	@Test
	void negationsLikeMatchesAndOtherPropertiesSayNothingAboutAValue() {
		assertThat(values("[ipv4-addr:value != '198.51.100.7']")).isEmpty();
		assertThat(values("[ipv4-addr:value NOT IN ('198.51.100.7')]")).isEmpty();
		assertThat(values("[domain-name:value LIKE '%.example.com']")).isEmpty();
		assertThat(values("[url:value MATCHES '^https://']")).isEmpty();
		assertThat(values("[file:name = 'evil.exe' AND file:size > 10]")).isEmpty();
		assertThat(values("[ipv4-addr:value = 'not an address']")).isEmpty();
		assertThat(values("this is [not a pattern")).isEmpty();
	}

	@Test
	void observablesAndIndicatorsAndWhatIsSkipped() {
		assertThat(of("""
				{"type":"ipv4-addr","spec_version":"2.1","id":"ipv4-addr--ff26c055-6336-5bc5-b98d-13d6226742dd","value":"198.51.100.3/24"}
				""")).containsExactly("ipv4 198.51.100.0/24");
		assertThat(of("""
				{"type":"file","spec_version":"2.1","id":"file--ff26c055-6336-5bc5-b98d-13d6226742dd",
				 "hashes":{"SHA-256":"AA".repeat(32),"MD5":"d41d8cd98f00b204e9800998ecf8427e","SSDEEP":"3:a:b"}}
				""".replace("\"AA\".repeat(32)", "\"" + "AA".repeat(32) + "\""))).containsExactly("sha256 " + "aa".repeat(32),
						"md5 d41d8cd98f00b204e9800998ecf8427e");
		var indicator = json.readTree("""
				{"type":"indicator","spec_version":"2.1","id":"indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f",
				 "created":"2026-01-01T00:00:00.000Z","modified":"2026-01-01T00:00:00.000Z","pattern_type":"stix",
				 "pattern":"[domain-name:value = 'evil.example.com']","valid_from":"2026-01-01T00:00:00Z",
				 "valid_until":"2026-02-01T00:00:00Z"}
				""");
		var extracted = ObservableExtraction.from(indicator);
		assertThat(extracted.validUntil()).isEqualTo(Instant.parse("2026-02-01T00:00:00Z"));
		assertThat(extracted.values()).extracting(ObservableValue::value).containsExactly("evil.example.com");
		assertThat(of(indicator.toString().replace("\"pattern_type\":\"stix\"", "\"pattern_type\":\"snort\""))).isEmpty();
		assertThat(of(indicator.toString().replace("\"created\"", "\"revoked\":true,\"created\""))).isEmpty();
	}

	private List<String> values(String pattern) {
		return ObservableExtraction.fromPattern(pattern).stream().map(v -> v.kind().code() + " " + v.value()).toList();
	}

	private List<String> of(String object) {
		return ObservableExtraction.from(json.readTree(object)).values().stream().map(v -> v.kind().code() + " " + v.value())
			.toList();
	}
}
