package org.kakehashi.vulns.internal;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.kakehashi.identity.Directory;
import org.kakehashi.identity.Role;
import org.kakehashi.platform.KakehashiProperties;
import org.kakehashi.platform.Mailer;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The e-mails of a case, in both languages, sent once the change has committed. They carry the number, a product
 * name or a title where the recipient already knows it, and a link — never the report's text, the thread's
 * messages or files: those stay behind the sign-in or the recipient's personal link. Recipients without an account
 * (a guest finder, a vendor's contacts when the vendor has no organisation in Kakehashi) get a fresh personal link
 * in every message.
 */
@Component
class CaseMail {

	/** Someone to write to: their address, language, and a personal link when they have no account. */
	record Recipient(String email, @Nullable String language, @Nullable String personalLink) {
	}

	private final Mailer mailer;
	private final Directory directory;
	private final MessageSource messages;
	private final KakehashiProperties properties;
	private final AccessLinks links;
	private final JdbcClient jdbc;
	private final VendorDirectoryDao vendors;

	CaseMail(Mailer mailer, Directory directory, MessageSource messages, KakehashiProperties properties,
			AccessLinks links, JdbcClient jdbc, VendorDirectoryDao vendors) {
		this.mailer = mailer;
		this.directory = directory;
		this.messages = messages;
		this.properties = properties;
		this.links = links;
		this.jdbc = jdbc;
		this.vendors = vendors;
	}

	/** The finder hears that the case was accepted or not: number, title and status. */
	void tellFinder(VulnCase vulnCase, CaseStatus status) {
		var finder = finder(vulnCase);
		if (finder == null) {
			return;
		}
		send(finder, "vulns-" + vulnCase.id() + "-" + status.name().toLowerCase(Locale.ROOT),
				"vulns.mail.status.subject", finder.personalLink() == null ? "vulns.mail.status.body" : "vulns.mail.status.body-guest",
				locale -> new Object[] { vulnCase.number(), vulnCase.title(),
						messages.getMessage("vulns.status." + status.name(), null, locale), link(vulnCase, finder) },
				"vulnerability case status mail " + vulnCase.number());
	}

	/** A guest's receipt: the tracking number and the personal link that follows the case. */
	void receiptForGuest(VulnCase vulnCase, String language, String link) {
		var to = new Recipient(vulnCase.finderEmail(), language, link);
		send(to, "vulns-" + vulnCase.id() + "-receipt", "vulns.mail.receipt.subject", "vulns.mail.receipt.body",
				locale -> new Object[] { vulnCase.number(), vulnCase.title(), link }, "vulnerability receipt " + vulnCase.number());
	}

	/**
	 * A vendor (or site operator) was invited: its PSIRT staff, when it has an organisation here, are asked to sign
	 * in; its directory contacts without an account get personal links. Returns how many messages went out.
	 */
	int vendorInvited(VulnCase vulnCase, VendorEntry vendor, String productName) {
		var recipients = vendorRecipients(vulnCase, vendor);
		var subject = vulnCase.kind() == CaseKind.WEBSITE ? "vulns.mail.invited-site.subject" : "vulns.mail.invited.subject";
		for (var to : recipients) {
			send(to, "vulns-" + vulnCase.id() + "-invite-" + vendor.id() + "-" + Math.abs(to.email().hashCode()), subject,
					to.personalLink() == null ? "vulns.mail.invited.body" : "vulns.mail.invited.body-link",
					locale -> new Object[] { vulnCase.number(), productName.isBlank() ? vendor.name(locale) : productName,
							link(vulnCase, to), vulnCase.kind() == CaseKind.WEBSITE ? vulnCase.siteUrl() : "" },
					"vulnerability invitation " + vulnCase.number());
		}
		return recipients.size();
	}

	/**
	 * A new message: the other parties who may read it hear of it, never what it says — the coordinators on the case
	 * when a vendor or the finder wrote, the finder when the coordinators or a vendor wrote to them, a vendor when
	 * someone else wrote in its channel or to everyone. A party does not hear of its own messages (a coordinator's
	 * note does not mail the other coordinators; a vendor's colleagues read the thread).
	 */
	void messagePosted(VulnCase vulnCase, MessageChannel channel, @Nullable UUID vendorId, Participation author,
			long messageId) {
		var recipients = new ArrayList<Recipient>();
		if (!author.coordinator()) {
			recipients.addAll(coordinatorsOnCase(vulnCase.id()));
		}
		if ((channel == MessageChannel.FINDER || channel == MessageChannel.ALL) && !author.finder()) {
			var finder = finder(vulnCase);
			if (finder != null) {
				recipients.add(finder);
			}
		}
		if (channel == MessageChannel.VENDOR || channel == MessageChannel.ALL) {
			var vendorIds = channel == MessageChannel.VENDOR ? List.of(vendorId) : vendorsOnCase(vulnCase.id());
			for (var id : vendorIds) {
				if (id != null && !author.vendorIds().contains(id)) {
					vendors.find(id).ifPresent(vendor -> recipients.addAll(vendorRecipients(vulnCase, vendor)));
				}
			}
		}
		for (var to : distinct(recipients)) {
			send(to, "vulns-" + vulnCase.id() + "-message-" + messageId + "-" + Math.abs(to.email().hashCode()),
					"vulns.mail.message.subject", "vulns.mail.message.body",
					locale -> new Object[] { vulnCase.number(), link(vulnCase, to) },
					"vulnerability message notice " + vulnCase.number());
		}
	}

	/** The advisory is out: everyone on the case gets its public address. */
	void published(VulnCase vulnCase, String advisoryUrl) {
		// The advisory is public: nobody needs a personal link for it, so none is made.
		var recipients = new ArrayList<>(coordinatorsOnCase(vulnCase.id()));
		var finder = finder(vulnCase, false);
		if (finder != null) {
			recipients.add(finder);
		}
		for (var id : vendorsOnCase(vulnCase.id())) {
			vendors.find(id).ifPresent(vendor -> recipients.addAll(vendorRecipients(vulnCase, vendor, false)));
		}
		for (var to : distinct(recipients)) {
			send(to, "vulns-" + vulnCase.id() + "-published-" + Math.abs(advisoryUrl.hashCode()) + "-" + Math.abs(to.email().hashCode()),
					"vulns.mail.published.subject", "vulns.mail.published.body",
					locale -> new Object[] { vulnCase.number(), vulnCase.title(), advisoryUrl },
					"advisory published notice " + vulnCase.number());
		}
	}

	/** The agreed time passed without a ready advisory: the coordinators on the case are told, once. */
	void publicationOverdue(VulnCase vulnCase) {
		for (var to : distinct(coordinatorsOnCase(vulnCase.id()))) {
			var at = vulnCase.publicationAt() == null ? 0 : vulnCase.publicationAt().getEpochSecond();
			send(to, "vulns-" + vulnCase.id() + "-overdue-" + at + "-" + Math.abs(to.email().hashCode()),
					"vulns.mail.overdue.subject", "vulns.mail.overdue.body",
					locale -> new Object[] { vulnCase.number(), vulnCase.title(), link(vulnCase, to) },
					"publication overdue notice " + vulnCase.number());
		}
	}

	private void send(Recipient to, String id, String subjectKey, String bodyKey,
			java.util.function.Function<Locale, Object[]> arguments, String what) {
		var messageId = "<" + id + "@kakehashi>";
		mailer.afterCommit(what, () -> mailer.sendInBothLanguages(to.email(), to.language(), messageId, subjectKey,
				bodyKey, arguments));
	}

	private String link(VulnCase vulnCase, Recipient to) {
		return to.personalLink() != null ? to.personalLink() : properties.link("/vulns/" + vulnCase.id());
	}

	private @Nullable Recipient finder(VulnCase vulnCase) {
		return finder(vulnCase, true);
	}

	/** The finder to write to; a guest with a fresh personal link when {@code withLink}. */
	private @Nullable Recipient finder(VulnCase vulnCase, boolean withLink) {
		if (vulnCase.finderUserId() == null) {
			if (vulnCase.finderEmail() == null) {
				return null;
			}
			return new Recipient(vulnCase.finderEmail(), vulnCase.finderLanguage(), withLink
					? links.issue(vulnCase.id(), AccessLinks.Party.FINDER, null, vulnCase.finderEmail()) : null);
		}
		return directory.contacts(vulnCase.finderOrganisationId(), EnumSet.allOf(Role.class)).stream()
			.filter(c -> c.userId().equals(vulnCase.finderUserId())).findFirst()
			.map(c -> new Recipient(c.email(), c.locale(), null))
			.orElse(null); // deactivated since filing: nobody to write to
	}

	private List<Recipient> vendorRecipients(VulnCase vulnCase, VendorEntry vendor) {
		return vendorRecipients(vulnCase, vendor, true);
	}

	/** A vendor's PSIRT staff and its other contacts, those with a fresh personal link when {@code withLinks}. */
	private List<Recipient> vendorRecipients(VulnCase vulnCase, VendorEntry vendor, boolean withLinks) {
		var result = new LinkedHashMap<String, Recipient>();
		if (vendor.organisationId() != null) {
			for (var staff : directory.contacts(vendor.organisationId(), CaseViewer.VENDOR_STAFF_ROLES)) {
				result.put(staff.email().toLowerCase(Locale.ROOT), new Recipient(staff.email(), staff.locale(), null));
			}
		}
		for (var contact : vendor.contacts()) {
			var key = contact.email().toLowerCase(Locale.ROOT);
			if (!result.containsKey(key)) {
				result.put(key, new Recipient(contact.email(), contact.language(), withLinks
						? links.issue(vulnCase.id(), AccessLinks.Party.VENDOR, vendor.id(), contact.email()) : null));
			}
		}
		return List.copyOf(result.values());
	}

	/** The coordinators who have worked on the case (moved it, written in it or invited a vendor) and still are. */
	private List<Recipient> coordinatorsOnCase(UUID caseId) {
		return jdbc.sql("""
				select distinct u.email, u.locale from app_user u
				 where u.active and u.id in (select t.by_user_id from vuln_case_transition t where t.case_id = :case
				                             union select m.author_user_id from vuln_case_message m
				                              where m.case_id = :case and m.author_kind = 'COORDINATOR'
				                             union select cv.invited_by from vuln_case_vendor cv where cv.case_id = :case)
				   and exists (select 1 from organisation o where o.id = u.organisation_id and o.type = 'COORDINATOR')
				   and exists (select 1 from user_role r where r.user_id = u.id and r.role in ('ANALYST', 'COORDINATOR'))
				""")
			.param("case", caseId)
			.query((rs, n) -> new Recipient(rs.getString("email"), rs.getString("locale"), null)).list();
	}

	private List<UUID> vendorsOnCase(UUID caseId) {
		return jdbc.sql("select vendor_id from vuln_case_vendor where case_id = :case").param("case", caseId)
			.query(UUID.class).list();
	}

	private static List<Recipient> distinct(List<Recipient> recipients) {
		var byAddress = new LinkedHashMap<String, Recipient>();
		recipients.forEach(r -> byAddress.putIfAbsent(r.email().toLowerCase(Locale.ROOT), r));
		return List.copyOf(byAddress.values());
	}
}
