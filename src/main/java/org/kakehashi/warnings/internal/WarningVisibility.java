package org.kakehashi.warnings.internal;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Who may read a warning, as one SQL predicate over the alias {@code w}: the sending organisation's staff (every
 * state), and after publication every member of a recipient organisation. Nobody else, whatever their role:
 * recipients never see drafts, other recipients or the tracking.
 */
public final class WarningVisibility {

	/** Append with {@code and}; bind with {@link #bind}. */
	public static final String VISIBLE = """
			((w.sender_organisation_id = :viewerOrg and :viewerSenderStaff)
			 or (w.published_at is not null
			     and exists (select 1 from warning_recipient r where r.warning_id = w.id and r.organisation_id = :viewerOrg)))
			""";

	/** Received by the viewer's organisation: what an inbox lists. */
	public static final String RECEIVED = """
			(w.published_at is not null
			 and exists (select 1 from warning_recipient r where r.warning_id = w.id and r.organisation_id = :viewerOrg))
			""";

	private WarningVisibility() {
	}

	public static JdbcClient.StatementSpec bind(JdbcClient.StatementSpec spec, WarningViewer viewer) {
		return spec.param("viewerOrg", viewer.organisationId()).param("viewerSenderStaff", viewer.senderStaff());
	}
}
