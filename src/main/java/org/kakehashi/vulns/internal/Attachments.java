package org.kakehashi.vulns.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.kakehashi.audit.AuditLog;
import org.kakehashi.platform.Ids;
import org.kakehashi.platform.InvalidInput;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.server.ResponseStatusException;

/**
 * Files of a case: proofs of concept attached to the report, and files posted with messages. Stored encrypted
 * ({@link AttachmentCipher}) in the database with the SHA-256 of the plain file; typed by their first bytes (a few
 * harmless types, everything else {@code application/octet-stream}) and always served as a download. Who may read
 * one is decided in SQL: report files by the coordinators and the finder, and by the vendors once a coordinator
 * shares them; message files by whoever reads the message. Every download is audited.
 */
@Service("vulnAttachments")
public class Attachments {

	public static final int FILES_PER_POST = 10;
	static final int NAME_MAX = 255;

	/** A file as stored: sealed. */
	private record Stored(String fileName, String contentType, String sha256, String keyId, byte[] nonce, byte[] content) {
	}

	/** A file to hand out: its name, type, bytes and digest. */
	public record Content(String fileName, String contentType, byte[] bytes, String sha256) {
	}

	private final JdbcClient jdbc;
	private final VulnCasesDao cases;
	private final AttachmentCipher cipher;
	private final AuditLog audit;
	private final Clock clock;
	private final VulnsProperties settings;

	Attachments(JdbcClient jdbc, VulnCasesDao cases, AttachmentCipher cipher, AuditLog audit, Clock clock,
			VulnsProperties settings) {
		this.jdbc = jdbc;
		this.cases = cases;
		this.cipher = cipher;
		this.audit = audit;
		this.clock = clock;
		this.settings = settings;
	}

	public long maxBytes() {
		return settings.maxAttachmentSize().toBytes();
	}

	/**
	 * Stores the files in the caller's transaction (to the report when {@code messageId} is null). Refuses an empty
	 * or oversize file, or too many, with the field {@code files}; nothing is stored then, since the caller's
	 * transaction rolls back.
	 */
	List<AttachmentInfo> store(UUID caseId, @Nullable Long messageId, List<Upload> uploads, @Nullable UUID by,
			String byLabel) {
		if (uploads.size() > FILES_PER_POST) {
			throw new InvalidInput("files", "vulns.error.files-too-many",
					"At most " + FILES_PER_POST + " files at once.");
		}
		var now = Instant.now(clock);
		var stored = new java.util.HashSet<UUID>();
		for (var upload : uploads) {
			var plain = read(upload.content());
			var id = Ids.newId(clock);
			stored.add(id);
			var sealed = cipher.seal(id, plain);
			jdbc.sql("""
					insert into vuln_attachment (id, case_id, message_id, file_name, content_type, size, sha256, key_id,
					                             nonce, content, uploaded_by, uploaded_by_label, uploaded_at)
					values (:id, :case, :message, :name, :type, :size, :sha, :key, :nonce, :content, :by::uuid, :label, :now)
					""")
				.param("id", id).param("case", caseId).param("message", messageId).param("name", fileName(upload.fileName()))
				.param("type", sniff(plain)).param("size", (long) plain.length).param("sha", sha256(plain))
				.param("key", sealed.keyId()).param("nonce", sealed.nonce()).param("content", sealed.content())
				.param("by", by).param("label", byLabel).param("now", Timestamp.from(now)).update();
			audit.record("vulns.attachment.stored", "vuln_case", caseId, Map.of("attachment", id.toString(),
					"size", String.valueOf(plain.length), "message", String.valueOf(messageId)));
		}
		// Only what this call stored: the report may already have files from earlier uploads.
		return info(caseId, messageId).stream().filter(a -> stored.contains(a.id())).toList();
	}

	/**
	 * The files the viewer may see on the case (report files and those of messages they read), each naming its
	 * uploader only to those who may know them: the finder's name reaches vendors only with the finder's consent,
	 * a vendor's only its own people; coordinators see every name.
	 */
	@Transactional(readOnly = true)
	public List<AttachmentInfo> list(CaseViewer viewer, UUID caseId) {
		var participation = participation(viewer, caseId);
		return bindVisible(jdbc.sql("""
				select a.id, a.message_id, a.file_name, a.content_type, a.size, a.sha256, a.shared_with_vendors,
				       case when :coordinator then coalesce(u.display_name, a.uploaded_by_label)
				            when um.author_kind = 'VENDOR' and not coalesce(um.author_vendor_id = any(:vendors::uuid[]), false)
				                 then ''
				            when (um.author_kind = 'FINDER'
				                  or a.message_id is null and (a.uploaded_by is null or a.uploaded_by = c.finder_user_id))
				                 and not (:finder or c.consent_share_with_vendor) then ''
				            else coalesce(u.display_name, a.uploaded_by_label) end as uploaded_by, a.uploaded_at
				  from vuln_attachment a left join app_user u on u.id = a.uploaded_by
				  join vuln_case c on c.id = a.case_id
				  left join vuln_case_message um on um.id = a.message_id
				 where a.case_id = :case and """ + VISIBLE + " order by a.uploaded_at, a.id"),
				participation).param("case", caseId).query(Attachments::info).list();
	}

