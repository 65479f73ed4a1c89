package org.kakehashi.vulns.web;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.kakehashi.vulns.internal.AttachmentInfo;
import org.kakehashi.vulns.internal.CaseMessage;
import org.kakehashi.vulns.internal.CaseVendor;
import org.kakehashi.vulns.internal.CaseVulnerability;
import org.kakehashi.vulns.internal.CommitteeDecision;
import org.kakehashi.vulns.internal.ContactAttempt;
import org.kakehashi.vulns.internal.MessageChannel;
import org.kakehashi.vulns.internal.StatusUpdate;
import org.kakehashi.vulns.internal.VendorDraft;
import org.kakehashi.vulns.internal.VendorEntry;
import org.kakehashi.vulns.internal.VendorLine;
import org.kakehashi.vulns.internal.VendorStatus;
import org.kakehashi.vulns.internal.VulnerabilityDraft;

/** The coordination API's payloads (vendors, statuses, vulnerabilities, thread, files): never the stored rows. */
final class CoordinationJson {

	private CoordinationJson() {
	}

	record Contact(@Nullable String name, @Nullable String email, @Nullable String language) {

		VendorEntry.Contact contact() {
			return new VendorEntry.Contact(VulnCaseJson.text(name), VulnCaseJson.text(email), language == null ? "ja" : language);
		}

		static Contact of(VendorEntry.Contact c) {
			return new Contact(c.name(), c.email(), c.language());
		}
	}

	record VendorInput(@Nullable String name, @Nullable String nameEn, @Nullable UUID organisationId,
			@Nullable String products, @Nullable String notes, @Nullable List<Contact> contacts) {

		VendorDraft draft() {
			return new VendorDraft(VulnCaseJson.text(name), VulnCaseJson.text(nameEn), organisationId, VulnCaseJson.text(products), VulnCaseJson.text(notes),
					CoordinationJson.contacts(contacts));
		}
	}

	record Contacts(@Nullable List<Contact> contacts) {
	}

	static List<VendorEntry.Contact> contacts(@Nullable List<Contact> contacts) {
		return contacts == null ? List.of() : contacts.stream().map(c -> c == null ? new Contact(null, null, null) : c)
			.map(Contact::contact).toList();
	}

	record Vendor(UUID id, String name, String nameEn, @Nullable UUID organisationId, @Nullable String organisationName,
			String products, @Nullable String notes, List<Contact> contacts, Instant createdAt, Instant updatedAt) {

		static Vendor of(VendorEntry v, boolean coordinator) {
			return new Vendor(v.id(), v.name(), v.nameEn(), v.organisationId(), v.organisationName(), v.products(),
					coordinator ? v.notes() : null, v.contacts().stream().map(Contact::of).toList(), v.createdAt(), v.updatedAt());
		}
	}

	record VendorListLine(UUID id, String name, String nameEn, @Nullable String organisationName, int contacts,
			int openCases) {

		static VendorListLine of(VendorLine l) {
			return new VendorListLine(l.id(), l.name(), l.nameEn(), l.organisationName(), l.contacts(), l.openCases());
		}
	}

	record Invitation(@Nullable UUID vendorId, @Nullable String productName) {
	}

	record Product(@Nullable String productName) {
	}

	record Status(UUID vulnerabilityId, VendorStatus status, String statement, List<String> affectedVersions,
			List<String> fixedVersions, Instant updatedAt, String updatedBy) {

		static Status of(CaseVendor.StatusEntry s) {
			return new Status(s.vulnerabilityId(), s.status(), s.statement(), s.affectedVersions(), s.fixedVersions(),
					s.updatedAt(), s.updatedBy());
		}
	}

	/** A vendor on a case; statuses list every vulnerability of the case, UNKNOWN where the vendor said nothing. */
	record CaseVendorJson(UUID vendorId, String name, String nameEn, String productName, Instant invitedAt,
			@Nullable Instant firstResponseAt, boolean unreachable, @Nullable Instant unreachableAt, int attempts,
			Map<UUID, VendorStatus> statusByVulnerability, List<Status> statuses) {

		static CaseVendorJson of(CaseVendor v, List<UUID> vulnerabilities) {
			var byVulnerability = new java.util.LinkedHashMap<UUID, VendorStatus>();
			vulnerabilities.forEach(id -> byVulnerability.put(id, v.status(id)));
			return new CaseVendorJson(v.vendorId(), v.name(), v.nameEn(), v.productName(), v.invitedAt(),
					v.firstResponseAt(), v.unreachable(), v.unreachable() ? v.unreachableAt() : null, v.attempts(),
					byVulnerability, v.statuses().values().stream().map(Status::of).toList());
		}
	}

