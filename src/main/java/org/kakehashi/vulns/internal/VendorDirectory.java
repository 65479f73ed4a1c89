package org.kakehashi.vulns.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.kakehashi.audit.AuditLog;
import org.kakehashi.identity.Directory;
import org.kakehashi.platform.Ids;
import org.kakehashi.platform.InvalidFields;
import org.kakehashi.platform.Page;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.server.ResponseStatusException;

/**
 * The coordinators' directory of vendors and web-site operators. Coordinators keep it; the PSIRT staff of a
 * vendor's own organisation may read their entry and keep its security contacts. Every change is audited.
 */
@Service
public class VendorDirectory {

	public static final int CONTACTS_MAX = 20;
	static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

	private final VendorDirectoryDao dao;
	private final AccessLinks links;
	private final Directory directory;
	private final AuditLog audit;
	private final Clock clock;

	VendorDirectory(VendorDirectoryDao dao, AccessLinks links, Directory directory, AuditLog audit, Clock clock) {
		this.dao = dao;
		this.links = links;
		this.directory = directory;
		this.audit = audit;
		this.clock = clock;
	}

	@Transactional(readOnly = true)
	public Page<VendorLine> search(CaseViewer viewer, @Nullable String text, int page, int size) {
		requireCoordinator(viewer);
		return dao.search(text, Math.max(0, page), Page.clampSize(size));
	}

	/** The entry, for coordinators and for the vendor's own PSIRT staff. */
	@Transactional(readOnly = true)
	public Optional<VendorEntry> find(CaseViewer viewer, UUID id) {
		return dao.find(id).filter(entry -> viewer.coordinator() || ownEntry(viewer, entry));
	}

	/** The entries linked to the viewer's own organisation, when they are its PSIRT staff. */
	@Transactional(readOnly = true)
	public List<VendorEntry> own(CaseViewer viewer) {
		if (!viewer.vendorStaff() || viewer.organisationId() == null) {
			return List.of();
		}
		return dao.byOrganisation(viewer.organisationId());
	}

	@Transactional
	public VendorEntry create(CaseViewer viewer, VendorDraft draft) {
		requireCoordinator(viewer);
		var checked = check(draft, null);
		var id = Ids.newId(clock);
		dao.insert(id, checked, Instant.now(clock));
		audit.record("vulns.vendor.created", "vuln_vendor", id, details(checked));
		return dao.find(id).orElseThrow();
	}

	@Transactional
	public VendorEntry update(CaseViewer viewer, UUID id, VendorDraft draft) {
		requireCoordinator(viewer);
		dao.lock(id).orElseThrow(VendorNotFound::new);
		var checked = check(draft, id);
		dao.update(id, checked, Instant.now(clock));
		var revoked = links.revokeFormerContacts(id);
		var details = new java.util.HashMap<>(details(checked));
		details.put("linksEnded", String.valueOf(revoked));
		audit.record("vulns.vendor.updated", "vuln_vendor", id, details);
		return dao.find(id).orElseThrow();
	}

	/** The vendor's own PSIRT staff keep its security contacts (nothing else of the entry). */
	@Transactional
	public VendorEntry updateContacts(CaseViewer viewer, UUID id, List<VendorEntry.Contact> contacts) {
		var entry = dao.lock(id).orElseThrow(VendorNotFound::new);
		if (!viewer.coordinator() && !ownEntry(viewer, entry)) {
			throw new VendorNotFound();
		}
		var problems = new ArrayList<InvalidFields.Problem>();
		var checked = contacts(contacts, problems);
		if (!problems.isEmpty()) {
			throw new InvalidFields(problems);
		}
		dao.replaceContacts(id, checked);
		dao.touch(id, Instant.now(clock));
		var revoked = links.revokeFormerContacts(id);
		audit.record("vulns.vendor.contacts-updated", "vuln_vendor", id,
				Map.of("contacts", String.valueOf(checked.size()), "linksEnded", String.valueOf(revoked)));
		return dao.find(id).orElseThrow();
	}

