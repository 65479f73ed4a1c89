package org.kakehashi.vulns.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.kakehashi.audit.AuditLog;
import org.kakehashi.platform.InvalidFields;
import org.kakehashi.platform.InvalidInput;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A case's thread. Every message names who reads it besides the coordinators: nobody (internal notes), one vendor,
 * the finder, or everyone on the case. Coordinators write in any channel; a vendor in its own channel or to all;
 * the finder in theirs or to all. Reading is filtered in SQL by the viewer's part in the case. The people a message
 * reaches are told by e-mail that there is one, never what it says. A vendor's first message counts as its response.
 */
@Service
public class CaseThread {

	public static final int BODY_MAX = 20000;
	/** The newest messages a page shows; older ones are reached through the API's paging. */
	public static final int SHOWN = 200;

	/** A message as stored, before what the viewer may not know of its author is taken out. */
	private record Row(long id, MessageChannel channel, @Nullable UUID vendorId, @Nullable String vendorName,
			CaseMessage.AuthorKind kind, String authorName, @Nullable UUID authorVendorId, @Nullable String authorVendorName,
			String body, Instant postedAt) {
	}

	/** A message as typed. {@code vendorId} names the vendor of the vendor channel. */
	public record Post(@Nullable MessageChannel channel, @Nullable UUID vendorId, String body) {
	}

	private final JdbcClient jdbc;
	private final VulnCasesDao cases;
	private final CaseVendorsDao vendors;
	private final Attachments attachments;
	private final AccessLinks links;
	private final CaseMail mail;
	private final AuditLog audit;
	private final Clock clock;

	CaseThread(JdbcClient jdbc, VulnCasesDao cases, CaseVendorsDao vendors, Attachments attachments,
			AccessLinks links, CaseMail mail, AuditLog audit, Clock clock) {
		this.jdbc = jdbc;
		this.cases = cases;
		this.vendors = vendors;
		this.attachments = attachments;
		this.links = links;
		this.mail = mail;
		this.audit = audit;
		this.clock = clock;
	}

	/** The messages the viewer may read, oldest first: the newest {@code limit} before {@code before} (if given). */
	@Transactional(readOnly = true)
	public List<CaseMessage> messages(CaseViewer viewer, UUID caseId, @Nullable Long before, int limit) {
		var now = Instant.now(clock);
		var found = cases.find(caseId, viewer, now).orElseThrow(VulnCases.CaseNotFound::new);
		var participation = cases.participation(caseId, viewer, now);
		var rows = jdbc.sql("""
				select m.id, m.channel, m.vendor_id, v.name as vendor_name, m.author_kind, m.author_user_id,
				       m.author_vendor_id, coalesce(u.display_name, m.author_label) as author_name,
				       av.name as author_vendor_name, m.body, m.posted_at
				  from vuln_case_message m
				  left join app_user u on u.id = m.author_user_id
				  left join vuln_vendor v on v.id = m.vendor_id
				  left join vuln_vendor av on av.id = m.author_vendor_id
				 where m.case_id = :case and (m.id < :before::bigint or :before::bigint is null)
				   and (:coordinator or m.channel = 'ALL' or (m.channel = 'FINDER' and :finder)
				        or (m.channel = 'VENDOR' and m.vendor_id = any(:vendors::uuid[])))
				 order by m.id desc limit :limit
				""")
			.param("case", caseId).param("before", before).param("coordinator", participation.coordinator())
			.param("finder", participation.finder()).param("vendors", participation.vendorIds().toArray(UUID[]::new))
			.param("limit", Math.max(1, Math.min(limit, 500)))
			.query((rs, n) -> new Row(rs.getLong("id"), MessageChannel.valueOf(rs.getString("channel")),
					rs.getObject("vendor_id", UUID.class), rs.getString("vendor_name"),
					CaseMessage.AuthorKind.valueOf(rs.getString("author_kind")), rs.getString("author_name"),
					rs.getObject("author_vendor_id", UUID.class), rs.getString("author_vendor_name"), rs.getString("body"),
					rs.getTimestamp("posted_at").toInstant()))
			.list();
		var files = attachments.list(viewer, caseId).stream().filter(a -> a.messageId() != null)
			.collect(Collectors.groupingBy(AttachmentInfo::messageId));
		var result = new ArrayList<CaseMessage>();
		for (int i = rows.size() - 1; i >= 0; i--) {
			var r = rows.get(i);
			// The finder's name is the vendors' to know only with the finder's consent.
			var hiddenFinder = r.kind() == CaseMessage.AuthorKind.FINDER && !participation.coordinator()
					&& !participation.finder() && !found.consentShareWithVendor();
			// A vendor writing to everyone stays unnamed to the finder and the other vendors: each sees no vendor
			// but itself.
			var hiddenVendor = r.kind() == CaseMessage.AuthorKind.VENDOR && !participation.coordinator()
					&& (r.authorVendorId() == null || !participation.vendorIds().contains(r.authorVendorId()));
			result.add(new CaseMessage(r.id(), r.channel(), r.vendorId(), r.vendorName(), r.kind(),
					hiddenFinder || hiddenVendor ? "" : r.authorName(), hiddenVendor ? null : r.authorVendorName(), r.body(),
					r.postedAt(), files.getOrDefault(r.id(), List.of())));
		}
		return result;
	}

