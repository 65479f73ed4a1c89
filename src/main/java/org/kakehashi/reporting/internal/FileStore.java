package org.kakehashi.reporting.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;

import org.kakehashi.platform.InvalidInput;
import org.springframework.http.HttpStatus;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Uploaded files on disk (report attachments, case evidence): under {@code <root>/<year>/<id>}, never the web
 * root; size-limited and hashed with SHA-256 while they stream in; typed by their first bytes rather than by
 * what the client claims. Call {@link #store} inside the transaction that records the file: when it does not
 * commit, the file is removed again, so nothing is half stored.
 */
public final class FileStore {

	/** A stored file: its key under the root, size, SHA-256 (hex) and sniffed content type. */
	public record Stored(String key, long size, String sha256, String contentType) {
	}

	private static final Map<String, byte[]> MAGIC = Map.of(
			"application/pdf", new byte[] { '%', 'P', 'D', 'F', '-' },
			"image/png", new byte[] { (byte) 0x89, 'P', 'N', 'G' },
			"image/jpeg", new byte[] { (byte) 0xff, (byte) 0xd8, (byte) 0xff },
			"image/gif", new byte[] { 'G', 'I', 'F', '8' },
			"application/zip", new byte[] { 'P', 'K', 3, 4 },
			"application/gzip", new byte[] { 0x1f, (byte) 0x8b });

	private final Path root;
	private final long maxBytes;
	private final String messagePrefix;

	/** @param messagePrefix message keys {@code <prefix>-empty} and {@code <prefix>-too-large} name the two refusals */
	public FileStore(Path root, long maxBytes, String messagePrefix) {
		this.root = root;
		this.maxBytes = maxBytes;
		this.messagePrefix = messagePrefix;
	}

	public long maxBytes() {
		return maxBytes;
	}

	public Path file(String key) {
		return root.resolve(key);
	}

	public Stored store(UUID id, Instant now, InputStream content) {
		var key = now.atZone(ZoneOffset.UTC).getYear() + "/" + id;
		var target = root.resolve(key);
		long size;
		String sha256;
		byte[] head;
		try {
			Files.createDirectories(target.getParent());
			var temp = Files.createTempFile(target.getParent(), "upload-", ".part");
			try {
				var digest = MessageDigest.getInstance("SHA-256");
				try (var in = new DigestInputStream(new LimitedInputStream(content, maxBytes), digest)) {
					size = Files.copy(in, temp, StandardCopyOption.REPLACE_EXISTING);
				}
				if (size == 0) {
					throw new InvalidInput("file", messagePrefix + "-empty", "The file is empty.");
				}
				sha256 = HexFormat.of().formatHex(digest.digest());
				try (var in = Files.newInputStream(temp)) {
					head = in.readNBytes(16);
				}
				Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
			} finally {
				Files.deleteIfExists(temp);
			}
		} catch (LimitedInputStream.TooLarge e) {
			throw new InvalidInput("file", messagePrefix + "-too-large",
					"The file is larger than " + (maxBytes / (1024 * 1024)) + " MB.", HttpStatus.PAYLOAD_TOO_LARGE);
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		} catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
		removeOnRollback(target);
		return new Stored(key, size, sha256, sniff(head));
	}

	/** Keeps the base name only, without control or path characters, at most 200 characters. */
	public static String safeName(String fileName) {
		var base = fileName.replace('\\', '/');
		base = base.substring(base.lastIndexOf('/') + 1);
		var cleaned = base.codePoints()
			.filter(c -> c >= 0x20 && c != 0x7f && "<>:\"|?*".indexOf(c) < 0)
			.collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
			.toString()
			.strip();
		if (cleaned.isEmpty() || cleaned.equals(".") || cleaned.equals("..")) {
			cleaned = "attachment";
		}
		return cleaned.length() > 200 ? cleaned.substring(cleaned.length() - 200) : cleaned;
	}

	/** A content type from the file's first bytes; anything unrecognised is served as opaque bytes. */
	static String sniff(byte[] head) {
		for (var entry : MAGIC.entrySet()) {
			var signature = entry.getValue();
			if (head.length >= signature.length && Arrays.equals(head, 0, signature.length, signature, 0, signature.length)) {
				return entry.getKey();
			}
		}
		return "application/octet-stream";
	}

	private static void removeOnRollback(Path file) {
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCompletion(int status) {
					if (status != STATUS_COMMITTED) {
						try {
							Files.deleteIfExists(file);
						} catch (IOException e) {
							// Leaves an orphan no record points to; nothing to undo, and no name to log.
						}
					}
				}
			});
		}
	}
}
