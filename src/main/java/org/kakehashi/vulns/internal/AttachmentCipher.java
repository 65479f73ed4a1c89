package org.kakehashi.vulns.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.UUID;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.kakehashi.platform.KakehashiProperties;
import org.kakehashi.platform.Secrets;
import org.springframework.stereotype.Component;

/**
 * Encrypts attachments at rest with AES-256-GCM. Each file gets a random 96-bit nonce and is bound to its id
 * (additional data), so a ciphertext copied onto another row does not open. The key is
 * {@code kakehashi.vulns.attachment-key}, or a key generated once into {@code data-dir/keys/vulns-attachments.key}
 * (readable by its owner only); either way it lives outside the database, so a database dump alone opens nothing.
 * Every node must have the same key. Stored rows name the key's fingerprint, so a file encrypted with another key
 * is reported as such rather than as corrupt.
 */
@Component
class AttachmentCipher {

	private static final int NONCE_BYTES = 12;
	private static final int TAG_BITS = 128;

	private final SecretKeySpec key;
	private final String keyId;

	AttachmentCipher(VulnsProperties settings, KakehashiProperties properties) {
		var raw = settings.attachmentKey().isBlank() ? keyFile(properties.dataDir().resolve("keys/vulns-attachments.key"))
				: decode(settings.attachmentKey().strip(), "kakehashi.vulns.attachment-key");
		this.key = new SecretKeySpec(raw, "AES");
		this.keyId = fingerprint(raw);
	}

	record Sealed(String keyId, byte[] nonce, byte[] content) {
	}

	String keyId() {
		return keyId;
	}

	Sealed seal(UUID id, byte[] plain) {
		var nonce = new byte[NONCE_BYTES];
		Secrets.random().nextBytes(nonce);
		try {
			var cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
			cipher.updateAAD(bytes(id));
			return new Sealed(keyId, nonce, cipher.doFinal(plain));
		}
		catch (GeneralSecurityException e) {
			throw new IllegalStateException("AES-GCM is part of every JDK", e);
		}
	}

	byte[] open(UUID id, String storedKeyId, byte[] nonce, byte[] content) {
		if (!storedKeyId.equals(keyId)) {
			throw new IllegalStateException("Attachment " + id + " was encrypted with key " + storedKeyId
					+ ", not with the configured key " + keyId + " (kakehashi.vulns.attachment-key)");
		}
		try {
			var cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
			cipher.updateAAD(bytes(id));
			return cipher.doFinal(content);
		}
		catch (GeneralSecurityException e) {
			throw new IllegalStateException("Attachment " + id + " does not decrypt: altered or not this key's", e);
		}
	}

	private static byte[] bytes(UUID id) {
		return ByteBuffer.allocate(16).putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits()).array();
	}

	/**
	 * The key in the file, made when missing: written owner-only to a temporary file and linked into place, so no other
	 * process sees it readable or half written, and a node racing another keeps the first one's key.
	 */
	private static byte[] keyFile(Path file) {
		try {
			if (!Files.exists(file)) {
				Files.createDirectories(file.getParent());
				var fresh = new byte[32];
				Secrets.random().nextBytes(fresh);
				Path temp;
				try {
					temp = Files.createTempFile(file.getParent(), "key-", ".tmp",
							PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
				}
				catch (UnsupportedOperationException e) {
					// Not a POSIX file system: the directory's own protection has to do.
					temp = Files.createTempFile(file.getParent(), "key-", ".tmp");
				}
				Files.write(temp, Base64.getEncoder().encode(fresh));
				try {
					// A hard link appears at once and fails if the name exists (a rename would replace another node's key).
					Files.createLink(file, temp);
				}
				catch (FileAlreadyExistsException e) {
					// Another node made it first: use theirs.
				}
				catch (UnsupportedOperationException e) {
					try {
						Files.move(temp, file);
					}
					catch (FileAlreadyExistsException taken) {
						// As above.
					}
				}
				finally {
					Files.deleteIfExists(temp);
				}
			}
			return decode(Files.readString(file).strip(), file.toString());
		}
		catch (IOException e) {
			throw new UncheckedIOException("Cannot read or create the attachment key " + file, e);
		}
	}

	private static byte[] decode(String base64, String where) {
		byte[] raw;
		try {
			raw = Base64.getDecoder().decode(base64);
		}
		catch (IllegalArgumentException e) {
			throw new IllegalStateException(where + " is not base64: give 32 random bytes in base64 (openssl rand -base64 32)");
		}
		if (raw.length != 32) {
			throw new IllegalStateException(where + " must hold 32 bytes (AES-256), has " + raw.length
					+ ": openssl rand -base64 32");
		}
		return raw;
	}

	private static String fingerprint(byte[] raw) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(raw)).substring(0, 16);
		}
		catch (GeneralSecurityException e) {
			throw new IllegalStateException(e);
		}
	}
}
