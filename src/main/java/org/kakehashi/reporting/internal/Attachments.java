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
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;

import org.kakehashi.audit.AuditLog;
import org.kakehashi.platform.Ids;
import org.kakehashi.platform.InvalidInput;
import org.kakehashi.platform.KakehashiProperties;
import org.kakehashi.reporting.Viewer;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Report attachments: size-limited, hashed with SHA-256 while they stream in, stored under the data directory
 * (never the web root) by a random key, typed by their first bytes rather than by what the client claims, and
 * always served as downloads. A failed transaction removes the file it wrote.
 */
@Service
public class Attachments {

	private final ReportFiling filing;
	private final ReportDao dao;
	private final AuditLog audit;
	private final Clock clock;
	private final Path root;
	private final long maxBytes;

	Attachments(ReportFiling filing, ReportDao dao, AuditLog audit, Clock clock, KakehashiProperties properties) {
		this.filing = filing;
		this.dao = dao;
		this.audit = audit;
		this.clock = clock;
		this.root = properties.dataDir().resolve("attachments");
		this.maxBytes = properties.reporting().maxAttachmentSize().toBytes();
	}

	public long maxBytes() {
		return maxBytes;
	}

	@Transactional
	public Attachment add(Viewer viewer, UUID reportId, String fileName, InputStream content) {
		var report = filing.editable(viewer, reportId);
		var name = safeName(fileName);
		var now = Instant.now(clock);
		var id = Ids.newId(clock);
		var key = now.atZone(java.time.ZoneOffset.UTC).getYear() + "/" + id;
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
				Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
			} finally {
				Files.deleteIfExists(temp);
			}
		} catch (LimitedInputStream.TooLarge e) {
			throw new InvalidInput("file", "report.error.attachment-too-large",
					"The file is larger than " + (maxBytes / (1024 * 1024)) + " MB.", HttpStatus.PAYLOAD_TOO_LARGE);
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		} catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
		if (size == 0) {
			deleteQuietly(target);
			throw new InvalidInput("file", "report.error.attachment-empty", "The file is empty.");
		}
		removeOnRollback(target);
		var attachment = new Attachment(id, reportId, name, sniff(head), size, sha256, key, viewer.userId(), now);
		dao.insertAttachment(attachment);
		audit.record("report.attachment-added", "report", reportId,
				Map.of("number", report.number(), "attachment", id.toString(), "sha256", sha256, "size", String.valueOf(size)));
		return attachment;
	}

	/** The attachment and its file, if the viewer may read the report. Downloads are audited. */
	@Transactional
	public Download open(Viewer viewer, UUID reportId, UUID attachmentId) {
		var report = filing.find(viewer, reportId).orElseThrow(ReportFiling::notFound);
		var attachment = dao.attachment(reportId, attachmentId).orElseThrow(ReportFiling::notFound);
		audit.record("report.attachment-downloaded", "report", reportId,
				Map.of("number", report.number(), "attachment", attachmentId.toString()));
		return new Download(attachment, root.resolve(attachment.storageKey()));
	}

	public record Download(Attachment attachment, Path file) {
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
	public static String sniff(byte[] head) {
		Map<String, byte[]> magic = Map.of(
				"application/pdf", new byte[] { '%', 'P', 'D', 'F', '-' },
				"image/png", new byte[] { (byte) 0x89, 'P', 'N', 'G' },
				"image/jpeg", new byte[] { (byte) 0xff, (byte) 0xd8, (byte) 0xff },
				"image/gif", new byte[] { 'G', 'I', 'F', '8' },
				"application/zip", new byte[] { 'P', 'K', 3, 4 },
				"application/gzip", new byte[] { 0x1f, (byte) 0x8b });
		for (var entry : magic.entrySet()) {
			var signature = entry.getValue();
			if (head.length >= signature.length && java.util.Arrays.equals(head, 0, signature.length, signature, 0,
					signature.length)) {
				return entry.getKey();
			}
		}
		return "application/octet-stream";
	}

	/** Deletes the file when the surrounding transaction does not commit. */
	public static void removeOnRollback(Path file) {
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCompletion(int status) {
					if (status != STATUS_COMMITTED) {
						deleteQuietly(file);
					}
				}
			});
		}
	}

	public static void deleteQuietly(Path file) {
		try {
			Files.deleteIfExists(file);
		} catch (IOException e) {
			// An orphan file holds no reference anyone can reach; log-free by design (names may be sensitive).
		}
	}
}
