package org.kakehashi.warnings.internal;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The people on the sending side of a warning: who edited and who reviewed it (so the page can say why someone may
 * not review), and which connected users are the sender's staff (the only ones told, live, that tracking moved).
 */
@Service
public class WarningSenders {

	private final JdbcClient jdbc;

	WarningSenders(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Who last changed the text, who created it and who approved it, by name. */
	public record Editors(UUID lastEditorId, String lastEditor, String creator, @Nullable String reviewer,
			@Nullable String publisher) {
	}

	/** The warning's editors, for its sender's staff only. */
	@Transactional(readOnly = true)
	public Optional<Editors> editors(WarningViewer viewer, UUID id) {
		if (!viewer.senderStaff()) {
			return Optional.empty();
		}
		return jdbc.sql("""
				select w.updated_by, ue.display_name as last_editor, uc.display_name as creator,
				       ur.display_name as reviewer, up.display_name as publisher
				  from warning w
				  join app_user ue on ue.id = w.updated_by
				  join app_user uc on uc.id = w.created_by
				  left join app_user ur on ur.id = w.reviewed_by
				  left join app_user up on up.id = w.published_by
				 where w.id = :id and w.sender_organisation_id = :org
				""")
			.param("id", id).param("org", viewer.organisationId())
			.query((rs, n) -> new Editors(rs.getObject("updated_by", UUID.class), rs.getString("last_editor"),
					rs.getString("creator"), rs.getString("reviewer"), rs.getString("publisher")))
			.optional();
	}

	/** Whether the viewer's organisation received the (published) warning. */
	@Transactional(readOnly = true)
	public boolean received(WarningViewer viewer, UUID id) {
		return WarningVisibility.bind(jdbc.sql("select exists (select 1 from warning w where w.id = :id and "
				+ WarningVisibility.RECEIVED + ")"), viewer)
			.param("id", id).query(Boolean.class).single();
	}

	/**
	 * Of {@code candidates}, the active analysts and coordinators of the warning's sending organisation (when that
	 * organisation is of a sending type): whom a tracking change may be shown to.
	 */
	@Transactional(readOnly = true)
	public List<UUID> senderStaff(UUID warningId, Collection<UUID> candidates) {
		if (candidates.isEmpty()) {
			return List.of();
		}
		return jdbc.sql("""
				select u.id from app_user u
				  join warning w on w.sender_organisation_id = u.organisation_id
				  join organisation o on o.id = u.organisation_id
				 where w.id = :id and u.id = any (:users::uuid[]) and u.active
				   and o.type = any (:types::text[])
				   and exists (select 1 from user_role r where r.user_id = u.id and r.role in ('ANALYST', 'COORDINATOR'))
				""")
			.param("id", warningId).param("users", candidates.toArray(UUID[]::new))
			.param("types", WarningViewer.SENDERS.stream().map(Enum::name).toArray(String[]::new))
			.query(UUID.class).list();
	}
}
