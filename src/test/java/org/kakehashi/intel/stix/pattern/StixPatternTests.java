package org.kakehashi.intel.stix.pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.kakehashi.intel.stix.pattern.ComparisonExpression.BooleanOperator;
import org.kakehashi.intel.stix.pattern.ComparisonExpression.Comparison;
import org.kakehashi.intel.stix.pattern.Constant.BinaryConstant;
import org.kakehashi.intel.stix.pattern.Constant.BooleanConstant;
import org.kakehashi.intel.stix.pattern.Constant.FloatConstant;
import org.kakehashi.intel.stix.pattern.Constant.HexConstant;
import org.kakehashi.intel.stix.pattern.Constant.IntegerConstant;
import org.kakehashi.intel.stix.pattern.Constant.SetConstant;
import org.kakehashi.intel.stix.pattern.Constant.StringConstant;
import org.kakehashi.intel.stix.pattern.Constant.TimestampConstant;
import org.kakehashi.intel.stix.pattern.PatternExpression.ObservationOperator;

/** The patterning grammar of STIX 2.1 section 9, case by case. */
class StixPatternTests {

	@Test
	void theSimplestPatternIsOneComparison() {
		var pattern = StixPattern.parse("[ipv4-addr:value = '198.51.100.1/32']");
		assertThat(pattern.comparisons()).singleElement().satisfies(comparison -> {
			assertThat(comparison.objectType()).isEqualTo("ipv4-addr");
			assertThat(comparison.propertyPath()).isEqualTo("value");
			assertThat(comparison.operator()).isEqualTo(ComparisonOperator.EQUAL);
			assertThat(comparison.negated()).isFalse();
			assertThat(comparison.value()).isEqualTo(new StringConstant("198.51.100.1/32"));
		});
	}

	/** Every example pattern of section 9.8 (as plain text, not JSON-encoded). */
	@ParameterizedTest
	@ValueSource(strings = {
			"[file:hashes.'SHA-256' = 'aec070645fe53ee3b3763059376134f058cc337247c978add178b6ccdfb0019f']",
			"[email-message:from_ref.value MATCHES '.+\\\\@example\\\\.com$' AND email-message:body_multipart[*].body_raw_ref.name MATCHES '^Final Report.+\\\\.exe$']",
			"[file:hashes.'SHA-256' = 'bf07a7fbb825fc0aae7bf4a1177b2b31fcf8a3feeaf7092761e18c859ee52a9c' OR file:hashes.MD5 = 'cead3f77f6cda6ec00f57d76c9a6879f']\nAND [file:hashes.'SHA-256' = 'aec070645fe53ee3b3763059376134f058cc337247c978add178b6ccdfb0019f']",
			"([file:hashes.MD5 = '79054025255fb1a26e4bc422aef54eb4'] FOLLOWEDBY [windows-registry-key:key = 'HKEY_LOCAL_MACHINE\\\\foo\\\\bar']) WITHIN 300 SECONDS",
			"[user-account:account_type = 'unix' AND user-account:user_id = '1007' AND user-account:account_login = 'Peter'] AND [user-account:account_type = 'unix' AND user-account:user_id = '1008' AND user-account:account_login = 'Paul'] AND [user-account:account_type = 'unix' AND user-account:user_id = '1009' AND user-account:account_login = 'Mary']",
			"[artifact:mime_type = 'application/vnd.tcpdump.pcap' AND artifact:payload_bin MATCHES '\\\\xd4\\\\xc3\\\\xb2\\\\xa1\\\\x02\\\\x00\\\\x04\\\\x00']",
			"[file:name = 'foo.dll' AND file:parent_directory_ref.path = 'C:\\\\Windows\\\\System32']",
			"[file:extensions.'windows-pebinary-ext'.sections[*].entropy > 7.0]",
			"[file:mime_type = 'image/bmp' AND file:magic_number_hex = h'ffd8']",
			"[network-traffic:dst_ref.type = 'domain-name' AND network-traffic:dst_ref.value = 'example.com'] REPEATS 5 TIMES WITHIN 1800 SECONDS",
			"[domain-name:value = 'www.5z8.info' AND domain-name:resolves_to_refs[*].value = '198.51.100.1/32']",
			"[x509-certificate:issuer = 'CN=WEBMAIL' AND x509-certificate:serial_number = '4c:0b:1d:19:74:86:a7:66:b4:1a:bf:40:27:21:76:28']",
			"[(file:name = 'pdf.exe' OR file:size = 371712) AND file:created = t'2014-01-13T07:03:17Z']",
			"[x-usb-device:usbdrive.serial_number = '575833314133343231313937']",
			"[process:command_line MATCHES '^.+>-add GlobalSign.cer -c -s -r localMachine Root$'] FOLLOWEDBY [process:command_line MATCHES'^.+>-add GlobalSign.cer -c -s -r localMachineTrustedPublisher$'] WITHIN 300 SECONDS",
			"[network-traffic:dst_ref.value ISSUBSET '2001:0db8:dead:beef:0000:0000:0000:0000/64']",
			"([file:name = 'foo.dll'] AND [windows-registry-key:key = 'HKEY_LOCAL_MACHINE\\\\foo\\\\bar']) OR [process:image_ref.name = 'fooproc' OR process:image_ref.name = 'procfoo']",
			"[file:name = 'foo.dll'] START t'2016-06-01T00:00:00Z' STOP t'2016-07-01T00:00:00Z'",
			"[process:name IN ('proccy', 'proximus', 'badproc')]",
			"[directory:path LIKE 'C:\\\\Windows\\\\%\\\\foo']",
			"[ipv4-addr:value ISSUPERSET '198.51.100.0/24']",
			"[EXISTS windows-registry-key:values]",
			"[file:size != 4112] AND [file:size <= 25145] AND [file:size >= 33312] AND [file:size < 1024]" })
	void parsesTheSpecificationExamples(String pattern) {
		var parsed = StixPattern.parse(pattern);
		assertThat(StixPattern.parse(parsed.toString())).isEqualTo(parsed);
	}

