package org.kakehashi.reporting;

import java.util.List;
import java.util.UUID;

/**
 * Extra sections of the report page (regulatory clocks, triage, cases, and from other modules e.g. where the
 * report's observables were seen before): a template fragment and the model it renders. Implement as a bean.
 */
public interface ReportPanels {

	/** The report a panel is asked about. */
	record ReportRef(UUID id, String number, UUID organisationId, ReportStatus status) {

		public boolean draft() {
			return status == ReportStatus.DRAFT;
		}
	}

	/**
	 * A section: {@code template} names a template (e.g. {@code reporting/clocks}) holding a fragment
	 * {@code panel(model)}, rendered with {@code model} in place of a placeholder (the fragment brings its own
	 * section and id).
	 */
	record Panel(String id, String template, Object model) {
	}

	/** The panels this viewer sees on this report (none is fine); the viewer may already see the report. */
	List<Panel> panels(Viewer viewer, ReportRef report);
}
