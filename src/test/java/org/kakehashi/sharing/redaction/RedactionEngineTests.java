package org.kakehashi.sharing.redaction;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

/** The engine on realistic Japanese and English incident reports. */
class RedactionEngineTests {

	final RedactionEngine engine = new RedactionEngine();

	final RedactionContext context = new RedactionContext(List.of("株式会社サンプル電機", "Sample Denki Co., Ltd."),
			List.of("山田 太郎", "Hanako Suzuki"), Set.of("sample-denki.co.jp", "corp.sample.local"),
			Set.of("203.0.113.0/24", "2001:db8:1234::/48"), Set.of("evil-c2.example.net", "198.51.100.23"));

	@Test
	void aJapaneseReportLosesEverythingThatNamesTheSourceAndKeepsTheAttacker() {
		String text = """
				2025年3月、㈱サンプル電機の情報システム部 山田太郎 氏から報告を受けた。ｻﾝﾌﾟﾙ電機の社内サーバ WIN-7Q2K9XJ3ABC \
				(192.168.10.5) および vpn.sample-denki.co.jp (203.0.113.17) が evil-c2.example.net (198.51.100.23) \
				と通信していた。連絡先：taro.yamada@sample-denki.co.jp／０３－１２３４－５６７８。""";
		var suggestions = engine.suggest(text, context);

		assertThat(suggestions).extracting(RedactionSuggestion::category, RedactionSuggestion::original,
				RedactionSuggestion::replacement)
			.containsExactly(org.assertj.core.groups.Tuple.tuple(RedactionCategory.ORGANISATION, "㈱サンプル電機", "[ORG-1]"),
					tuple(RedactionCategory.PERSON, "山田太郎", "[PERSON-1]"),
					tuple(RedactionCategory.ORGANISATION, "ｻﾝﾌﾟﾙ電機", "[ORG-1]"),
					tuple(RedactionCategory.IDENTIFIER, "WIN-7Q2K9XJ3ABC", "[ID-1]"),
					tuple(RedactionCategory.IP_ADDRESS, "192.168.10.5", "[IP-1]"),
					tuple(RedactionCategory.HOSTNAME, "vpn.sample-denki.co.jp", "[HOST-1]"),
					tuple(RedactionCategory.IP_ADDRESS, "203.0.113.17", "[IP-2]"),
					tuple(RedactionCategory.EMAIL, "taro.yamada@sample-denki.co.jp", "[EMAIL-1]"),
					tuple(RedactionCategory.PHONE, "０３－１２３４－５６７８", "[PHONE-1]"));
		assertThat(engine.apply(text, suggestions)).isEqualTo("""
				2025年3月、[ORG-1]の情報システム部 [PERSON-1] 氏から報告を受けた。[ORG-1]の社内サーバ [ID-1] \
				([IP-1]) および [HOST-1] ([IP-2]) が evil-c2.example.net (198.51.100.23) \
				と通信していた。連絡先：[EMAIL-1]／[PHONE-1]。""");
	}

	@Test
	void anEnglishReportWithDefangedObservables() {
		String text = """
				On 12 March, Hanako Suzuki (SAMPLE DENKI) reported that hxxps://portal.sample-denki[.]co[.]jp/login \
				was cloned at hxxp://evil-c2[.]example[.]net/gate.php. Affected: SRV-0123 and account CORP\\h.suzuki \
				(ticket INC-2025-0042), exploiting CVE-2024-3400. Call +81 3-1234-5678 or Suzuki, Hanako directly. \
				Internal resolver 10.1.2.3, IPv6 2001:db8:1234::15 and fd00::1; scanners from 192.0.2.44.""";
		var suggestions = engine.suggest(text, context);
		String sanitised = engine.apply(text, suggestions);

		assertThat(sanitised).isEqualTo("""
				On 12 March, [PERSON-1] ([ORG-1]) reported that [URL-1] \
				was cloned at hxxp://evil-c2[.]example[.]net/gate.php. Affected: [ID-1] and account [ID-2] \
				(ticket [ID-3]), exploiting CVE-2024-3400. Call [PHONE-1] or [PERSON-1] directly. \
				Internal resolver [IP-1], IPv6 [IP-2] and [IP-3]; scanners from 192.0.2.44.""");
	}