	@Test
	void andBindsTighterThanOrInsideAnObservation() {
		var pattern = StixPattern.parse("[x-a:j = 'W' AND x-a:k = 'X' OR x-a:l = 'Z']");
		var observation = (PatternExpression.Observation) pattern.expression();
		var top = (ComparisonExpression.Combination) observation.comparison();
		assertThat(top.operator()).isEqualTo(BooleanOperator.OR);
		assertThat(((ComparisonExpression.Combination) top.left()).operator()).isEqualTo(BooleanOperator.AND);
	}

	@Test
	void betweenObservationsAndBindsTighterThanOrWhichBindsTighterThanFollowedBy() {
		var pattern = StixPattern.parse("[x-a:a = 1] FOLLOWEDBY [x-a:b = 2] OR [x-a:c = 3] AND [x-a:d = 4]");
		var top = (PatternExpression.Combination) pattern.expression();
		assertThat(top.operator()).isEqualTo(ObservationOperator.FOLLOWEDBY);
		var or = (PatternExpression.Combination) top.right();
		assertThat(or.operator()).isEqualTo(ObservationOperator.OR);
		assertThat(((PatternExpression.Combination) or.right()).operator()).isEqualTo(ObservationOperator.AND);
		assertThat(pattern).hasToString("[x-a:a = 1] FOLLOWEDBY [x-a:b = 2] OR [x-a:c = 3] AND [x-a:d = 4]");
	}

	@Test
	void operatorsAssociateToTheLeft() {
		var pattern = StixPattern.parse("[x-a:a = 1] OR [x-a:b = 2] OR [x-a:c = 3]");
		var top = (PatternExpression.Combination) pattern.expression();
		assertThat(top.left()).isInstanceOf(PatternExpression.Combination.class);
		assertThat(top.right()).isInstanceOf(PatternExpression.Observation.class);
		var grouped = StixPattern.parse("[x-a:a = 1] OR ([x-a:b = 2] OR [x-a:c = 3])");
		assertThat(grouped).isNotEqualTo(pattern).hasToString("[x-a:a = 1] OR ([x-a:b = 2] OR [x-a:c = 3])");
	}

