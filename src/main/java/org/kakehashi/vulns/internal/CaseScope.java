package org.kakehashi.vulns.internal;

import java.sql.Timestamp;
import java.time.Instant;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The one SQL condition that says which cases a {@link CaseViewer} may see (the case table aliased {@code c}), and
 * the parameters it needs. Every case query in the module uses it.
 */
final class CaseScope {

	static final String VISIBLE = """
			(:coordinator
			 or c.finder_user_id = :viewer::uuid
			 or (:vendorStaff and exists (select 1 from vuln_case_vendor scv join vuln_vendor sv on sv.id = scv.vendor_id
			                              where scv.case_id = c.id and sv.organisation_id = :viewerOrg::uuid))
			 or exists (select 1 from vuln_access_key sk
			             where sk.case_id = c.id and sk.key_hash = any(:keys::text[]) and sk.expires_at > :now))""";

	private CaseScope() {
	}

	static JdbcClient.StatementSpec bind(JdbcClient.StatementSpec spec, CaseViewer viewer, Instant now) {
		return spec.param("coordinator", viewer.coordinator())
			.param("viewer", viewer.userId())
			.param("vendorStaff", viewer.vendorStaff())
			.param("viewerOrg", viewer.organisationId())
			.param("keys", viewer.accessKeys().toArray(String[]::new))
			.param("now", Timestamp.from(now));
	}
}
