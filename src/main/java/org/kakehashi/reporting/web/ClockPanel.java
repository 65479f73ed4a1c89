package org.kakehashi.reporting.web;

import java.util.List;

import org.kakehashi.reporting.ReportPanels;
import org.kakehashi.reporting.Viewer;
import org.kakehashi.reporting.clocks.ReportClocks;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** Every legal deadline of a submitted report, first on its page. */
@Component
@Order(1)
class ClockPanel implements ReportPanels {

	private final ReportClocks clocks;

	ClockPanel(ReportClocks clocks) {
		this.clocks = clocks;
	}

	@Override
	public List<Panel> panels(Viewer viewer, ReportRef report) {
		return report.draft() ? List.of() : List.of(new Panel("clocks", "reporting/clocks", clocks.forReport(viewer, report.id())));
	}
}
