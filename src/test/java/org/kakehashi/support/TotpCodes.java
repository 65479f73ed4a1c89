package org.kakehashi.support;

import java.io.ByteArrayOutputStream;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Locale;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** RFC 6238 codes (HMAC-SHA1, 30-second steps, 6 digits) from a Base32 secret, as an authenticator app computes them. */
public final class TotpCodes {

	private static final String BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

	private TotpCodes() {
	}

	public static long step(Instant now) {
		return now.getEpochSecond() / 30;
	}

	public static String code(String base32Secret, long step) {
		try {
			var mac = Mac.getInstance("HmacSHA1");
			mac.init(new SecretKeySpec(decode(base32Secret), "HmacSHA1"));
			var counter = new byte[8];
			for (int i = 7; i >= 0; i--) {
				counter[i] = (byte) (step >>> (8 * (7 - i)));
			}
			var hash = mac.doFinal(counter);
			int offset = hash[hash.length - 1] & 0x0f;
			int binary = ((hash[offset] & 0x7f) << 24) | ((hash[offset + 1] & 0xff) << 16) | ((hash[offset + 2] & 0xff) << 8)
					| (hash[offset + 3] & 0xff);
			return String.format("%06d", binary % 1_000_000);
		} catch (GeneralSecurityException e) {
			throw new IllegalStateException(e);
		}
	}

	public static String randomSecret() {
		var secret = new StringBuilder();
		for (int i = 0; i < 32; i++) {
			secret.append(BASE32.charAt(org.kakehashi.platform.Secrets.random().nextInt(32)));
		}
		return secret.toString();
	}

	static byte[] decode(String base32) {
		var out = new ByteArrayOutputStream();
		int buffer = 0;
		int bits = 0;
		for (char c : base32.toUpperCase(Locale.ROOT).replace("=", "").toCharArray()) {
			buffer = (buffer << 5) | BASE32.indexOf(c);
			bits += 5;
			if (bits >= 8) {
				out.write((buffer >> (bits - 8)) & 0xff);
				bits -= 8;
			}
		}
		return out.toByteArray();
	}
}
