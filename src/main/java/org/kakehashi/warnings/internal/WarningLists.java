package org.kakehashi.warnings.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.kakehashi.platform.Page;
import org.kakehashi.platform.SqlText;
import org.kakehashi.sharing.Tlp;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The sender's list of warnings and a recipient's inbox, filtered in SQL by who is looking. */
@Service
public class WarningLists {

	private final JdbcClient jdbc;

	WarningLists(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** A line in the sender's list, with coverage. */
	public record SentLine(UUID id, String number, WarningStatus status, Urgency urgency, Tlp tlp, String titleJa,
			String titleEn, int revision, Instant updatedAt, @Nullable Instant publishedAt, int recipients,
			int acknowledged) {

		public String title(String language) {
			return "en".equals(language) && !titleEn.isBlank() || titleJa.isBlank() ? titleEn : titleJa;
		}
	}

	/** A line in a recipient's inbox, with what the user and their organisation did. */
	public record InboxLine(UUID id, String number, WarningStatus status, Urgency urgency, Tlp tlp, String titleJa,
			String titleEn, int revision, Instant publishedAt, Instant updatedAt, String senderName,
			@Nullable String senderNameEn, boolean readByMe, @Nullable Instant acknowledgedAt,
			@Nullable ActionStatus actionStatus) {

		public String title(String language) {
			return "en".equals(language) && !titleEn.isBlank() || titleJa.isBlank() ? titleEn : titleJa;
		}

		public String sender(String language) {
			return "en".equals(language) && senderNameEn != null ? senderNameEn : senderName;
		}
	}

	/** Inbox filters; null means any. */
	public record InboxQuery(@Nullable String text, @Nullable Urgency urgency, @Nullable Boolean acknowledged,
			@Nullable Boolean unread, int page, int size) {
	}

	@Transactional(readOnly = true)
	public Page<SentLine> sent(WarningViewer viewer, @Nullable WarningStatus status, @Nullable String text, int page,
			int size) {
		if (!viewer.senderStaff()) {
			return new Page<>(List.of(), page, size, 0);
		}
		var where = new StringBuilder("w.sender_organisation_id = :viewerOrg");
		if (status != null) {
			where.append(" and w.status = :status");
		}
		if (text != null && !text.isBlank()) {
			where.append(" and (w.number ilike :text or w.title_ja ilike :text or w.title_en ilike :text)");
		}
		var total = bind(jdbc.sql("select count(*) from warning w where " + where), viewer, status, text)
			.query(Long.class).single();
		var items = bind(jdbc.sql("""
				select w.id, w.number, w.status, w.urgency, w.tlp, w.title_ja, w.title_en, w.revision, w.updated_at,
				       w.published_at,
				       (select count(*) from warning_recipient r where r.warning_id = w.id) as recipients,
				       (select count(*) from warning_recipient r where r.warning_id = w.id
				                                                and r.acknowledged_at is not null) as acknowledged
				  from warning w where %s
				 order by w.updated_at desc, w.id desc limit :limit offset :offset
				""".formatted(where)), viewer, status, text)
			.param("limit", size).param("offset", (long) page * size)
			.query((rs, n) -> new SentLine(rs.getObject("id", UUID.class), rs.getString("number"),
					WarningStatus.valueOf(rs.getString("status")), Urgency.valueOf(rs.getString("urgency")),
					Tlp.valueOf(rs.getString("tlp")), rs.getString("title_ja"), rs.getString("title_en"),
					rs.getInt("revision"), rs.getTimestamp("updated_at").toInstant(),
					SqlText.instant(rs, "published_at"), rs.getInt("recipients"), rs.getInt("acknowledged")))
			.list();
		return new Page<>(items, page, size, total);
	}

	private static JdbcClient.StatementSpec bind(JdbcClient.StatementSpec spec, WarningViewer viewer,
			@Nullable WarningStatus status, @Nullable String text) {
		spec = spec.param("viewerOrg", viewer.organisationId());
		if (status != null) {
			spec = spec.param("status", status.name());
		}
		if (text != null && !text.isBlank()) {
			spec = spec.param("text", SqlText.containing(text));
		}
		return spec;
	}

	@Transactional(readOnly = true)
	public Page<InboxLine> inbox(WarningViewer viewer, InboxQuery query) {
		var where = new ArrayList<String>();
		where.add("r.organisation_id = :viewerOrg");
		if (query.text() != null && !query.text().isBlank()) {
			where.add("(w.number ilike :text or w.title_ja ilike :text or w.title_en ilike :text)");
		}
		if (query.urgency() != null) {
			where.add("w.urgency = :urgency");
		}
		if (query.acknowledged() != null) {
			where.add(query.acknowledged() ? "r.acknowledged_at is not null" : "r.acknowledged_at is null");
		}
		if (query.unread() != null) {
			where.add((query.unread() ? "not " : "")
					+ "exists (select 1 from warning_read x where x.warning_id = w.id and x.user_id = :viewerUser)");
		}
		var sqlWhere = String.join(" and ", where);
		var total = inboxParams(jdbc.sql("""
				select count(*) from warning_recipient r join warning w on w.id = r.warning_id where %s
				""".formatted(sqlWhere)), viewer, query).query(Long.class).single();
		var items = inboxParams(jdbc.sql("""
				select w.id, w.number, w.status, w.urgency, w.tlp, w.title_ja, w.title_en, w.revision, w.published_at,
				       w.updated_at, o.name as sender_name, o.name_en as sender_name_en,
				       exists (select 1 from warning_read x where x.warning_id = w.id and x.user_id = :viewerUser) as read,
				       r.acknowledged_at, r.action_status
				  from warning_recipient r
				  join warning w on w.id = r.warning_id
				  join organisation o on o.id = w.sender_organisation_id
				 where %s
				 order by w.published_at desc, w.id desc limit :limit offset :offset
				""".formatted(sqlWhere)), viewer, query)
			.param("limit", query.size()).param("offset", (long) query.page() * query.size())
			.query((rs, n) -> new InboxLine(rs.getObject("id", UUID.class), rs.getString("number"),
					WarningStatus.valueOf(rs.getString("status")), Urgency.valueOf(rs.getString("urgency")),
					Tlp.valueOf(rs.getString("tlp")), rs.getString("title_ja"), rs.getString("title_en"),
					rs.getInt("revision"), rs.getTimestamp("published_at").toInstant(),
					rs.getTimestamp("updated_at").toInstant(), rs.getString("sender_name"),
					rs.getString("sender_name_en"), rs.getBoolean("read"), SqlText.instant(rs, "acknowledged_at"),
					rs.getString("action_status") == null ? null : ActionStatus.valueOf(rs.getString("action_status"))))
			.list();
		return new Page<>(items, query.page(), query.size(), total);
	}

	private static JdbcClient.StatementSpec inboxParams(JdbcClient.StatementSpec spec, WarningViewer viewer,
			InboxQuery query) {
		spec = spec.param("viewerOrg", viewer.organisationId()).param("viewerUser", viewer.userId());
		if (query.text() != null && !query.text().isBlank()) {
			spec = spec.param("text", SqlText.containing(query.text()));
		}
		if (query.urgency() != null) {
			spec = spec.param("urgency", query.urgency().name());
		}
		return spec;
	}

	/** Warnings the user has not opened and their organisation has not acknowledged: the badge in the header. */
	@Transactional(readOnly = true)
	public int unread(WarningViewer viewer) {
		return unread(viewer.userId(), viewer.organisationId());
	}

	/** The same count for a user known only by id and organisation (a connected stream, from {@link #arrivals}). */
	@Transactional(readOnly = true)
	public int unread(UUID userId, UUID organisationId) {
		return jdbc.sql("""
				select count(*) from warning_recipient r join warning w on w.id = r.warning_id
				 where r.organisation_id = :org and w.status = 'PUBLISHED' and r.acknowledged_at is null
				   and not exists (select 1 from warning_read x where x.warning_id = w.id and x.user_id = :user)
				""")
			.param("org", organisationId).param("user", userId).query(Integer.class).single();
	}

	/** Connected users (of {@code candidates}) in the warning's recipient organisations, with their unread count. */
	@Transactional(readOnly = true)
	public List<Arrival> arrivals(UUID warningId, java.util.Collection<UUID> candidates) {
		return jdbc.sql("""
				select u.id as user_id, u.organisation_id, w.number, w.title_ja, w.title_en, w.status
				  from app_user u
				  join warning_recipient r on r.organisation_id = u.organisation_id and r.warning_id = :id
				  join warning w on w.id = r.warning_id
				 where u.id = any (:users::uuid[])
				""")
			.param("id", warningId).param("users", candidates.toArray(UUID[]::new))
			.query((rs, n) -> new Arrival(rs.getObject("user_id", UUID.class), rs.getObject("organisation_id", UUID.class),
					rs.getString("number"), rs.getString("title_ja"), rs.getString("title_en"),
					WarningStatus.valueOf(rs.getString("status"))))
			.list();
	}

	/** A connected recipient of a warning that just arrived, changed or was withdrawn. */
	public record Arrival(UUID userId, UUID organisationId, String number, String titleJa, String titleEn,
			WarningStatus status) {
	}
}
