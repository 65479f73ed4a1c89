package org.kakehashi.reporting.cases;

/**
 * How much of a case the viewer sees, as one SQL expression over the alias {@code c} (bind with
 * {@code ReportVisibility.bind}). FULL: the owning organisation; the national centre when it received one of
 * the case's reports; an organisation granted access to one of its reports (a coordinator asked to help).
 * SUMMARY: the organisation that filed one of its reports — it learns that a case exists, its status and the
 * closure summary, never the tasks, contacts, log or evidence. Anyone else: null, and the case is not found.
 * Sector ministries are not listed: cases are the responders' working space.
 */
public enum CaseAccess {

	FULL, SUMMARY;

	static final String LEVEL = """
			(case when c.owner_org_id = :viewerOrg then 'FULL'
			      when exists (select 1 from case_report cr join report r on r.id = cr.report_id
			                   where cr.case_id = c.id and r.status <> 'DRAFT'
			                     and ((:viewerType = 'NATIONAL_CENTRE' and r.centre_received_at is not null)
			                          or exists (select 1 from report_access ra
			                                     where ra.report_id = r.id and ra.organisation_id = :viewerOrg)))
			           then 'FULL'
			      when exists (select 1 from case_report cr join report r on r.id = cr.report_id
			                   where cr.case_id = c.id and r.organisation_id = :viewerOrg)
			           then 'SUMMARY'
			 end)""";
}