	/** Posts a message (with files) in a channel the viewer may write in; 409 once the case is closed. */
	@Transactional
	public CaseMessage post(CaseViewer viewer, UUID caseId, Post post, List<Upload> files) {
		var now = Instant.now(clock);
		var found = cases.lock(caseId, viewer, now).orElseThrow(VulnCases.CaseNotFound::new);
		var participation = cases.participation(caseId, viewer, now);
		if (!found.status().open()) {
			throw new InvalidInput("body", "vulns.error.case-closed", "The case is closed.", HttpStatus.CONFLICT);
		}
		var problems = new ArrayList<InvalidFields.Problem>();
		var channel = post.channel() == null ? defaultChannel(participation) : post.channel();
		var vendorId = post.vendorId();
		if (channel == MessageChannel.VENDOR && vendorId == null && participation.vendorIds().size() == 1
				&& !participation.coordinator()) {
			vendorId = participation.vendorIds().iterator().next();
		}
		if (!writes(participation, channel, vendorId)) {
			problems.add(CaseRules.problem("channel", "vulns.error.channel-not-yours", "You cannot write in this channel."));
		}
		else if (channel == MessageChannel.VENDOR && (vendorId == null || !vendors.lock(caseId, vendorId))) {
			problems.add(CaseRules.problem("vendorId", "vulns.error.vendor-not-on-case", "Choose a vendor of this case."));
		}
		else if (channel != MessageChannel.VENDOR && vendorId != null) {
			problems.add(CaseRules.problem("vendorId", "vulns.error.not-for-this-step", "Not used for this step."));
		}
		var body = post.body().strip();
		CaseRules.text(problems, "body", post.body(), BODY_MAX, true);
		if (!problems.isEmpty()) {
			throw new InvalidFields(problems);
		}
		var kind = participation.coordinator() ? CaseMessage.AuthorKind.COORDINATOR
				: speaksAsVendor(participation, channel, vendorId) ? CaseMessage.AuthorKind.VENDOR : CaseMessage.AuthorKind.FINDER;
		var authorVendor = kind == CaseMessage.AuthorKind.VENDOR
				? (channel == MessageChannel.VENDOR ? vendorId : participation.vendorIds().iterator().next()) : null;
		var label = viewer.signedIn() ? "" : kind == CaseMessage.AuthorKind.VENDOR
				? links.holder(viewer, caseId, AccessLinks.Party.VENDOR, authorVendor)
				: found.finderName().isBlank() ? links.holder(viewer, caseId, AccessLinks.Party.FINDER, null) : found.finderName();
		var id = jdbc.sql("""
				insert into vuln_case_message (case_id, channel, vendor_id, author_kind, author_user_id, author_vendor_id,
				                               author_label, body, posted_at)
				values (:case, :channel, :vendor::uuid, :kind, :author::uuid, :authorVendor::uuid, :label, :body, :now)
				returning id
				""")
			.param("case", caseId).param("channel", channel.name()).param("vendor", channel == MessageChannel.VENDOR ? vendorId : null)
			.param("kind", kind.name()).param("author", viewer.userId()).param("authorVendor", authorVendor)
			.param("label", label).param("body", body).param("now", Timestamp.from(now))
			.query(Long.class).single();
		if (!files.isEmpty()) {
			attachments.store(caseId, id, files, viewer.userId(), label);
		}
		if (authorVendor != null) {
			vendors.responded(caseId, authorVendor, now);
		}
		cases.touch(caseId, now);
		// Who wrote where and how much; never what.
		audit.record("vulns.message.posted", "vuln_case", caseId, Map.of("number", found.number(),
				"message", String.valueOf(id), "channel", channel.name(), "author", kind.name(),
				"files", String.valueOf(files.size())));
		mail.messagePosted(found, channel, channel == MessageChannel.VENDOR ? vendorId : null, participation, id);
		return messages(viewer, caseId, id + 1, 1).get(0);
	}

	/** The files attached to the report itself (by the finder at filing or later), in the caller's transaction. */
	@Transactional
	public List<AttachmentInfo> attachToReport(CaseViewer viewer, UUID caseId, List<Upload> files) {
		var now = Instant.now(clock);
		var found = cases.lock(caseId, viewer, now).orElseThrow(VulnCases.CaseNotFound::new);
		var participation = cases.participation(caseId, viewer, now);
		if (!participation.finder() && !participation.coordinator()) {
			throw new org.springframework.web.server.ResponseStatusException(HttpStatus.FORBIDDEN,
					"Only the finder and the coordinators add files to the report.");
		}
		if (!found.status().open()) {
			throw new InvalidInput("files", "vulns.error.case-closed", "The case is closed.", HttpStatus.CONFLICT);
		}
		if (files.isEmpty()) {
			throw new InvalidInput("files", "vulns.error.files-none", "Send at least one file (multipart part 'files').");
		}
		var label = viewer.signedIn() ? "" : found.finderName().isBlank()
				? links.holder(viewer, caseId, AccessLinks.Party.FINDER, null) : found.finderName();
		return attachments.store(caseId, null, files, viewer.userId(), label);
	}

	/** Where a participant writes by default: the finder to the coordinators, a vendor in its own channel. */
	public static MessageChannel defaultChannel(Participation participation) {
		if (participation.coordinator()) {
			return MessageChannel.COORDINATORS;
		}
		return participation.vendor() ? MessageChannel.VENDOR : MessageChannel.FINDER;
	}

	/** The channels a participant writes in. */
	public static boolean writes(Participation participation, MessageChannel channel, @Nullable UUID vendorId) {
		if (participation.coordinator()) {
			return true;
		}
		return switch (channel) {
			case COORDINATORS -> false;
			case VENDOR -> vendorId != null && participation.vendorIds().contains(vendorId);
			case FINDER -> participation.finder();
			case ALL -> participation.finder() || participation.vendor();
		};
	}

	private static boolean speaksAsVendor(Participation participation, MessageChannel channel, @Nullable UUID vendorId) {
		if (!participation.vendor()) {
			return false;
		}
		return channel == MessageChannel.VENDOR || channel == MessageChannel.ALL && !participation.finder();
	}
}
