package org.kakehashi.vulns.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.kakehashi.vulns.internal.Attachments;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.multipart.MultipartFile;

/** Uploaded parts to {@code Upload}s, and a stored file back out as a download that no browser renders. */
final class Files {

	private Files() {
	}

	/** The parts that carry a file (a form without one chosen still sends an empty part). */
	static List<org.kakehashi.vulns.internal.Upload> uploads(@Nullable List<MultipartFile> parts) {
		var result = new ArrayList<org.kakehashi.vulns.internal.Upload>();
		if (parts == null) {
			return result;
		}
		for (var part : parts) {
			if (part == null || part.isEmpty() && (part.getOriginalFilename() == null || part.getOriginalFilename().isBlank())) {
				continue;
			}
			try {
				result.add(new org.kakehashi.vulns.internal.Upload(
						part.getOriginalFilename() == null ? "file" : part.getOriginalFilename(), part.getInputStream()));
			}
			catch (IOException e) {
				throw new UncheckedIOException(e);
			}
		}
		return result;
	}

	static ResponseEntity<byte[]> download(Attachments.Content content) {
		var safe = content.contentType().equals("application/pdf") || content.contentType().startsWith("image/")
				|| content.contentType().equals("text/plain");
		return ResponseEntity.ok()
			.header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
				.filename(content.fileName(), java.nio.charset.StandardCharsets.UTF_8).build().toString())
			.header("X-Content-Type-Options", "nosniff")
			.header("Content-Security-Policy", "default-src 'none'; sandbox")
			.header("Digest", "sha-256=" + java.util.Base64.getEncoder().encodeToString(
					java.util.HexFormat.of().parseHex(content.sha256())))
			.contentType(safe ? MediaType.parseMediaType(content.contentType()) : MediaType.APPLICATION_OCTET_STREAM)
			.body(content.bytes());
	}
}
