package org.kakehashi.identity.security;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Locale;
import java.util.OptionalLong;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.kakehashi.platform.Secrets;
import org.springframework.stereotype.Component;

/**
 * Time-based one-time passwords after RFC 6238 with the parameters every authenticator app understands:
 * HMAC-SHA1, 30-second steps, 6 digits. One step either side is accepted so a phone whose clock is a few
 * seconds off, or a user who types slowly, still gets in. Secrets are 20 random bytes (RFC 4226 §4
 * recommends 160 bits), exchanged as Base32 without padding as the otpauth URI format expects.
 */
@Component
public class Totp {

	public static final int DIGITS = 6;
	public static final long STEP_SECONDS = 30;
	static final int TOLERANCE_STEPS = 1;
	private static final String BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
	private static final int[] POWERS = { 1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000 };

	private final Clock clock;

	Totp(Clock clock) {
		this.clock = clock;
	}

	public static String newSecret() {
		var bytes = new byte[20];
		Secrets.random().nextBytes(bytes);
		return base32(bytes);
	}

	public long currentStep() {
		return stepAt(clock.millis() / 1000);
	}

	static long stepAt(long epochSeconds) {
		return Math.floorDiv(epochSeconds, STEP_SECONDS);
	}

	/**
	 * The step the code belongs to, when it matches one within the tolerance around now. Callers must
	 * still refuse a step they have seen before (replay).
	 */
	public OptionalLong verify(String base32Secret, String code) {
		return verifyAt(base32Secret, code, currentStep());
	}

	static OptionalLong verifyAt(String base32Secret, String code, long step) {
		var candidate = code.replace(" ", "").strip();
		if (candidate.length() != DIGITS || !candidate.chars().allMatch(c -> c >= '0' && c <= '9')) {
			return OptionalLong.empty();
		}
		var key = base32Decode(base32Secret);
		for (long s = step - TOLERANCE_STEPS; s <= step + TOLERANCE_STEPS; s++) {
			// Constant-time comparison: the position of the first wrong digit must not leak through timing.
			if (MessageDigest.isEqual(code(key, s, DIGITS).getBytes(StandardCharsets.US_ASCII),
					candidate.getBytes(StandardCharsets.US_ASCII))) {
				return OptionalLong.of(s);
			}
		}
		return OptionalLong.empty();
	}

	/** The code an authenticator shows during the given step. */
	public static String code(String base32Secret, long step) {
		return code(base32Decode(base32Secret), step, DIGITS);
	}

	/** RFC 4226 §5.3 HOTP with the step as counter; RFC 6238 §4.2. */
	static String code(byte[] key, long counter, int digits) {
		try {
			var mac = Mac.getInstance("HmacSHA1");
			mac.init(new SecretKeySpec(key, "HmacSHA1"));
			var hash = mac.doFinal(java.nio.ByteBuffer.allocate(8).putLong(counter).array());
			int offset = hash[hash.length - 1] & 0x0f;
			int binary = ((hash[offset] & 0x7f) << 24) | ((hash[offset + 1] & 0xff) << 16)
					| ((hash[offset + 2] & 0xff) << 8) | (hash[offset + 3] & 0xff);
			var otp = Integer.toString(binary % POWERS[digits]);
			return "0".repeat(digits - otp.length()) + otp;
		} catch (GeneralSecurityException e) {
			throw new IllegalStateException("HmacSHA1 is part of every JDK", e);
		}
	}

	/** RFC 4648 Base32, upper case, without padding. */
	static String base32(byte[] bytes) {
		var out = new StringBuilder((bytes.length * 8 + 4) / 5);
		int buffer = 0;
		int bits = 0;
		for (byte b : bytes) {
			buffer = (buffer << 8) | (b & 0xff);
			bits += 8;
			while (bits >= 5) {
				out.append(BASE32.charAt((buffer >> (bits - 5)) & 31));
				bits -= 5;
			}
		}
		if (bits > 0) {
			out.append(BASE32.charAt((buffer << (5 - bits)) & 31));
		}
		return out.toString();
	}

	static byte[] base32Decode(String text) {
		var out = new ByteArrayOutputStream();
		int buffer = 0;
		int bits = 0;
		for (char c : text.toUpperCase(Locale.ROOT).toCharArray()) {
			if (c == '=' || c == ' ' || c == '-') {
				continue;
			}
			int value = BASE32.indexOf(c);
			if (value < 0) {
				throw new IllegalArgumentException("Not a Base32 character");
			}
			buffer = (buffer << 5) | value;
			bits += 5;
			if (bits >= 8) {
				out.write((buffer >> (bits - 8)) & 0xff);
				bits -= 8;
			}
		}
		return out.toByteArray();
	}
}
