package org.kakehashi.reporting.web;

import org.kakehashi.reporting.internal.Attachments;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** Files leave as downloads, never rendered inline, typed by what was sniffed on upload. */
final class Downloads {

	private Downloads() {
	}

	static ResponseEntity<Resource> of(Attachments.Download download) {
		var a = download.attachment();
		return ResponseEntity.ok()
			.contentType(MediaType.parseMediaType(a.contentType()))
			.contentLength(a.sizeBytes())
			.header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
				.filename(a.fileName(), java.nio.charset.StandardCharsets.UTF_8).build().toString())
			.header("X-Content-Type-Options", "nosniff")
			.header("Digest", "sha-256=" + java.util.Base64.getEncoder().encodeToString(java.util.HexFormat.of().parseHex(a.sha256())))
			.body(new FileSystemResource(download.file()));
	}
}
