package org.kakehashi.sharing.redaction;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Texts assembled from incident-report fragments, directory names in random case and width, the source's hosts,
 * addresses, e-mail addresses and URLs (some defanged) and marked attacker values: accepting every suggestion leaves
 * nothing of the source and every attacker value; suggestions are well-formed, stable, and applying none changes
 * nothing. The checks below use their own folding (NFKC) and their own parsing, not the engine's.
 */
class RedactionEngineProperties {

	static final RedactionEngine engine = new RedactionEngine();

	// Directory names and, for each, the folded forms that must not survive anywhere in the sanitised text.
	static final Map<String, List<String>> ORGANISATIONS = Map.of("株式会社サンプル電機", List.of("サンプル電機"),
			"みなと銀行株式会社", List.of("みなと銀行"), "一般社団法人北関東ガス協会", List.of("北関東ガス協会"),
			"Kanto Rail Co., Ltd.", List.of("kanto rail"), "Hokuriku Power Corporation", List.of("hokuriku power"));
	static final Map<String, List<String>> PEOPLE = Map.of("山田 太郎", List.of("山田太郎", "山田 太郎"), "佐藤 花子",
			List.of("佐藤花子", "佐藤 花子"), "John Smith", List.of("john smith", "smith john"), "Hanako Suzuki",
			List.of("hanako suzuki", "suzuki hanako"));
	// How a name may be written in a report besides its directory spelling.
	static final Map<String, List<String>> SPELLINGS = Map.of("株式会社サンプル電機",
			List.of("㈱サンプル電機", "（株）ｻﾝﾌﾟﾙ電機", "サンプル電機", "ｻﾝﾌﾟﾙ電機株式会社"), "みなと銀行株式会社",
			List.of("みなと銀行", "みなと銀行（株）"), "一般社団法人北関東ガス協会", List.of("北関東ｶﾞｽ協会", "北関東ガス協会"),
			"Kanto Rail Co., Ltd.", List.of("Kanto Rail", "KANTO RAIL CO.,LTD.", "Ｋａｎｔｏ Ｒａｉｌ"),
			"Hokuriku Power Corporation", List.of("Hokuriku Power", "HOKURIKU POWER CORP."), "山田 太郎",
			List.of("山田太郎", "山田　太郎"), "佐藤 花子", List.of("佐藤花子"), "John Smith", List.of("SMITH John", "Smith, John"),
			"Hanako Suzuki", List.of("Suzuki Hanako", "ＨＡＮＡＫＯ ＳＵＺＵＫＩ"));
	static final List<String> DOMAINS = List.of("sample-denki.co.jp", "minato-bank.jp", "corp.kanto.local");
	static final List<String> NETWORKS = List.of("203.0.113.0/24", "2001:db8:1234::/48");
	static final List<String> ATTACKER = List.of("evil-c2.example.net", "198.51.100.23", "10.9.9.9",
			"http://malware.example.org/drop.bin", "2001:db8:dead::66", "bad.actor@mailbox.example");
	static final RedactionContext CONTEXT = new RedactionContext(List.copyOf(ORGANISATIONS.keySet()),
			List.copyOf(PEOPLE.keySet()), Set.copyOf(DOMAINS), Set.copyOf(NETWORKS), Set.copyOf(ATTACKER));

	static final List<String> FRAGMENTS = List.of("不審な通信を検知した", "ログを確認したところ", "午前2時頃に", "の担当者によると",
			"Incident response began", "was observed at 02:00 JST", "CVE-2024-3400 を悪用", "ランサムウェア感染",
			"lateral movement followed", "phishing e-mail", "被害範囲は調査中", "see the attached log", "セキュリティ",
			"firewall", "AB", "社内", "report", "1.2");
	static final List<String> SEPARATORS = List.of(" ", "、", "。", "\n", "：", " (", ") ", ", ");
	static final List<String> GLUE = List.of("", "弊社", "は", "の", "から");

	record Sample(String text, List<String> attackerWritten) {
	}

	@Property(tries = 300)
	void acceptingEverythingLeavesNothingOfTheSourceAndEveryAttackerValue(@ForAll("reports") Sample sample) {
		var suggestions = engine.suggest(sample.text(), CONTEXT);
		String sanitised = engine.apply(sample.text(), suggestions);
		String folded = fold(sanitised);

		for (var forms : List.of(ORGANISATIONS.values(), PEOPLE.values())) {
			forms.stream().flatMap(List::stream).forEach(form -> assertThat(occursAsWord(folded, fold(form)))
				.as("%s survives in %s", form, sanitised).isFalse());
		}
		for (String host : hostTokens(folded)) {
			assertThat(DOMAINS.stream().anyMatch(domain -> host.equals(domain) || host.endsWith("." + domain)))
				.as("%s survives in %s", host, sanitised).isFalse();
		}
		for (byte[] address : addresses(folded)) {
			assertThat(sourceOwned(address)).as("%s survives in %s", address, sanitised).isFalse();
		}
		for (String value : Set.copyOf(sample.attackerWritten())) {
			assertThat(count(sanitised, value)).as(value).isEqualTo(count(sample.text(), value));
		}
	}