	@Test
	void theSameValueGetsTheSamePseudonymAndEverySpellingOfANameSharesOne() {
		String text = "SAMPLE DENKI CO., LTD. and Sample Denki; mail a@sample-denki.co.jp, A@SAMPLE-DENKI.CO.JP, b@x.jp";
		var replacements = engine.suggest(text, context).stream().map(RedactionSuggestion::replacement).toList();
		assertThat(replacements).containsExactly("[ORG-1]", "[ORG-1]", "[EMAIL-1]", "[EMAIL-1]", "[EMAIL-2]");
	}

	@Test
	void organisationsAreFoundWithoutTheirLegalFormOnlyWhenWhatRemainsIsDistinctive() {
		var shortNames = new RedactionContext(List.of("AB株式会社", "株式会社あ", "Acme Inc.", "XYZ Corporation"),
				List.of(), Set.of(), Set.of(), Set.of());
		String text = "AB社とあ社とAcme社とXYZ社、そして AB株式会社 と XYZ Corporation と ACME INC.";
		var originals = engine.suggest(text, shortNames).stream().map(RedactionSuggestion::original).toList();
		// "AB" (≥ 2 characters, but Latin: needs 4) and "あ" (1 character) are not distinctive; "Acme" is.
		assertThat(originals).containsExactly("Acme", "AB株式会社", "XYZ Corporation", "ACME INC.");
	}

	@Test
	void latinNamesNeedWordBoundariesJapaneseNamesDoNot() {
		var names = new RedactionContext(List.of("Acme", "サンプル"), List.of(), Set.of(), Set.of(), Set.of());
		String text = "Acmes, acme-labs, ACME社, ｓａｍｐｌｅ, 弊社サンプルの件";
		var originals = engine.suggest(text, names).stream().map(RedactionSuggestion::original).toList();
		assertThat(originals).containsExactly("acme", "ACME", "サンプル");
	}

	@Test
	void aUrlContainingASourceHostIsOneSuggestionAndOtherUrlsAreSuggestedTooUnlessTheAttackers() {
		String text = "See https://www.sample-denki.co.jp/news?id=1, https://www.jpcert.or.jp/at/2025/ and "
				+ "http://evil-c2.example.net/a and http://198.51.100.23:8080/b.";
		var suggestions = engine.suggest(text, context);
		assertThat(suggestions).extracting(RedactionSuggestion::original)
			.containsExactly("https://www.sample-denki.co.jp/news?id=1", "https://www.jpcert.or.jp/at/2025/");
		assertThat(suggestions).extracting(RedactionSuggestion::category).containsOnly(RedactionCategory.URL);
	}

	@Test
	void hostNamesTheSourcesAndOthersButNotFilesOrTheAttackers() {
		String text = "dc01.corp.sample.local, files.dropbox.com, payload.zip, run.py, beacon.evil-c2.example.net";
		var originals = engine.suggest(text, context).stream().map(RedactionSuggestion::original).toList();
		assertThat(originals).containsExactly("dc01.corp.sample.local", "files.dropbox.com");
	}

	@Test
	void addressesInsideSourceNetworksAndInternalOnesButNotOtherPublicOnes() {
		String text = "203.0.113.0/25 172.16.4.4 100.64.1.1 8.8.8.8 127.0.0.1 2001:db8:1234:1::/64 2001:db8:9999::1 "
				+ "fe80::1%eth0 198.51.100.0/24 192.168.1[.]1";
		var originals = engine.suggest(text, context).stream().map(RedactionSuggestion::original).toList();
		assertThat(originals).containsExactly("203.0.113.0/25", "172.16.4.4", "100.64.1.1", "2001:db8:1234:1::/64",
				"fe80::1", "192.168.1[.]1");
	}