	record StatusInput(@Nullable VendorStatus status, @Nullable String statement, @Nullable List<String> affectedVersions,
			@Nullable List<String> fixedVersions) {

		StatusUpdate update() {
			return new StatusUpdate(status, VulnCaseJson.text(statement), join(affectedVersions), join(fixedVersions));
		}

		private static String join(@Nullable List<String> versions) {
			return versions == null ? "" : String.join("\n", versions.stream().map(v -> v == null ? "" : v.replace(',', ' ')).toList());
		}
	}

	record AttemptInput(@Nullable Instant attemptedAt, ContactAttempt.@Nullable Channel channel, @Nullable String note) {
	}

	record Attempt(long id, Instant attemptedAt, ContactAttempt.Channel channel, String note, boolean automatic,
			String byName) {

		static Attempt of(ContactAttempt a) {
			return new Attempt(a.id(), a.attemptedAt(), a.channel(), a.note(), a.automatic(), a.byName());
		}
	}

	record Unreachable(@Nullable Boolean unreachable) {
	}

	record DecisionInput(@Nullable LocalDate decidedOn, @Nullable List<String> members,
			CommitteeDecision.@Nullable Decision decision, @Nullable String note) {
	}

	record Decision(long id, LocalDate decidedOn, List<String> members, CommitteeDecision.Decision decision, String note,
			String recordedBy, Instant recordedAt) {

		static Decision of(CommitteeDecision d) {
			return new Decision(d.id(), d.decidedOn(), d.members(), d.decision(), d.note(), d.recordedBy(), d.recordedAt());
		}
	}

	record VulnerabilityInput(@Nullable String cveId, @Nullable String cweId, @Nullable String cweName,
			@Nullable String titleJa, @Nullable String titleEn, @Nullable String descriptionJa,
			@Nullable String descriptionEn, @Nullable String cvssV3, @Nullable String cvssV4) {

		VulnerabilityDraft draft() {
			return new VulnerabilityDraft(VulnCaseJson.text(cveId), VulnCaseJson.text(cweId), VulnCaseJson.text(cweName), VulnCaseJson.text(titleJa), VulnCaseJson.text(titleEn),
					VulnCaseJson.text(descriptionJa), VulnCaseJson.text(descriptionEn), VulnCaseJson.text(cvssV3), VulnCaseJson.text(cvssV4));
		}
	}

	record Vulnerability(UUID id, int ordinal, @Nullable String cveId, @Nullable String cweId, String cweName,
			String titleJa, String titleEn, String descriptionJa, String descriptionEn, String cvssV3, String cvssV4) {

		static Vulnerability of(CaseVulnerability v) {
			return new Vulnerability(v.id(), v.ordinal(), v.cveId(), v.cweId(), v.cweName(), v.titleJa(), v.titleEn(),
					v.descriptionJa(), v.descriptionEn(), v.cvssV3(), v.cvssV4());
		}
	}

	record MessageInput(@Nullable MessageChannel channel, @Nullable UUID vendorId, @Nullable String body) {
	}

	record File(UUID id, @Nullable Long messageId, String fileName, String contentType, long size, String sha256,
			boolean sharedWithVendors, String uploadedBy, Instant uploadedAt) {

		static File of(AttachmentInfo a) {
			return new File(a.id(), a.messageId(), a.fileName(), a.contentType(), a.size(), a.sha256(),
					a.sharedWithVendors(), a.uploadedBy(), a.uploadedAt());
		}
	}

	record Sharing(@Nullable Boolean sharedWithVendors) {
	}

	record Message(long id, MessageChannel channel, @Nullable UUID vendorId, @Nullable String vendorName,
			CaseMessage.AuthorKind authorKind, String authorName, @Nullable String authorVendorName, String body,
			Instant postedAt, List<File> files) {

		static Message of(CaseMessage m) {
			return new Message(m.id(), m.channel(), m.vendorId(), m.vendorName(), m.authorKind(), m.authorName(),
					m.authorVendorName(), m.body(), m.postedAt(), m.attachments().stream().map(File::of).toList());
		}
	}
}
