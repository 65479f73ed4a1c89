package org.kakehashi.vulns.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.kakehashi.platform.Page;
import org.kakehashi.platform.SqlText;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for the vendor directory. Callers hold the transaction and check who may ask. */
@Repository
class VendorDirectoryDao {

	private static final String ENTRY = """
			select v.id, v.name, v.name_en, v.organisation_id, o.name as organisation_name, v.products, v.notes,
			       v.created_at, v.updated_at
			  from vuln_vendor v left join organisation o on o.id = v.organisation_id
			""";

	private final JdbcClient jdbc;

	VendorDirectoryDao(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	Page<VendorLine> search(@Nullable String text, int page, int size) {
		var search = text != null && !text.isBlank();
		var where = search ? "where v.name ilike :text or v.name_en ilike :text or v.products ilike :text"
				+ " or exists (select 1 from vuln_vendor_contact vc where vc.vendor_id = v.id and vc.email ilike :text)" : "";
		var count = jdbc.sql("select count(*) from vuln_vendor v " + where);
		var select = jdbc.sql("""
				select v.id, v.name, v.name_en, o.name as organisation_name, v.products,
				       (select count(*) from vuln_vendor_contact vc where vc.vendor_id = v.id) as contacts,
				       (select count(*) from vuln_case_vendor cv join vuln_case c on c.id = cv.case_id
				         where cv.vendor_id = v.id and c.status not in ('CLOSED', 'NOT_ACCEPTED')) as open_cases
				  from vuln_vendor v left join organisation o on o.id = v.organisation_id
				%s
				 order by lower(v.name), v.id limit :limit offset :offset
				""".formatted(where)).param("limit", size).param("offset", (long) page * size);
		if (search) {
			count = count.param("text", SqlText.containing(text));
			select = select.param("text", SqlText.containing(text));
		}
		var total = count.query(Long.class).single();
		var items = select.query((rs, n) -> new VendorLine(rs.getObject("id", UUID.class), rs.getString("name"),
				rs.getString("name_en"), rs.getString("organisation_name"), rs.getString("products"), rs.getInt("contacts"),
				rs.getInt("open_cases"))).list();
		return new Page<>(items, page, size, total);
	}

	Optional<VendorEntry> find(UUID id) {
		return jdbc.sql(ENTRY + " where v.id = :id").param("id", id).query(this::entry).optional();
	}

	Optional<VendorEntry> lock(UUID id) {
		return jdbc.sql("select v.id from vuln_vendor v where v.id = :id for update").param("id", id)
			.query(UUID.class).optional().flatMap(this::find);
	}

	List<VendorEntry> byOrganisation(UUID organisationId) {
		return jdbc.sql(ENTRY + " where v.organisation_id = :org order by lower(v.name)").param("org", organisationId)
			.query(this::entry).list();
	}

	Optional<UUID> idByName(String name) {
		return jdbc.sql("select id from vuln_vendor where lower(name) = lower(:name)").param("name", name)
			.query(UUID.class).optional();
	}

	void insert(UUID id, VendorDraft draft, Instant now) {
		jdbc.sql("""
				insert into vuln_vendor (id, name, name_en, organisation_id, products, notes, created_at, updated_at)
				values (:id, :name, :nameEn, :org::uuid, :products, :notes, :now, :now)
				""")
			.param("id", id).param("name", draft.name()).param("nameEn", draft.nameEn())
			.param("org", draft.organisationId()).param("products", draft.products()).param("notes", draft.notes())
			.param("now", Timestamp.from(now)).update();
		replaceContacts(id, draft.contacts());
	}

	void update(UUID id, VendorDraft draft, Instant now) {
		jdbc.sql("""
				update vuln_vendor set name = :name, name_en = :nameEn, organisation_id = :org::uuid,
				       products = :products, notes = :notes, updated_at = :now
				 where id = :id
				""")
			.param("id", id).param("name", draft.name()).param("nameEn", draft.nameEn())
			.param("org", draft.organisationId()).param("products", draft.products()).param("notes", draft.notes())
			.param("now", Timestamp.from(now)).update();
		replaceContacts(id, draft.contacts());
	}

	void touch(UUID id, Instant now) {
		jdbc.sql("update vuln_vendor set updated_at = :now where id = :id").param("id", id)
			.param("now", Timestamp.from(now)).update();
	}

	void replaceContacts(UUID id, List<VendorEntry.Contact> contacts) {
		jdbc.sql("delete from vuln_vendor_contact where vendor_id = :id").param("id", id).update();
		for (var contact : contacts) {
			jdbc.sql("insert into vuln_vendor_contact (vendor_id, name, email, language) values (:id, :name, :email, :language)")
				.param("id", id).param("name", contact.name()).param("email", contact.email())
				.param("language", contact.language()).update();
		}
	}

	List<VendorEntry.Contact> contacts(UUID vendorId) {
		return jdbc.sql("select name, email, language from vuln_vendor_contact where vendor_id = :id order by id")
			.param("id", vendorId)
			.query((rs, n) -> new VendorEntry.Contact(rs.getString("name"), rs.getString("email"), rs.getString("language")))
			.list();
	}

	private VendorEntry entry(ResultSet rs, int row) throws SQLException {
		var id = rs.getObject("id", UUID.class);
		return new VendorEntry(id, rs.getString("name"), rs.getString("name_en"),
				rs.getObject("organisation_id", UUID.class), rs.getString("organisation_name"), rs.getString("products"),
				rs.getString("notes"), contacts(id), rs.getTimestamp("created_at").toInstant(),
				rs.getTimestamp("updated_at").toInstant());
	}
}
