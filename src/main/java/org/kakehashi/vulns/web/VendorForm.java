package org.kakehashi.vulns.web;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.kakehashi.vulns.internal.VendorDraft;
import org.kakehashi.vulns.internal.VendorEntry;

/** A directory entry as typed: the form shows its contacts and a few blank rows to add more. */
public class VendorForm {

	static final int BLANK_ROWS = 3;

	private String name = "";
	private String nameEn = "";
	private String organisationId = "";
	private String products = "";
	private String notes = "";
	private List<ContactRow> contacts = new ArrayList<>();

	public static class ContactRow {

		private String name = "";
		private String email = "";
		private String language = "ja";

		public String getName() { return name; }
		public void setName(String v) { this.name = v == null ? "" : v; }
		public String getEmail() { return email; }
		public void setEmail(String v) { this.email = v == null ? "" : v; }
		public String getLanguage() { return language; }
		public void setLanguage(String v) { this.language = v == null ? "" : v; }
	}

	static VendorForm blank() {
		var form = new VendorForm();
		form.padContacts();
		return form;
	}

	static VendorForm of(VendorEntry entry) {
		var form = new VendorForm();
		form.name = entry.name();
		form.nameEn = entry.nameEn();
		form.organisationId = entry.organisationId() == null ? "" : entry.organisationId().toString();
		form.products = entry.products();
		form.notes = entry.notes();
		for (var contact : entry.contacts()) {
			var row = new ContactRow();
			row.name = contact.name();
			row.email = contact.email();
			row.language = contact.language();
			form.contacts.add(row);
		}
		form.padContacts();
		return form;
	}

	/** A few empty rows after the filled ones, so another contact can be typed in. */
	void padContacts() {
		var blank = contacts.stream().filter(c -> c.email.isBlank() && c.name.isBlank()).count();
		for (long i = blank; i < BLANK_ROWS; i++) {
			contacts.add(new ContactRow());
		}
	}

	/** The contacts rows that hold anything (empty rows are the form's, not the user's). */
	List<VendorEntry.Contact> typedContacts() {
		return contacts.stream().filter(c -> !c.email.isBlank() || !c.name.isBlank())
			.map(c -> new VendorEntry.Contact(c.name, c.email, c.language)).toList();
	}

	/**
	 * The problems with their {@code contacts[i]} fields pointing at the form's own rows (the service numbers only the
	 * rows that hold anything, so a blank row in between would shift the messages).
	 */
	org.kakehashi.platform.InvalidFields formRows(org.kakehashi.platform.InvalidFields e) {
		var filled = new ArrayList<Integer>();
		for (int i = 0; i < contacts.size(); i++) {
			var c = contacts.get(i);
			if (!c.email.isBlank() || !c.name.isBlank()) {
				filled.add(i);
			}
		}
		var remapped = e.problems().stream().map(p -> {
			var matcher = java.util.regex.Pattern.compile("^contacts\\[(\\d+)](.*)$").matcher(p.field());
			if (!matcher.matches()) {
				return p;
			}
			var typed = Integer.parseInt(matcher.group(1));
			var row = typed < filled.size() ? filled.get(typed) : typed;
			return new org.kakehashi.platform.InvalidFields.Problem("contacts[" + row + "]" + matcher.group(2),
					p.messageKey(), p.args(), p.message());
		}).toList();
		return new org.kakehashi.platform.InvalidFields(remapped);
	}

	/** The draft, or null for the organisation when what was typed is not an id (reported by the caller). */
	VendorDraft draft(@Nullable UUID organisation) {
		return new VendorDraft(name, nameEn, organisation, products, notes, typedContacts());
	}

	public String getName() { return name; }
	public void setName(String v) { this.name = v == null ? "" : v; }
	public String getNameEn() { return nameEn; }
	public void setNameEn(String v) { this.nameEn = v == null ? "" : v; }
	public String getOrganisationId() { return organisationId; }
	public void setOrganisationId(String v) { this.organisationId = v == null ? "" : v; }
	public String getProducts() { return products; }
	public void setProducts(String v) { this.products = v == null ? "" : v; }
	public String getNotes() { return notes; }
	public void setNotes(String v) { this.notes = v == null ? "" : v; }
	public List<ContactRow> getContacts() { return contacts; }
	public void setContacts(List<ContactRow> v) { this.contacts = v == null ? new ArrayList<>() : new ArrayList<>(v); }
}