	/** One file, decrypted, if the viewer may read it; the download is audited. */
	@Transactional
	public Content open(CaseViewer viewer, UUID caseId, UUID attachmentId) {
		var participation = participation(viewer, caseId);
		var row = bindVisible(jdbc.sql("""
				select a.file_name, a.content_type, a.sha256, a.key_id, a.nonce, a.content from vuln_attachment a
				 where a.id = :id and a.case_id = :case and """ + VISIBLE), participation)
			.param("id", attachmentId).param("case", caseId)
			.query((rs, n) -> new Stored(rs.getString("file_name"), rs.getString("content_type"), rs.getString("sha256"),
					rs.getString("key_id"), rs.getBytes("nonce"), rs.getBytes("content")))
			.optional().orElseThrow(AttachmentNotFound::new);
		var plain = cipher.open(attachmentId, row.keyId(), row.nonce(), row.content());
		audit.record("vulns.attachment.downloaded", "vuln_case", caseId, Map.of("attachment", attachmentId.toString(),
				"as", participation.coordinator() ? "coordinator" : participation.finder() ? "finder" : "vendor"));
		return new Content(row.fileName(), row.contentType(), plain, row.sha256());
	}

	/** A coordinator shares a report file with the case's vendors, or takes it back. */
	@Transactional
	public AttachmentInfo share(CaseViewer viewer, UUID caseId, UUID attachmentId, boolean shared) {
		var participation = participation(viewer, caseId);
		if (!participation.coordinator()) {
			throw new ResponseStatusException(HttpStatus.FORBIDDEN, "Only coordinators share the report's files.");
		}
		var changed = jdbc.sql("""
				update vuln_attachment set shared_with_vendors = :shared
				 where id = :id and case_id = :case and message_id is null
				""").param("shared", shared).param("id", attachmentId).param("case", caseId).update();
		if (changed == 0) {
			throw new AttachmentNotFound();
		}
		audit.record("vulns.attachment.shared", "vuln_case", caseId, Map.of("attachment", attachmentId.toString(),
				"sharedWithVendors", String.valueOf(shared)));
		return jdbc.sql(SELECT + " where a.id = :id").param("id", attachmentId).query(Attachments::info).single();
	}

	List<AttachmentInfo> info(UUID caseId, @Nullable Long messageId) {
		return jdbc.sql(SELECT + " where a.case_id = :case and a.message_id is not distinct from :message::bigint order by a.uploaded_at, a.id")
			.param("case", caseId).param("message", messageId).query(Attachments::info).list();
	}

	private static final String SELECT = """
			select a.id, a.message_id, a.file_name, a.content_type, a.size, a.sha256, a.shared_with_vendors,
			       coalesce(u.display_name, a.uploaded_by_label) as uploaded_by, a.uploaded_at
			  from vuln_attachment a left join app_user u on u.id = a.uploaded_by
			""";

	/** Who reads a file: the same rule as for messages, with report files the coordinators' and the finder's. */
	static final String VISIBLE = """
			(:coordinator
			 or (a.message_id is null and (:finder or (a.shared_with_vendors and :vendor)))
			 or exists (select 1 from vuln_case_message am where am.id = a.message_id
			            and (am.channel = 'ALL' or (am.channel = 'FINDER' and :finder)
			                 or (am.channel = 'VENDOR' and am.vendor_id = any(:vendors::uuid[])))))""";

	private static org.springframework.jdbc.core.simple.JdbcClient.StatementSpec bindVisible(
			org.springframework.jdbc.core.simple.JdbcClient.StatementSpec spec, Participation participation) {
		return spec.param("coordinator", participation.coordinator()).param("finder", participation.finder())
			.param("vendor", participation.vendor()).param("vendors", participation.vendorIds().toArray(UUID[]::new));
	}

	private Participation participation(CaseViewer viewer, UUID caseId) {
		var now = Instant.now(clock);
		cases.find(caseId, viewer, now).orElseThrow(VulnCases.CaseNotFound::new);
		return cases.participation(caseId, viewer, now);
	}