	@Property(tries = 300)
	void suggestionsLieInTheTextInOrderAndNeverOverlap(@ForAll("reports") Sample sample) {
		var suggestions = engine.suggest(sample.text(), CONTEXT);
		int previousEnd = 0;
		for (var suggestion : suggestions) {
			assertThat(suggestion.start()).isGreaterThanOrEqualTo(previousEnd);
			assertThat(suggestion.end()).isGreaterThan(suggestion.start()).isLessThanOrEqualTo(sample.text().length());
			assertThat(sample.text().substring(suggestion.start(), suggestion.end())).isEqualTo(suggestion.original());
			previousEnd = suggestion.end();
		}
	}

	@Property(tries = 200)
	void applyingNothingChangesNothing(@ForAll("reports") Sample sample) {
		engine.suggest(sample.text(), CONTEXT);
		assertThat(engine.apply(sample.text(), List.of())).isEqualTo(sample.text());
	}

	@Property(tries = 200)
	void suggestionsAreDeterministic(@ForAll("reports") Sample sample) {
		var first = engine.suggest(sample.text(), CONTEXT);
		var second = new RedactionEngine().suggest(sample.text(), CONTEXT);
		assertThat(second).isEqualTo(first);
		assertThat(new RedactionEngine().apply(sample.text(), second)).isEqualTo(engine.apply(sample.text(), first));
	}

	@Property(tries = 300)
	void acceptingSomeCreatesNoNewNameOrHost(@ForAll("reports") Sample sample, @ForAll long seed) {
		var suggestions = engine.suggest(sample.text(), CONTEXT);
		var shuffled = new ArrayList<>(suggestions);
		Collections.shuffle(shuffled, new java.util.Random(seed));
		var accepted = shuffled.subList(0, shuffled.size() / 2);
		var rejected = new ArrayList<>(suggestions);
		rejected.removeAll(accepted);
		var again = engine.suggest(engine.apply(sample.text(), accepted), CONTEXT);
		assertThat(identifying(again)).as("no name or host appears that was not there")
			.isSubsetOf(identifying(rejected))
			.hasSameSizeAs(identifying(rejected));
	}

	private static List<String> identifying(List<RedactionSuggestion> suggestions) {
		return suggestions.stream()
			.filter(s -> s.category() == RedactionCategory.ORGANISATION || s.category() == RedactionCategory.PERSON
					|| s.category() == RedactionCategory.HOSTNAME)
			.map(s -> s.category() + ":" + fold(s.original()))
			.sorted()
			.toList();
	}

