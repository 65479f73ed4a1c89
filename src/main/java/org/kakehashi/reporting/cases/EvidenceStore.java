package org.kakehashi.reporting.cases;

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
import java.util.HexFormat;
import java.util.UUID;

import org.kakehashi.platform.InvalidInput;
import org.kakehashi.platform.KakehashiProperties;
import org.kakehashi.reporting.internal.Attachments;
import org.kakehashi.reporting.internal.LimitedInputStream;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Evidence files on disk, the way report attachments are kept: under {@code <dataDir>/evidence/<year>/<id>},
 * never the web root; size-limited and hashed while streaming in; typed by their first bytes. The file is
 * removed again when the transaction that records it does not commit, so nothing is half stored.
 */
@Component
class EvidenceStore {

	record Stored(String key, long size, String sha256, String contentType) {
	}

	private final Path root;
	private final long maxBytes;

	EvidenceStore(KakehashiProperties properties) {
		this.root = properties.dataDir().resolve("evidence");
		this.maxBytes = properties.reporting().maxAttachmentSize().toBytes();
	}

	long maxBytes() {
		return maxBytes;
	}

	Path file(String key) {
		return root.resolve(key);
	}

	/** Call inside the transaction that records the file. */
	Stored store(UUID id, Instant now, InputStream content) {
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
				sha256 = HexFormat.of().formatHex(digest.digest());
				try (var in = Files.newInputStream(temp)) {
					head = in.readNBytes(16);
				}
				if (size == 0) {
					throw new InvalidInput("file", "case.error.evidence-empty", "The file is empty.");
				}
				Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
			} finally {
				Files.deleteIfExists(temp);
			}
		} catch (LimitedInputStream.TooLarge e) {
			throw new InvalidInput("file", "case.error.evidence-too-large",
					"The file is larger than " + (maxBytes / (1024 * 1024)) + " MB.", HttpStatus.PAYLOAD_TOO_LARGE);
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		} catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
		Attachments.removeOnRollback(target);
		return new Stored(key, size, sha256, Attachments.sniff(head));
	}
}