	/** Section 9.5.2: qualifiers are not greedy; they bind to the observation expression just before them. */
	@Test
	void aQualifierBindsToTheExpressionJustBeforeIt() {
		var pattern = StixPattern.parse("[x-a:a = 'b'] FOLLOWEDBY [x-a:c = 'd'] REPEATS 5 TIMES");
		var top = (PatternExpression.Combination) pattern.expression();
		assertThat(top.left()).isInstanceOf(PatternExpression.Observation.class);
		assertThat(top.right()).isEqualTo(new PatternExpression.Qualified(
				new PatternExpression.Observation(comparison("x-a", "c", new StringConstant("d"))), new Qualifier.Repeats(5)));

		var grouped = StixPattern.parse("([x-a:a = 'b'] FOLLOWEDBY [x-a:c = 'd']) REPEATS 5 TIMES WITHIN 2.5 SECONDS");
		var within = (PatternExpression.Qualified) grouped.expression();
		assertThat(within.qualifier()).isEqualTo(new Qualifier.Within(new BigDecimal("2.5")));
		var repeats = (PatternExpression.Qualified) within.expression();
		assertThat(repeats.qualifier()).isEqualTo(new Qualifier.Repeats(5));
		assertThat(repeats.expression()).isInstanceOf(PatternExpression.Combination.class);
	}

	@Test
	void readsEveryKindOfConstant() {
		var pattern = StixPattern.parse("[x-a:s = 'it\\'s a \\\\ test' AND x-a:i = -42 AND x-a:f = 3.25 AND x-a:b = true"
				+ " AND x-a:h = h'FFd8' AND x-a:x = b'AB\nI=' AND x-a:t = t'2014-01-13T07:03:17.5Z' AND x-a:n IN (1, 2.5)]");
		assertThat(pattern.comparisons()).extracting(PatternComparison::value).containsExactly(
				new StringConstant("it's a \\ test"), new IntegerConstant(-42), new FloatConstant(new BigDecimal("3.25")),
				new BooleanConstant(true), new HexConstant("ffd8"), new BinaryConstant("ABI="),
				new TimestampConstant("2014-01-13T07:03:17.5Z"),
				new SetConstant(List.of(new IntegerConstant(1), new FloatConstant(new BigDecimal("2.5")))));
	}

	@Test
	void readsQuotedAndIndexedPathSteps() {
		var pattern = StixPattern.parse("[file:extensions.'windows-pebinary-ext'.sections[0].name = 'x' AND file:'odd.name'[*] = 1]");
		var paths = pattern.comparisons().stream().map(PatternComparison::path).toList();
		assertThat(paths.get(0).steps()).containsExactly(new ObjectPath.Property("extensions"),
				new ObjectPath.Property("windows-pebinary-ext"), new ObjectPath.Property("sections"), new ObjectPath.Index(0),
				new ObjectPath.Property("name"));
		assertThat(paths.get(0).propertyPath()).isEqualTo("extensions.'windows-pebinary-ext'.sections[0].name");
		assertThat(paths.get(1).steps()).containsExactly(new ObjectPath.Property("odd.name"), new ObjectPath.AnyIndex());
	}

	@Test
	void listsComparisonsWithNegationAndExists() {
		var pattern = StixPattern.parse("[domain-name:value NOT LIKE '%.example' OR EXISTS domain-name:resolves_to_refs]");
		assertThat(pattern.comparisons()).extracting(PatternComparison::operator, PatternComparison::negated)
				.containsExactly(org.assertj.core.groups.Tuple.tuple(ComparisonOperator.LIKE, true),
						org.assertj.core.groups.Tuple.tuple(ComparisonOperator.EXISTS, false));
		assertThat(pattern.objectTypes()).containsExactly("domain-name");
	}