	private static AttachmentInfo info(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
		// wasNull() answers for the column read last, so it is asked before any other column is read.
		var message = rs.getLong("message_id");
		Long messageId = rs.wasNull() ? null : message;
		return new AttachmentInfo(rs.getObject("id", UUID.class), messageId, rs.getString("file_name"),
				rs.getString("content_type"), rs.getLong("size"), rs.getString("sha256"),
				rs.getBoolean("shared_with_vendors"), rs.getString("uploaded_by"), rs.getTimestamp("uploaded_at").toInstant());
	}

	private byte[] read(InputStream in) {
		var max = maxBytes();
		try (in) {
			var bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
			if (bytes.length == 0) {
				throw new InvalidInput("files", "vulns.error.file-empty", "A file is empty.");
			}
			if (bytes.length > max) {
				throw new InvalidInput("files", "vulns.error.file-too-large", "A file is larger than " + max + " bytes.",
						HttpStatus.CONTENT_TOO_LARGE);
			}
			return bytes;
		}
		catch (IOException e) {
			throw new UncheckedIOException("Could not read the uploaded file", e);
		}
	}

	/** The name without any path, control characters or quotes, at most 255 characters; "file" when nothing is left. */
	static String fileName(String typed) {
		var base = typed.replace('\\', '/');
		base = base.substring(base.lastIndexOf('/') + 1);
		var clean = new StringBuilder();
		base.codePoints().filter(c -> !Character.isISOControl(c) && c != '"').forEach(clean::appendCodePoint);
		var name = clean.toString().strip();
		// The end (with the extension) is kept, cut at a whole character: half an emoji is no text to store.
		var length = name.codePointCount(0, name.length());
		if (length > NAME_MAX) {
			name = name.substring(name.offsetByCodePoints(0, length - NAME_MAX)).strip();
		}
		if (name.isEmpty() || name.equals(".") || name.equals("..")) {
			return "file";
		}
		return name;
	}

	/**
	 * The type by the first bytes: PDF, PNG, JPEG, GIF, ZIP and gzip by their signatures, UTF-8 text without NUL and
	 * without markup as text/plain; anything else (HTML and scripts included) as application/octet-stream.
	 */
	static String sniff(byte[] bytes) {
		if (startsWith(bytes, "%PDF-".getBytes(StandardCharsets.US_ASCII))) {
			return "application/pdf";
		}
		if (startsWith(bytes, new byte[] { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' })) {
			return "image/png";
		}
		if (startsWith(bytes, new byte[] { (byte) 0xff, (byte) 0xd8, (byte) 0xff })) {
			return "image/jpeg";
		}
		if (startsWith(bytes, "GIF87a".getBytes(StandardCharsets.US_ASCII))
				|| startsWith(bytes, "GIF89a".getBytes(StandardCharsets.US_ASCII))) {
			return "image/gif";
		}
		if (startsWith(bytes, new byte[] { 'P', 'K', 3, 4 })) {
			return "application/zip";
		}
		if (startsWith(bytes, new byte[] { 0x1f, (byte) 0x8b })) {
			return "application/gzip";
		}
		return utf8Text(bytes) && !markup(bytes) ? "text/plain" : "application/octet-stream";
	}

	/**
	 * Whether the text opens a tag anywhere ({@code <} followed by a letter, {@code !}, {@code ?} or {@code /}): HTML,
	 * SVG and XML are valid UTF-8 text, and a browser that ignored the declared type could render them.
	 */
	private static boolean markup(byte[] bytes) {
		for (int i = 0; i + 1 < bytes.length; i++) {
			var next = bytes[i + 1];
			if (bytes[i] == '<' && (next >= 'a' && next <= 'z' || next >= 'A' && next <= 'Z' || next == '!' || next == '?'
					|| next == '/')) {
				return true;
			}
		}
		return false;
	}

	private static boolean utf8Text(byte[] bytes) {
		for (var b : bytes) {
			if (b == 0) {
				return false;
			}
		}
		try {
			StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
			return true;
		}
		catch (CharacterCodingException e) {
			return false;
		}
	}

	private static boolean startsWith(byte[] bytes, byte[] prefix) {
		return bytes.length >= prefix.length && Arrays.equals(bytes, 0, prefix.length, prefix, 0, prefix.length);
	}

	static String sha256(byte[] bytes) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
	}

	public static final class AttachmentNotFound extends ResponseStatusException {

		public AttachmentNotFound() {
			super(HttpStatus.NOT_FOUND, "No such file on this case.");
		}
	}
}
