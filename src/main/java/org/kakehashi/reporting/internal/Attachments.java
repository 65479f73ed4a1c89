package org.kakehashi.reporting.internal;

import java.io.InputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.kakehashi.audit.AuditLog;
import org.kakehashi.platform.Ids;
import org.kakehashi.platform.KakehashiProperties;
import org.kakehashi.reporting.Viewer;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Report attachments, kept by a {@link FileStore} under {@code <dataDir>/attachments} and always served as
 * downloads. Adding and downloading are audited.
 */
@Service
public class Attachments {

	private final ReportFiling filing;
	private final ReportDao dao;
	private final AuditLog audit;
	private final Clock clock;
	private final FileStore files;

	Attachments(ReportFiling filing, ReportDao dao, AuditLog audit, Clock clock, KakehashiProperties properties) {
		this.filing = filing;
		this.dao = dao;
		this.audit = audit;
		this.clock = clock;
		this.files = new FileStore(properties.dataDir().resolve("attachments"),
				properties.reporting().maxAttachmentSize().toBytes(), "report.error.attachment");
	}

	public long maxBytes() {
		return files.maxBytes();
	}

	@Transactional
	public Attachment add(Viewer viewer, UUID reportId, String fileName, InputStream content) {
		var report = filing.editable(viewer, reportId);
		var now = Instant.now(clock);
		var id = Ids.newId(clock);
		var stored = files.store(id, now, content);
		var attachment = new Attachment(id, reportId, FileStore.safeName(fileName), stored.contentType(), stored.size(),
				stored.sha256(), stored.key(), viewer.userId(), now);
		dao.insertAttachment(attachment);
		audit.record("report.attachment-added", "report", reportId, Map.of("number", report.number(), "attachment",
				id.toString(), "sha256", stored.sha256(), "size", String.valueOf(stored.size())));
		return attachment;
	}

	/** The attachment and its file, if the viewer may read the report. Downloads are audited. */
	@Transactional
	public Download open(Viewer viewer, UUID reportId, UUID attachmentId) {
		var report = filing.find(viewer, reportId).orElseThrow(ReportFiling::notFound);
		var attachment = dao.attachment(reportId, attachmentId).orElseThrow(ReportFiling::notFound);
		audit.record("report.attachment-downloaded", "report", reportId,
				Map.of("number", report.number(), "attachment", attachmentId.toString()));
		return new Download(attachment, files.file(attachment.storageKey()));
	}

	public record Download(Attachment attachment, Path file) {
	}
}