	@Provide
	Arbitrary<Sample> reports() {
		Arbitrary<String[]> fragment = Arbitraries.of(FRAGMENTS).map(f -> new String[] { f, null });
		Arbitrary<String[]> name = Combinators
			.combine(Arbitraries.of(SPELLINGS.keySet()).flatMap(n -> Arbitraries.of(spellings(n))), Arbitraries.of(GLUE),
					Arbitraries.of(GLUE), Arbitraries.of(Casing.values()))
			.as((n, before, after, casing) -> new String[] { glued(casing.apply(n), before, after), null });
		Arbitrary<String> label = Arbitraries.of("www", "vpn", "mail", "portal", "dc01", "a-1", "");
		Arbitrary<String> host = Combinators.combine(label, Arbitraries.of(DOMAINS))
			.as((l, d) -> l.isEmpty() ? d : l + "." + d);
		Arbitrary<String> sourceIp = Arbitraries.oneOf(
				Arbitraries.integers().between(1, 254).map(i -> "203.0.113." + i),
				Arbitraries.integers().between(1, 0xffff).map(i -> "2001:db8:1234:" + Integer.toHexString(i) + "::1"),
				Arbitraries.integers().between(1, 254).map(i -> "192.168." + i + ".10"),
				Arbitraries.integers().between(16, 31).map(i -> "172." + i + ".0.1"), Arbitraries.of("fd12:3456::7"));
		Arbitrary<String[]> source = Combinators
			.combine(Arbitraries.oneOf(host, sourceIp), Arbitraries.of(Form.values()), Arbitraries.of(Casing.values()))
			.as((value, form, casing) -> new String[] { form.apply(casing == Casing.UPPER ? casing.apply(value) : value),
					null });
		Arbitrary<String[]> attacker = Combinators.combine(Arbitraries.of(ATTACKER), Arbitraries.of(true, false))
			.as((value, defang) -> {
				String written = defang && !value.contains("::") ? value.replace(".", "[.]") : value;
				return new String[] { written, written };
			});
		Arbitrary<String[]> item = Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(4, fragment),
				net.jqwik.api.Tuple.of(3, name), net.jqwik.api.Tuple.of(3, source), net.jqwik.api.Tuple.of(2, attacker));
		return Combinators.combine(item.list().ofMinSize(1).ofMaxSize(25), Arbitraries.of(SEPARATORS).list().ofSize(25))
			.as((items, separators) -> {
				var text = new StringBuilder();
				var attackerWritten = new ArrayList<String>();
				for (int i = 0; i < items.size(); i++) {
					if (i > 0) {
						text.append(separators.get(i));
					}
					text.append(items.get(i)[0]);
					if (items.get(i)[1] != null) {
						attackerWritten.add(items.get(i)[1]);
					}
				}
				return new Sample(text.toString(), attackerWritten);
			});
	}

	private static List<String> spellings(String name) {
		var all = new ArrayList<>(SPELLINGS.get(name));
		all.add(name);
		return all;
	}

	/** Japanese names sit between Japanese words without spaces; Latin names keep a space around them. */
	private static String glued(String name, String before, String after) {
		boolean latin = Character.isLetter(name.charAt(0)) && name.charAt(0) < 0x3000 || name.charAt(0) >= 0xff00;
		return latin ? name : before + name + after;
	}

	enum Casing {
		AS_IS, UPPER, LOWER, FULL_WIDTH;

		String apply(String value) {
			return switch (this) {
				case AS_IS -> value;
				case UPPER -> value.toUpperCase(Locale.ROOT);
				case LOWER -> value.toLowerCase(Locale.ROOT);
				case FULL_WIDTH -> value.chars()
					.map(c -> c > 0x20 && c < 0x7f ? c + 0xfee0 : c)
					.collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
					.toString();
			};
		}
	}

	/** How a report writes one of the source's hosts or addresses. */
	enum Form {
		PLAIN, DEFANGED, URL, DEFANGED_URL, MAIL;

		String apply(String value) {
			boolean v6 = value.contains(":");
			String host = v6 ? "[" + value + "]" : value;
			return switch (this) {
				case PLAIN -> value;
				case DEFANGED -> v6 ? value : value.replace(".", "[.]");
				case URL -> "https://" + host + "/login?next=%2F";
				case DEFANGED_URL -> "hxxps://" + (v6 ? host : host.replace(".", "[.]")) + "/owa/";
				case MAIL -> v6 ? value : "soc-team@" + value;
			};
		}
	}

	// The checker's own view: NFKC, lower case, white space collapsed, refanged.
	static String fold(String text) {
		return Normalizer.normalize(text, Normalizer.Form.NFKC)
			.toLowerCase(Locale.ROOT)
			.replaceAll("\\s+", " ")
			.replace("[.]", ".")
			.replace("hxxp", "http");
	}

	static boolean occursAsWord(String text, String form) {
		String left = Character.isLetterOrDigit(form.charAt(0)) && form.charAt(0) < 0x3000 ? "(?<![\\p{IsLatin}\\p{Nd}])"
				: "";
		char last = form.charAt(form.length() - 1);
		String right = Character.isLetterOrDigit(last) && last < 0x3000 ? "(?![\\p{IsLatin}\\p{Nd}])" : "";
		return Pattern.compile(left + Pattern.quote(form) + right).matcher(text).find();
	}

	static List<String> hostTokens(String folded) {
		var hosts = new ArrayList<String>();
		for (String token : folded.split("[^a-z0-9.\\-]+")) {
			String host = token.replaceAll("^[.\\-]+|[.\\-]+$", "");
			if (host.contains(".")) {
				hosts.add(host);
			}
		}
		return hosts;
	}

	static List<byte[]> addresses(String folded) {
		var addresses = new ArrayList<byte[]>();
		for (String token : folded.split("[^0-9a-f:.]+")) {
			String candidate = token.replaceAll("^[.]+|[.]+$", "").replaceAll("^:(?!:)|(?<!:):$", "");
			if (candidate.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
				var bytes = new byte[4];
				String[] parts = candidate.split("\\.");
				for (int i = 0; i < 4; i++) {
					bytes[i] = (byte) Integer.parseInt(parts[i]);
				}
				addresses.add(bytes);
			} else if (candidate.matches("[0-9a-f:]*:[0-9a-f:]*:[0-9a-f:]*")) {
				try {
					// A literal with colons is parsed, never resolved.
					addresses.add(InetAddress.getByName(candidate).getAddress());
				} catch (UnknownHostException notAnAddress) {
					// times, MAC addresses and the like
				}
			}
		}
		return addresses;
	}

	static boolean sourceOwned(byte[] a) {
		if (a.length == 4) {
			int b0 = a[0] & 0xff;
			int b1 = a[1] & 0xff;
			boolean marked = b0 == 10 && (a[1] & 0xff) == 9 && (a[2] & 0xff) == 9 && (a[3] & 0xff) == 9;
			return !marked && (b0 == 203 && b1 == 0 && (a[2] & 0xff) == 113 || b0 == 192 && b1 == 168
					|| b0 == 172 && b1 >= 16 && b1 <= 31 || b0 == 10);
		}
		boolean sourceNetwork = (a[0] & 0xff) == 0x20 && a[1] == 0x01 && (a[2] & 0xff) == 0x0d && (a[3] & 0xff) == 0xb8
				&& a[4] == 0x12 && a[5] == 0x34;
		return sourceNetwork || (a[0] & 0xfe) == 0xfc;
	}

	static int count(String text, String value) {
		int count = 0;
		for (int at = text.indexOf(value); at >= 0; at = text.indexOf(value, at + 1)) {
			count++;
		}
		return count;
	}
}
