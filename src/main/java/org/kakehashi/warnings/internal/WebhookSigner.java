package org.kakehashi.warnings.internal;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs a webhook call: {@code sha256=} and the hex HMAC-SHA256, keyed with the agreement's secret (its UTF-8
 * bytes), over {@code <unix seconds>.<body>}. The receiver recomputes it over the timestamp header and the raw body
 * (README, "Verifying a warning webhook").
 */
final class WebhookSigner {

	static final String ALGORITHM = "HmacSHA256";

	private WebhookSigner() {
	}

	static String signature(String secret, long timestamp, byte[] body) {
		try {
			var mac = Mac.getInstance(ALGORITHM);
			mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM));
			mac.update((timestamp + ".").getBytes(StandardCharsets.US_ASCII));
			return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
		}
		catch (NoSuchAlgorithmException | InvalidKeyException e) {
			throw new IllegalStateException("HMAC-SHA256 is not available", e);
		}
	}
}
