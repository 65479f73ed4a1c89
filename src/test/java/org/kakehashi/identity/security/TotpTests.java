package org.kakehashi.identity.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** RFC 6238 Appendix B (SHA-1 rows) and RFC 4648 §10 Base32 test vectors. */
class TotpTests {

	private static final byte[] RFC_KEY = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);

	@ParameterizedTest
	@CsvSource({ "59, 94287082", "1111111109, 07081804", "1111111111, 14050471", "1234567890, 89005924",
			"2000000000, 69279037", "20000000000, 65353130" })
	void matchesRfc6238AppendixB(long epochSeconds, String expected) {
		assertThat(Totp.code(RFC_KEY, Totp.stepAt(epochSeconds), 8)).isEqualTo(expected);
		// Six digits are the same value truncated further: the last six digits of the eight.
		assertThat(Totp.code(RFC_KEY, Totp.stepAt(epochSeconds), 6)).isEqualTo(expected.substring(2));
	}

	@ParameterizedTest
	@CsvSource({ "f, MY", "fo, MZXQ", "foo, MZXW6", "foob, MZXW6YQ", "fooba, MZXW6YTB", "foobar, MZXW6YTBOI" })
	void base32WithoutPaddingMatchesRfc4648(String plain, String encoded) {
		assertThat(Totp.base32(plain.getBytes(StandardCharsets.US_ASCII))).isEqualTo(encoded);
		assertThat(Totp.base32Decode(encoded)).isEqualTo(plain.getBytes(StandardCharsets.US_ASCII));
	}

	@Test
	void newSecretsAreTwentyRandomBytesInBase32() {
		var secret = Totp.newSecret();
		assertThat(secret).hasSize(32).matches("[A-Z2-7]+");
		assertThat(Totp.base32Decode(secret)).hasSize(20);
		assertThat(Totp.newSecret()).isNotEqualTo(secret);
	}

	@Test
	void refusesMalformedCodes() {
		var secret = Totp.base32(RFC_KEY);
		long step = Totp.stepAt(59);
		assertThat(Totp.verifyAt(secret, "287082", step)).hasValue(step);
		assertThat(Totp.verifyAt(secret, "287 082", step)).hasValue(step);
		assertThat(Totp.verifyAt(secret, "28708", step)).isEmpty();
		assertThat(Totp.verifyAt(secret, "2870820", step)).isEmpty();
		assertThat(Totp.verifyAt(secret, "abcdef", step)).isEmpty();
		assertThat(Totp.verifyAt(secret, "", step)).isEmpty();
	}
}
