package org.kakehashi.intel.taxii;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.UUID;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.kakehashi.intel.store.ObjectQuery;
import org.kakehashi.intel.store.ServerKeys;
import org.springframework.stereotype.Component;

/**
 * TAXII {@code next} values: where the previous page ended, signed with HMAC-SHA256 over the collection and the
 * query it belongs to. A value altered, made up, or taken from another collection or another filter is refused,
 * so a cursor can never widen what a request may read. The key is derived from a random key kept in the database
 * (same on every node, kept across restarts).
 */
@Component
class Cursors {

	private static final Pattern SHAPE = Pattern.compile("([0-9a-z]{1,16})\\.([0-9a-z]{1,16})\\.([A-Za-z0-9_-]{43})");

	private final ServerKeys keys;
	private volatile byte[] key;

	Cursors(ServerKeys keys) {
		this.keys = keys;
	}

	/**
	 * @param binding the collection and a canonical form of the query (endpoint and filters, not the limit)
	 */
	String next(UUID collectionId, String binding, ObjectQuery.Position position) {
		long micros = ChronoUnit.MICROS.between(Instant.EPOCH, position.dateAdded());
		var body = Long.toString(micros, 36) + "." + Long.toString(position.seq(), 36);
		return body + "." + mac(collectionId, binding, body);
	}

	/** The position a {@code next} value stands for, or a 400 when it is not one this query could have issued. */
	ObjectQuery.Position position(UUID collectionId, String binding, String next) {
		var matcher = SHAPE.matcher(next);
		if (!matcher.matches()) {
			throw invalid();
		}
		var body = matcher.group(1) + "." + matcher.group(2);
		var expected = mac(collectionId, binding, body).getBytes(StandardCharsets.US_ASCII);
		if (!MessageDigest.isEqual(expected, matcher.group(3).getBytes(StandardCharsets.US_ASCII))) {
			throw invalid();
		}
		try {
			long micros = Long.parseLong(matcher.group(1), 36);
			long seq = Long.parseLong(matcher.group(2), 36);
			return new ObjectQuery.Position(Instant.EPOCH.plus(micros, ChronoUnit.MICROS), seq);
		} catch (NumberFormatException e) {
			throw invalid();
		}
	}

	private static TaxiiError invalid() {
		return TaxiiError.badParameter("next",
				"The next value is not valid for this collection and filter: repeat the original query with the next value of its response.");
	}

	private String mac(UUID collectionId, String binding, String body) {
		try {
			var mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(key(), "HmacSHA256"));
			mac.update((collectionId + "\n" + binding + "\n" + body).getBytes(StandardCharsets.UTF_8));
			return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal());
		} catch (GeneralSecurityException e) {
			throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
		}
	}

	private byte[] key() {
		var current = key;
		if (current == null) {
			// A purpose-bound key, so the stored master key could later sign other things without mixing them up.
			try {
				var derive = Mac.getInstance("HmacSHA256");
				derive.init(new SecretKeySpec(keys.key("taxii"), "HmacSHA256"));
				current = derive.doFinal("taxii-next-v1".getBytes(StandardCharsets.UTF_8));
			} catch (GeneralSecurityException e) {
				throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
			}
			key = current;
		}
		return current;
	}
}
