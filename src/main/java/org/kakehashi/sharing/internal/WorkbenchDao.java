package org.kakehashi.sharing.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The directory as the hub's editor needs it: names to redact, groups and organisations to address. */
@Repository
class WorkbenchDao {

	private final JdbcClient jdbc;

	WorkbenchDao(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Every organisation name in both languages: any of them in a report may point at who wrote it. */
	List<String> organisationNames() {
		var names = new ArrayList<String>();
		jdbc.sql("select name, name_en from organisation order by name").query(rs -> {
			names.add(rs.getString("name"));
			var en = rs.getString("name_en");
			if (en != null && !en.isBlank()) {
				names.add(en);
			}
		});
		return names;
	}

	/** Display names and e-mail addresses of the users of the given organisations. */
	List<String[]> usersOf(Collection<UUID> organisations) {
		if (organisations.isEmpty()) {
			return List.of();
		}
		return jdbc.sql("select display_name, email from app_user where organisation_id = any(:orgs)")
			.param("orgs", organisations.toArray(UUID[]::new))
			.query((rs, n) -> new String[] { rs.getString("display_name"), rs.getString("email") })
			.list();
	}

	List<SharingWorkbench.Choice> groups() {
		return jdbc.sql("select id, name, kind from member_group order by kind, name")
			.query((rs, n) -> new SharingWorkbench.Choice(rs.getObject("id", UUID.class).toString(), rs.getString("name"),
					rs.getString("kind")))
			.list();
	}

	/** Organisations whose name (either language) contains the text, at most {@code limit}. */
	List<SharingWorkbench.Choice> searchOrganisations(String text, int limit) {
		var pattern = "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
		return jdbc.sql("""
				select id, name, type from organisation
				 where name ilike :pattern or coalesce(name_en, '') ilike :pattern
				 order by name limit :limit
				""")
			.param("pattern", pattern).param("limit", limit)
			.query((rs, n) -> new SharingWorkbench.Choice(rs.getObject("id", UUID.class).toString(), rs.getString("name"),
					rs.getString("type")))
			.list();
	}

	Map<String, String> organisationNames(Collection<String> ids) {
		var names = new LinkedHashMap<String, String>();
		if (!ids.isEmpty()) {
			jdbc.sql("select id::text as id, name from organisation where id::text = any(:ids) order by name")
				.param("ids", ids.toArray(String[]::new))
				.query(rs -> {
					names.put(rs.getString("id"), rs.getString("name"));
				});
		}
		return names;
	}

	/** Active users by e-mail address (any case): lower-cased address to id. */
	Map<String, UUID> activeUsersByEmail(Collection<String> emails) {
		var users = new LinkedHashMap<String, UUID>();
		if (!emails.isEmpty()) {
			jdbc.sql("select lower(email) as email, id from app_user where active and lower(email) = any(:emails)")
				.param("emails", emails.stream().map(e -> e.toLowerCase(java.util.Locale.ROOT)).toArray(String[]::new))
				.query(rs -> {
					users.put(rs.getString("email"), rs.getObject("id", UUID.class));
				});
		}
		return users;
	}

	Map<String, String> emails(Collection<String> userIds) {
		var emails = new LinkedHashMap<String, String>();
		if (!userIds.isEmpty()) {
			jdbc.sql("select id::text as id, email from app_user where id::text = any(:ids)")
				.param("ids", userIds.toArray(String[]::new))
				.query(rs -> {
					emails.put(rs.getString("id"), rs.getString("email"));
				});
		}
		return emails;
	}

	/** The hub's items made from a report, newest first. */
	List<SharingWorkbench.MadeFrom> itemsFromReport(UUID hub, UUID reportId) {
		return jdbc.sql("""
				select i.id, i.number, i.status from shared_item i
				 where i.hub_organisation_id = :hub
				   and exists (select 1 from shared_item_source s where s.item_id = i.id and s.report_id = :report)
				 order by i.created_at desc
				""")
			.param("hub", hub).param("report", reportId)
			.query((rs, n) -> new SharingWorkbench.MadeFrom(rs.getObject("id", UUID.class), rs.getString("number"),
					ItemStatus.valueOf(rs.getString("status"))))
			.list();
	}
}
