package org.kakehashi.reporting.web;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.kakehashi.reporting.ReportPanels;
import org.kakehashi.reporting.Viewer;
import org.kakehashi.reporting.cases.Cases;
import org.kakehashi.reporting.cases.Triage;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The centre's triage panel (with its cases) for centre staff; for everyone else who may see them, the cases
 * on the report, and for a granted coordinator the form to open one.
 */
@Component
@Order(2)
class CaseworkPanels implements ReportPanels {

	/** What the cases panel shows to viewers outside the centre. */
	record CasesModel(UUID reportId, List<Cases.CaseRef> cases, boolean canOpen) {
	}

	private final Triage triage;
	private final Cases cases;

	CaseworkPanels(Triage triage, Cases cases) {
		this.triage = triage;
		this.cases = cases;
	}

	@Override
	public List<Panel> panels(Viewer viewer, ReportRef report) {
		if (report.draft()) {
			return List.of();
		}
		var panels = new ArrayList<Panel>();
		triage.panelFor(viewer, report.id()).ifPresentOrElse(
				panel -> panels.add(new Panel("triage", "reporting/triage", panel)),
				() -> {
					var refs = cases.onReport(viewer, report.id());
					var canOpen = Cases.caseWorker(viewer) && !report.organisationId().equals(viewer.organisationId());
					if (!refs.isEmpty() || canOpen) {
						panels.add(new Panel("report-cases", "reporting/report-cases", new CasesModel(report.id(), refs, canOpen)));
					}
				});
		return panels;
	}
}
