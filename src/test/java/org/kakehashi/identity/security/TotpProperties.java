package org.kakehashi.identity.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalLong;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;

/** The ±1 step tolerance, for any secret and any moment. */
class TotpProperties {

	@Property
	void aCodeIsAcceptedHalfAMinuteEitherSide(@ForAll("secrets") String secret,
			@ForAll @LongRange(min = 60, max = 100_000_000_000L) long epochSeconds) {
		long step = Totp.stepAt(epochSeconds);
		var code = Totp.code(secret, step);
		assertThat(Totp.verifyAt(secret, code, Totp.stepAt(epochSeconds + 30))).hasValue(step);
		assertThat(Totp.verifyAt(secret, code, Totp.stepAt(epochSeconds - 30))).hasValue(step);
		assertThat(Totp.verifyAt(secret, code, Totp.stepAt(epochSeconds))).hasValue(step);
	}

	/**
	 * Ninety seconds away the code's own step is outside the window. (Another step in the window may, with
	 * probability about 3 in a million, show the same six digits; that match would name a different step.)
	 */
	@Property
	void aCodeIsNotAcceptedForItsStepNinetySecondsAway(@ForAll("secrets") String secret,
			@ForAll @LongRange(min = 120, max = 100_000_000_000L) long epochSeconds) {
		long step = Totp.stepAt(epochSeconds);
		var code = Totp.code(secret, step);
		assertThat(Totp.verifyAt(secret, code, Totp.stepAt(epochSeconds + 90))).isNotEqualTo(OptionalLong.of(step));
		assertThat(Totp.verifyAt(secret, code, Totp.stepAt(epochSeconds - 90))).isNotEqualTo(OptionalLong.of(step));
	}

	@Provide
	Arbitrary<String> secrets() {
		return Arbitraries.bytes().array(byte[].class).ofSize(20).map(Totp::base32);
	}
}