	@Test
	void whitespaceOfAnyKindSeparatesTokens() {
		assertThat(StixPattern.parse("\t[\u00a0file:name\r\n=\u2003'a'\u3000]  ")).isEqualTo(StixPattern.parse("[file:name = 'a']"));
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', quoteCharacter = '"', value = {
			"\"  \"|2|expected '[' or '(' to start an observation expression but found the end of the pattern",
			"file:name = 'a'|0|expected '[' or '(' to start an observation expression",
			"[file:name = 'a'|16|expected ']' to close the observation expression opened at position 0",
			"[file:name = 'a']]|17|expected an observation operator",
			"[file:name = 'a] |13|the string is not closed",
			"[file:name == 'a']|12|expected a constant",
			"[file:name = 'a\\n']|15|only \\' and \\\\ may be escaped",
			"[file:hashes.SHA-256 = 'a']|13|a property name with a hyphen must be enclosed in apostrophes",
			"[File:name = 'a']|1|expected an object type",
			"[file:size = 007]|13|leading zeros",
			"[file:size = +7]|13|unexpected character '+'",
			"[file:size = 1e5]|14|a number must not run into a word",
			"[file:size = 9007199254740992]|13|outside the range",
			"[file:magic_number_hex = h'fff']|25|even number of digits",
			"[file:magic_number_hex = h'zz']|27|'z' is not a hex digit",
			"[artifact:payload_bin = b'AB=I']|24|does not belong in a base64 constant",
			"[file:ctime = t'2014-01-13 07:03:17Z']|14|is not a STIX timestamp",
			"[file:ctime = t'2014-02-30T07:03:17Z']|14|is not a STIX timestamp",
			"[file:name LIKE 5]|16|LIKE takes a string constant",
			"[file:name > true]|13|booleans cannot be compared",
			"[file:name IN ('a', 1)]|20|one data type",
			"[file:name IN ()]|15|expected a constant",
			"[file:name = 'a'] WITHIN 0 SECONDS|25|positive number of seconds",
			"[file:name = 'a'] WITHIN 5 MINUTES|27|expected SECONDS",
			"[file:name = 'a'] REPEATS 2.5 TIMES|26|a whole number after REPEATS",
			"[file:name = 'a'] REPEATS 2 TIMES REPEATS 3 TIMES|34|two REPEATS qualifiers",
			"[file:name = 'a'] START '2016-06-01T00:00:00Z' STOP t'2016-07-01T00:00:00Z'|24|a timestamp t'...' after START",
			"[file:name = 'a'] and [file:name = 'b']|18|expected an observation operator",
			"[file:names[-1] = 'a']|12|a list index",
			"[file:name = 'a' AND]|20|expected an object type",
			"[file:name ! 'a']|11|'!' must be followed by '='",
			"[file:name = 'a' # ]|17|unexpected character '#'",
			"[EXISTS file:name = 'a']|18|expected ']'",
			"[file:name NOT EXISTS]|15|expected a comparison operator" })
	void rejectsWhatTheGrammarDoesNotAllow(String pattern, int position, String reason) {
		assertThatThrownBy(() -> StixPattern.parse(pattern)).isInstanceOfSatisfying(InvalidStixPattern.class, error -> {
			assertThat(error.reason()).contains(reason);
			assertThat(error.position()).isEqualTo(position);
			assertThat(error.getMessage()).startsWith("at position " + position + ": ");
		});
	}

	@Test
	void refusesHostileNestingWithAParseError() {
		String deep = "(".repeat(1_000) + "[file:name = 'a']" + ")".repeat(1_000);
		assertThatThrownBy(() -> StixPattern.parse(deep)).isInstanceOf(InvalidStixPattern.class).hasMessageContaining("nest deeper");
		String wide = "[file:name = 'a']" + " OR [file:name = 'a']".repeat(5_000);
		assertThatThrownBy(() -> StixPattern.parse(wide)).isInstanceOf(InvalidStixPattern.class).hasMessageContaining("tokens");
	}

	private static Comparison comparison(String type, String property, Constant value) {
		return new Comparison(new ObjectPath(type, List.of(new ObjectPath.Property(property))), ComparisonOperator.EQUAL,
				false, value);
	}
}
