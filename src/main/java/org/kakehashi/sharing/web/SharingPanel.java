package org.kakehashi.sharing.web;

import java.util.List;
import java.util.UUID;

import org.kakehashi.reporting.ReportPanels;
import org.kakehashi.reporting.Viewer;
import org.kakehashi.sharing.internal.SharingWorkbench;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** "Share sanitised" on a submitted report, for hub staff: the items already made from it and a button for a new one. */
@Component
@Order(50)
class SharingPanel implements ReportPanels {

	record Model(UUID reportId, List<SharingWorkbench.MadeFrom> items) {
	}

	private final SharingWorkbench workbench;

	SharingPanel(SharingWorkbench workbench) {
		this.workbench = workbench;
	}

	@Override
	public List<Panel> panels(Viewer viewer, ReportRef report) {
		if (report.draft() || !SharingWorkbench.hubStaff(viewer)) {
			return List.of();
		}
		return List.of(new Panel("sharing", "sharing/panel", new Model(report.id(),
				workbench.itemsFromReport(viewer, report.id()))));
	}
}
