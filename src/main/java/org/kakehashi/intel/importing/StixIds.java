package org.kakehashi.intel.importing;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;

/** Name-based (version 5, SHA-1) UUIDs, RFC 9562 section 5.5: the same name in the same namespace, the same id. */
final class StixIds {

	/** STIX 2.1 section 2.9: the namespace for deterministic SCO identifiers. */
	static final UUID SCO_NAMESPACE = UUID.fromString("00abedb4-aa42-466c-9c01-fed23315a9b7");

	/** Kakehashi's own namespace for objects made from MISP uuids (fixed forever: ids must not change). */
	static final UUID MISP_NAMESPACE = UUID.fromString("6d1c3a52-9f0e-5b8e-a2d4-4b616b6568e1");

	private StixIds() {
	}

	static UUID v5(UUID namespace, String name) {
		MessageDigest sha1;
		try {
			sha1 = MessageDigest.getInstance("SHA-1");
		} catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException("SHA-1 is required of every Java runtime", e);
		}
		var ns = ByteBuffer.allocate(16).putLong(namespace.getMostSignificantBits()).putLong(namespace.getLeastSignificantBits());
		sha1.update(ns.array());
		var hash = sha1.digest(name.getBytes(StandardCharsets.UTF_8));
		hash[6] = (byte) ((hash[6] & 0x0f) | 0x50);
		hash[8] = (byte) ((hash[8] & 0x3f) | 0x80);
		var buffer = ByteBuffer.wrap(hash, 0, 16);
		return new UUID(buffer.getLong(), buffer.getLong());
	}

	/** An object id derived from a MISP uuid: the same MISP element always becomes the same STIX object. */
	static String fromMisp(String type, String mispUuid) {
		return type + "--" + v5(MISP_NAMESPACE, type + "|" + mispUuid.toLowerCase(java.util.Locale.ROOT));
	}

	/** An SCO id from the canonical JSON of its id-contributing properties (section 2.9). */
	static String sco(String type, String canonicalJson) {
		return type + "--" + v5(SCO_NAMESPACE, canonicalJson);
	}
}
