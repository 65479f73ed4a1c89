package org.kakehashi.warnings.internal;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.kakehashi.platform.SqlText;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The few reads only the recipient's and the agreement pages need: when the user first read, whom to subscribe. */
@Service
public class RecipientPages {

	static final int SEARCH_LIMIT = 20;

	private final JdbcClient jdbc;

	RecipientPages(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** When the viewer first opened the warning; revisions published later are news to them. */
	@Transactional(readOnly = true)
	public Optional<Instant> firstRead(WarningViewer viewer, UUID warningId) {
		return jdbc.sql("""
				select first_read_at from warning_read
				 where warning_id = :id and user_id = :user and organisation_id = :org
				""")
			.param("id", warningId).param("user", viewer.userId()).param("org", viewer.organisationId())
			.query((rs, n) -> rs.getTimestamp("first_read_at").toInstant()).optional();
	}

	/** An organisation a sender may make an agreement with. */
	public record Candidate(UUID id, String name, @Nullable String nameEn) {

		public String name(String language) {
			return "en".equals(language) && nameEn != null ? nameEn : name;
		}
	}

	/** Organisations whose name contains {@code text}, for the sender's staff only (never their own). */
	@Transactional(readOnly = true)
	public List<Candidate> subscriberCandidates(WarningViewer viewer, String text) {
		if (!viewer.senderStaff() || text.isBlank()) {
			return List.of();
		}
		return jdbc.sql("""
				select id, name, name_en from organisation
				 where id <> :own and (name ilike :text or name_en ilike :text)
				 order by name limit :limit
				""")
			.param("own", viewer.organisationId()).param("text", SqlText.containing(text.strip()))
			.param("limit", SEARCH_LIMIT)
			.query((rs, n) -> new Candidate(rs.getObject("id", UUID.class), rs.getString("name"),
					rs.getString("name_en")))
			.list();
	}
}
