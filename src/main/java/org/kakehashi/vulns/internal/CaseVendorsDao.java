package org.kakehashi.vulns.internal;

import java.sql.Array;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.kakehashi.platform.Page;
import org.kakehashi.platform.SqlText;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * SQL for the vendors of a case, their statuses, contact attempts and the committee's decisions. Callers have
 * already checked that the viewer is in the case, and pass the vendors they may see ({@code null}: all).
 */
@Repository
class CaseVendorsDao {

	private static final String VENDOR = """
			select cv.vendor_id, v.name, v.name_en, v.organisation_id is not null as has_organisation, cv.product_name,
			       cv.invited_at, cv.first_response_at, cv.unreachable_at, cv.reached_at,
			       (select count(*) from vuln_contact_attempt a where a.case_id = cv.case_id and a.vendor_id = cv.vendor_id) as attempts
			  from vuln_case_vendor cv join vuln_vendor v on v.id = cv.vendor_id
			""";

	private final JdbcClient jdbc;

	CaseVendorsDao(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	boolean invite(UUID caseId, UUID vendorId, String productName, UUID by, Instant now) {
		return jdbc.sql("""
				insert into vuln_case_vendor (case_id, vendor_id, product_name, invited_at, invited_by)
				values (:case, :vendor, :product, :now, :by) on conflict do nothing
				""")
			.param("case", caseId).param("vendor", vendorId).param("product", productName)
			.param("now", Timestamp.from(now)).param("by", by).update() == 1;
	}

	int count(UUID caseId) {
		return jdbc.sql("select count(*) from vuln_case_vendor where case_id = :case").param("case", caseId)
			.query(Integer.class).single();
	}

	/** A page of the case's vendors (only {@code visible} ones when given), by name, with their statuses. */
	Page<CaseVendor> list(UUID caseId, @Nullable Set<UUID> visible, VendorFilter filter, @Nullable String text,
			int page, int size) {
		var where = new StringBuilder(" where cv.case_id = :case");
		if (visible != null) {
			where.append(" and cv.vendor_id = any(:visible::uuid[])");
		}
		switch (filter) {
			case SILENT -> where.append(" and cv.first_response_at is null");
			case RESPONDED -> where.append(" and cv.first_response_at is not null");
			case UNREACHABLE -> where.append(" and cv.unreachable_at is not null and cv.reached_at is null");
			case ALL -> {
			}
		}
		var search = text != null && !text.isBlank();
		if (search) {
			where.append(" and (v.name ilike :text or v.name_en ilike :text or cv.product_name ilike :text)");
		}
		var count = jdbc.sql("select count(*) from vuln_case_vendor cv join vuln_vendor v on v.id = cv.vendor_id" + where)
			.param("case", caseId);
		var select = jdbc.sql(VENDOR + where + " order by lower(v.name), cv.vendor_id limit :limit offset :offset")
			.param("case", caseId).param("limit", size).param("offset", (long) page * size);
		if (visible != null) {
			var ids = visible.toArray(UUID[]::new);
			count = count.param("visible", ids);
			select = select.param("visible", ids);
		}
		if (search) {
			count = count.param("text", SqlText.containing(text));
			select = select.param("text", SqlText.containing(text));
		}
		var total = count.query(Long.class).single();
		var rows = select.query(CaseVendorsDao::row).list();
		var statuses = statuses(caseId, rows.stream().map(Row::vendorId).toList());
		var items = rows.stream().map(r -> r.with(statuses.getOrDefault(r.vendorId(), Map.of()))).toList();
		return new Page<>(items, page, size, total);
	}

	/** Locks the vendor's row of the case for a change; false when the vendor is not on the case. */
	boolean lock(UUID caseId, UUID vendorId) {
		return jdbc.sql("select 1 from vuln_case_vendor where case_id = :case and vendor_id = :vendor for update")
			.param("case", caseId).param("vendor", vendorId).query(Integer.class).optional().isPresent();
	}

	Optional<CaseVendor> find(UUID caseId, UUID vendorId) {
		return jdbc.sql(VENDOR + " where cv.case_id = :case and cv.vendor_id = :vendor")
			.param("case", caseId).param("vendor", vendorId).query(CaseVendorsDao::row).optional()
			.map(r -> r.with(statuses(caseId, List.of(vendorId)).getOrDefault(vendorId, Map.of())));
	}

	/** Every vendor of the case with its statuses, by name: what an advisory is written from. */
	List<CaseVendor> all(UUID caseId) {
		var rows = jdbc.sql(VENDOR + " where cv.case_id = :case order by lower(v.name), cv.vendor_id")
			.param("case", caseId).query(CaseVendorsDao::row).list();
		var statuses = statuses(caseId, null);
		return rows.stream().map(r -> r.with(statuses.getOrDefault(r.vendorId(), Map.of()))).toList();
	}

	/** Vendors per status, for each vulnerability of the case (unknown: invited vendors without a row). */
	Map<UUID, Map<VendorStatus, Integer>> summary(UUID caseId) {
		var total = count(caseId);
		var result = new LinkedHashMap<UUID, Map<VendorStatus, Integer>>();
		jdbc.sql("select id from vuln_case_vulnerability where case_id = :case order by ordinal").param("case", caseId)
			.query(UUID.class).list().forEach(id -> {
				var counts = new EnumMap<VendorStatus, Integer>(VendorStatus.class);
				for (var status : VendorStatus.values()) {
					counts.put(status, 0);
				}
				counts.put(VendorStatus.UNKNOWN, total);
				result.put(id, counts);
			});
		jdbc.sql("""
				select vulnerability_id, status, count(*) as n from vuln_vendor_status
				 where case_id = :case group by vulnerability_id, status
				""").param("case", caseId).query(rs -> {
					var counts = result.get(rs.getObject("vulnerability_id", UUID.class));
					if (counts != null) {
						var n = rs.getInt("n");
						counts.merge(VendorStatus.valueOf(rs.getString("status")), n, Integer::sum);
						counts.merge(VendorStatus.UNKNOWN, -n, Integer::sum);
					}
				});
		return result;
	}

	/** When the last vendor still listed as unreachable was listed; empty when none is. */
	Optional<Instant> latestUnreachableListing(UUID caseId) {
		return jdbc.sql("""
				select max(unreachable_at) from vuln_case_vendor
				 where case_id = :case and unreachable_at is not null and reached_at is null
				""").param("case", caseId).query(Timestamp.class).optional().map(Timestamp::toInstant);
	}

	/** Vendors that answered, and the total: for "n of m answered". */
	int responded(UUID caseId) {
		return jdbc.sql("select count(*) from vuln_case_vendor where case_id = :case and first_response_at is not null")
			.param("case", caseId).query(Integer.class).single();
	}

	private Map<UUID, Map<UUID, CaseVendor.StatusEntry>> statuses(UUID caseId, @Nullable List<UUID> vendorIds) {
		var result = new HashMap<UUID, Map<UUID, CaseVendor.StatusEntry>>();
		if (vendorIds != null && vendorIds.isEmpty()) {
			return result;
		}
		var sql = """
				select s.vendor_id, s.vulnerability_id, s.status, s.statement, s.affected_versions, s.fixed_versions,
				       s.updated_at, coalesce(u.display_name, s.updated_by_label) as updated_by
				  from vuln_vendor_status s left join app_user u on u.id = s.updated_by
				 where s.case_id = :case""" + (vendorIds == null ? "" : " and s.vendor_id = any(:vendors::uuid[])");
		var spec = jdbc.sql(sql).param("case", caseId);
		if (vendorIds != null) {
			spec = spec.param("vendors", vendorIds.toArray(UUID[]::new));
		}
		spec.query(rs -> {
			var entry = new CaseVendor.StatusEntry(rs.getObject("vulnerability_id", UUID.class),
					VendorStatus.valueOf(rs.getString("status")), rs.getString("statement"),
					strings(rs.getArray("affected_versions")), strings(rs.getArray("fixed_versions")),
					rs.getTimestamp("updated_at").toInstant(), rs.getString("updated_by"));
			result.computeIfAbsent(rs.getObject("vendor_id", UUID.class), k -> new HashMap<>())
				.put(entry.vulnerabilityId(), entry);
		});
		return result;
	}

	void setStatus(UUID caseId, UUID vendorId, UUID vulnerabilityId, VendorStatus status, String statement,
			List<String> affected, List<String> fixed, @Nullable UUID by, String byLabel, Instant now) {
		if (status == VendorStatus.UNKNOWN) {
			jdbc.sql("delete from vuln_vendor_status where case_id = :case and vendor_id = :vendor and vulnerability_id = :vuln")
				.param("case", caseId).param("vendor", vendorId).param("vuln", vulnerabilityId).update();
			return;
		}
		jdbc.sql("""
				insert into vuln_vendor_status (case_id, vendor_id, vulnerability_id, status, statement, affected_versions,
				                                fixed_versions, updated_at, updated_by, updated_by_label)
				values (:case, :vendor, :vuln, :status, :statement, :affected, :fixed, :now, :by::uuid, :label)
				on conflict (case_id, vendor_id, vulnerability_id) do update set status = excluded.status,
				       statement = excluded.statement, affected_versions = excluded.affected_versions,
				       fixed_versions = excluded.fixed_versions, updated_at = excluded.updated_at,
				       updated_by = excluded.updated_by, updated_by_label = excluded.updated_by_label
				""")
			.param("case", caseId).param("vendor", vendorId).param("vuln", vulnerabilityId).param("status", status.name())
			.param("statement", statement).param("affected", affected.toArray(String[]::new))
			.param("fixed", fixed.toArray(String[]::new)).param("now", Timestamp.from(now)).param("by", by)
			.param("label", byLabel).update();
	}

	/** The vendor's first word on the case, if this is it. */
	void responded(UUID caseId, UUID vendorId, Instant now) {
		jdbc.sql("""
				update vuln_case_vendor set first_response_at = coalesce(first_response_at, :now),
				       reached_at = case when unreachable_at is not null and reached_at is null then :now else reached_at end
				 where case_id = :case and vendor_id = :vendor
				""")
			.param("case", caseId).param("vendor", vendorId).param("now", Timestamp.from(now)).update();
	}

	void productName(UUID caseId, UUID vendorId, String productName) {
		jdbc.sql("update vuln_case_vendor set product_name = :product where case_id = :case and vendor_id = :vendor")
			.param("case", caseId).param("vendor", vendorId).param("product", productName).update();
	}

	void attempt(UUID caseId, UUID vendorId, Instant at, ContactAttempt.Channel channel, String note, boolean automatic,
			@Nullable UUID by, Instant now) {
		jdbc.sql("""
				insert into vuln_contact_attempt (case_id, vendor_id, attempted_at, channel, note, automatic, by_user_id,
				                                  recorded_at)
				values (:case, :vendor, :at, :channel, :note, :automatic, :by::uuid, :now)
				""")
			.param("case", caseId).param("vendor", vendorId).param("at", Timestamp.from(at))
			.param("channel", channel.name()).param("note", note).param("automatic", automatic).param("by", by)
			.param("now", Timestamp.from(now)).update();
	}

	List<ContactAttempt> attempts(UUID caseId, UUID vendorId) {
		return jdbc.sql("""
				select a.id, a.attempted_at, a.channel, a.note, a.automatic, coalesce(u.display_name, '') as by_name,
				       a.recorded_at
				  from vuln_contact_attempt a left join app_user u on u.id = a.by_user_id
				 where a.case_id = :case and a.vendor_id = :vendor order by a.attempted_at, a.id
				""")
			.param("case", caseId).param("vendor", vendorId)
			.query((rs, n) -> new ContactAttempt(rs.getLong("id"), rs.getTimestamp("attempted_at").toInstant(),
					ContactAttempt.Channel.valueOf(rs.getString("channel")), rs.getString("note"),
					rs.getBoolean("automatic"), rs.getString("by_name"), rs.getTimestamp("recorded_at").toInstant()))
			.list();
	}

	void unreachable(UUID caseId, UUID vendorId, Instant now) {
		jdbc.sql("update vuln_case_vendor set unreachable_at = :now, reached_at = null where case_id = :case and vendor_id = :vendor")
			.param("case", caseId).param("vendor", vendorId).param("now", Timestamp.from(now)).update();
	}

	void reached(UUID caseId, UUID vendorId, Instant now) {
		jdbc.sql("update vuln_case_vendor set reached_at = :now where case_id = :case and vendor_id = :vendor")
			.param("case", caseId).param("vendor", vendorId).param("now", Timestamp.from(now)).update();
	}

	void decision(UUID caseId, LocalDate decidedOn, List<String> members, CommitteeDecision.Decision decision,
			String note, UUID by, Instant now) {
		jdbc.sql("""
				insert into vuln_committee_decision (case_id, decided_on, members, decision, note, recorded_by, recorded_at)
				values (:case, :on, :members, :decision, :note, :by, :now)
				""")
			.param("case", caseId).param("on", Date.valueOf(decidedOn)).param("members", members.toArray(String[]::new))
			.param("decision", decision.name()).param("note", note).param("by", by).param("now", Timestamp.from(now))
			.update();
	}

	List<CommitteeDecision> decisions(UUID caseId) {
		return jdbc.sql("""
				select d.id, d.decided_on, d.members, d.decision, d.note, u.display_name, d.recorded_at
				  from vuln_committee_decision d join app_user u on u.id = d.recorded_by
				 where d.case_id = :case order by d.decided_on, d.id
				""")
			.param("case", caseId)
			.query((rs, n) -> new CommitteeDecision(rs.getLong("id"), rs.getDate("decided_on").toLocalDate(),
					strings(rs.getArray("members")), CommitteeDecision.Decision.valueOf(rs.getString("decision")),
					rs.getString("note"), rs.getString("display_name"), rs.getTimestamp("recorded_at").toInstant()))
			.list();
	}

	/** What the public unreachable-vendor list shows: vendor and product names, and since when. */
	Page<UnreachableListing> unreachableListings(@Nullable String text, int page, int size) {
		var search = text != null && !text.isBlank();
		// Only while the case is open: a closed case no longer looks for its vendor.
		var where = " where cv.unreachable_at is not null and cv.reached_at is null"
				+ " and exists (select 1 from vuln_case lc where lc.id = cv.case_id and lc.status not in ('CLOSED', 'NOT_ACCEPTED'))"
				+ (search ? " and (v.name ilike :text or v.name_en ilike :text or cv.product_name ilike :text)" : "");
		var count = jdbc.sql("select count(*) from vuln_case_vendor cv join vuln_vendor v on v.id = cv.vendor_id" + where);
		var select = jdbc.sql("""
				select v.name, v.name_en, cv.product_name, cv.unreachable_at
				  from vuln_case_vendor cv join vuln_vendor v on v.id = cv.vendor_id
				""" + where + " order by cv.unreachable_at desc, v.name limit :limit offset :offset")
			.param("limit", size).param("offset", (long) page * size);
		if (search) {
			count = count.param("text", SqlText.containing(text));
			select = select.param("text", SqlText.containing(text));
		}
		var total = count.query(Long.class).single();
		var items = select.query((rs, n) -> new UnreachableListing(rs.getString("name"), rs.getString("name_en"),
				rs.getString("product_name"), rs.getTimestamp("unreachable_at").toInstant())).list();
		return new Page<>(items, page, size, total);
	}

	private record Row(UUID vendorId, String name, String nameEn, boolean hasOrganisation, String productName,
			Instant invitedAt, @Nullable Instant firstResponseAt, @Nullable Instant unreachableAt, @Nullable Instant reachedAt,
			int attempts) {

		CaseVendor with(Map<UUID, CaseVendor.StatusEntry> statuses) {
			return new CaseVendor(vendorId, name, nameEn, hasOrganisation, productName, invitedAt, firstResponseAt,
					unreachableAt, reachedAt, attempts, statuses);
		}
	}

	private static Row row(ResultSet rs, int n) throws SQLException {
		return new Row(rs.getObject("vendor_id", UUID.class), rs.getString("name"), rs.getString("name_en"),
				rs.getBoolean("has_organisation"), rs.getString("product_name"), rs.getTimestamp("invited_at").toInstant(),
				SqlText.instant(rs, "first_response_at"), SqlText.instant(rs, "unreachable_at"),
				SqlText.instant(rs, "reached_at"), rs.getInt("attempts"));
	}

	static List<String> strings(@Nullable Array array) throws SQLException {
		if (array == null) {
			return List.of();
		}
		return new ArrayList<>(List.of((String[]) array.getArray()));
	}
}