	private static boolean ownEntry(CaseViewer viewer, VendorEntry entry) {
		return viewer.vendorStaff() && entry.organisationId() != null && entry.organisationId().equals(viewer.organisationId());
	}

	private VendorDraft check(VendorDraft draft, @Nullable UUID self) {
		var problems = new ArrayList<InvalidFields.Problem>();
		var name = draft.name().strip();
		if (CaseRules.line(problems, "name", draft.name(), CaseRules.NAME_MAX, true)) {
			var taken = dao.idByName(name);
			if (taken.isPresent() && !taken.get().equals(self)) {
				problems.add(CaseRules.problem("name", "vulns.error.vendor-name-taken",
						"The directory already has a vendor of this name."));
			}
		}
		CaseRules.line(problems, "nameEn", draft.nameEn(), CaseRules.NAME_MAX, false);
		CaseRules.text(problems, "products", draft.products(), 10000, false);
		CaseRules.text(problems, "notes", draft.notes(), 10000, false);
		if (draft.organisationId() != null && directory.organisation(draft.organisationId()).isEmpty()) {
			problems.add(CaseRules.problem("organisationId", "vulns.error.organisation-unknown", "No such organisation."));
		}
		var contacts = contacts(draft.contacts(), problems);
		if (!problems.isEmpty()) {
			throw new InvalidFields(problems);
		}
		return new VendorDraft(name, draft.nameEn().strip(), draft.organisationId(), draft.products().strip(),
				draft.notes().strip(), contacts);
	}

	private static List<VendorEntry.Contact> contacts(List<VendorEntry.Contact> contacts,
			List<InvalidFields.Problem> problems) {
		if (contacts.size() > CONTACTS_MAX) {
			problems.add(new InvalidFields.Problem("contacts", "vulns.error.contacts-too-many", List.of(CONTACTS_MAX),
					"At most " + CONTACTS_MAX + " contacts."));
			return List.of();
		}
		var seen = new HashSet<String>();
		var checked = new ArrayList<VendorEntry.Contact>();
		for (int i = 0; i < contacts.size(); i++) {
			var contact = contacts.get(i);
			var field = "contacts[" + i + "]";
			CaseRules.line(problems, field + ".name", contact.name(), CaseRules.NAME_MAX, false);
			var email = contact.email().strip();
			if (!EMAIL.matcher(email).matches() || email.length() > 320) {
				problems.add(CaseRules.problem(field + ".email", "vulns.error.email", "Not an e-mail address."));
			}
			else if (!seen.add(email.toLowerCase(Locale.ROOT))) {
				problems.add(CaseRules.problem(field + ".email", "vulns.error.email-twice", "This address is listed twice."));
			}
			var language = contact.language().isBlank() ? "ja" : contact.language().strip();
			if (!language.equals("ja") && !language.equals("en")) {
				problems.add(CaseRules.problem(field + ".language", "vulns.error.choice", "Unknown choice."));
			}
			checked.add(new VendorEntry.Contact(contact.name().strip(), email, language));
		}
		return checked;
	}

	private static Map<String, String> details(VendorDraft draft) {
		// Names and counts; the contacts' addresses stay out of the audit log.
		return Map.of("name", draft.name(), "organisation", String.valueOf(draft.organisationId()),
				"contacts", String.valueOf(draft.contacts().size()));
	}

	static void requireCoordinator(CaseViewer viewer) {
		if (!viewer.coordinator()) {
			throw new ResponseStatusException(HttpStatus.FORBIDDEN, "Only coordinators keep the vendor directory.");
		}
	}

	/** A vendor that does not exist or that the viewer may not see: the same answer for both. */
	public static final class VendorNotFound extends ResponseStatusException {

		public VendorNotFound() {
			super(HttpStatus.NOT_FOUND, "No such vendor.");
		}
	}
}
