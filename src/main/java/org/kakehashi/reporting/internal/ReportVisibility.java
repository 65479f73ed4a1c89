package org.kakehashi.reporting.internal;

import org.kakehashi.reporting.Viewer;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Who may read a report, as one SQL predicate over the alias {@code r}: the reporting organisation (drafts
 * included); a sector ministry covering one of the report's sectors; the national centre once it has
 * received the report; an organisation granted access (a coordinator on a case). Nobody else, whatever
 * their role: a platform administrator of an operator sees only their own organisation's reports.
 */
public final class ReportVisibility {

	/** Append with {@code and}; bind with {@link #bind}. */
	public static final String VISIBLE = """
			(r.organisation_id = :viewerOrg
			 or (r.status <> 'DRAFT' and :viewerType = 'SECTOR_MINISTRY' and r.sectors && :viewerSectors::text[])
			 or (r.centre_received_at is not null and :viewerType = 'NATIONAL_CENTRE')
			 or (r.status <> 'DRAFT' and exists (select 1 from report_access ra
			                                     where ra.report_id = r.id and ra.organisation_id = :viewerOrg)))
			""";

	private ReportVisibility() {
	}

	public static JdbcClient.StatementSpec bind(JdbcClient.StatementSpec spec, Viewer viewer) {
		return spec.param("viewerOrg", viewer.organisationId())
			.param("viewerType", viewer.organisationType().name())
			.param("viewerSectors", viewer.sectors().toArray(String[]::new));
	}
}