	@Test
	void phoneNumbersInJapaneseAndInternationalFormats() {
		String text = "TEL 03-1234-5678, (03)1234-5678, 0120-123-456, 090-1234-5678, 0312345678, +81 (0)3 1234 5678, "
				+ "+1 (555) 123-4567; not 2025-03-12, 10:30, 1234-5678, v1.2.3";
		var suggestions = engine.suggest(text, RedactionContext.empty());
		assertThat(suggestions).extracting(RedactionSuggestion::original)
			.containsExactly("03-1234-5678", "(03)1234-5678", "0120-123-456", "090-1234-5678", "0312345678",
					"+81 (0)3 1234 5678", "+1 (555) 123-4567");
		// The same line written domestically and internationally is one pseudonym.
		assertThat(suggestions).extracting(RedactionSuggestion::replacement)
			.containsExactly("[PHONE-1]", "[PHONE-1]", "[PHONE-2]", "[PHONE-3]", "[PHONE-1]", "[PHONE-1]", "[PHONE-4]");
	}

	@Test
	void internalIdentifiersButNotPublicOnes() {
		String text = "SRV-0123, PC-JP-00042, INC-2024-0042, DESKTOP-7A8B9C0, CORP¥yamada, \\\\FILESRV01\\share, "
				+ "CVE-2024-3400, JVNDB-2024-000123, MS17-010, SHA-256, C:\\Windows\\System32, ubuntu-2204";
		var originals = engine.suggest(text, RedactionContext.empty()).stream().map(RedactionSuggestion::original).toList();
		assertThat(originals).containsExactly("SRV-0123", "PC-JP-00042", "INC-2024-0042", "DESKTOP-7A8B9C0",
				"CORP¥yamada", "FILESRV01");
	}

	@Test
	void attackerValuesStayEvenWhereTheyLookLikeTheSources() {
		var marked = new RedactionContext(List.of("Sample"), List.of(), Set.of("sample.co.jp"), Set.of(),
				Set.of("sample-login.com", "192.168.50.5", "http://www.sample.co.jp/wp-content/x.php"));
		String text = "Phish at sample-login.com, lateral movement from 192.168.50.5, dropper on "
				+ "http://www.sample.co.jp/wp-content/x.php, victim Sample.";
		var originals = engine.suggest(text, marked).stream().map(RedactionSuggestion::original).toList();
		assertThat(originals).containsExactly("Sample");
	}

	@Test
	void applyIgnoresSuggestionsMadeForAnotherTextOrTamperedWith() {
		String text = "Report by Hanako Suzuki.";
		var suggestion = engine.suggest(text, context).get(0);
		var forged = new RedactionSuggestion(suggestion.id(), suggestion.category(), suggestion.start(),
				suggestion.end(), suggestion.original(), "Taro");
		var moved = engine.suggest("Report by Hanako Suzuki!", context).get(0);
		var elsewhere = engine.suggest("A report by Hanako Suzuki.", context).get(0);
		assertThat(engine.apply(text, List.of(forged, moved, elsewhere))).isEqualTo(text);
		assertThat(engine.apply(text, List.of(suggestion, suggestion))).isEqualTo("Report by [PERSON-1].");
	}

	@Test
	void aPseudonymNeverSpellsANameOfTheContext() {
		var awkward = new RedactionContext(List.of("ORG", "Redacted"), List.of(), Set.of(), Set.of(), Set.of());
		String text = "ORG and Redacted";
		var suggestions = engine.suggest(text, awkward);
		assertThat(suggestions).extracting(RedactionSuggestion::replacement).containsExactly("[#1]", "[#2]");
		assertThat(engine.suggest(engine.apply(text, suggestions), awkward)).isEmpty();
	}

	@Test
	void aLongTextWithManyNamesIsHandled() {
		// Performance is measured in bench/; this only shows the engine copes with the size.
		var names = new ArrayList<String>();
		IntStream.range(0, 500).forEach(i -> names.add("株式会社テスト" + i + "号"));
		var big = new RedactionContext(names, List.of(), Set.of("sample-denki.co.jp"), Set.of(), Set.of());
		var text = new StringBuilder();
		for (int i = 0; text.length() < 20_000; i++) {
			text.append("株式会社テスト").append(i % 600).append("号のサーバ host").append(i).append(".sample-denki.co.jp に接続。");
		}
		var suggestions = engine.suggest(text.toString(), big);
		assertThat(suggestions).hasSizeGreaterThan(500);
		assertThat(engine.apply(text.toString(), suggestions)).doesNotContain("sample-denki");
	}

	private static org.assertj.core.groups.Tuple tuple(Object... values) {
		return org.assertj.core.groups.Tuple.tuple(values);
	}
}
