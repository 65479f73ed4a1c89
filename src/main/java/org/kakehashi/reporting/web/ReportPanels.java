package org.kakehashi.reporting.web;

import java.util.List;

import org.kakehashi.reporting.Viewer;
import org.kakehashi.reporting.internal.Report;

/**
 * Extra sections of the report page (regulatory clocks, triage, cases), each from its own part of the
 * module: a template fragment and the model it renders.
 */
public interface ReportPanels {

	/**
	 * A section: {@code template} names a template (e.g. {@code reporting/clocks}) holding a fragment
	 * {@code panel(model)}, rendered with {@code model} in place of the placeholder (the fragment brings its own section and id).
	 */
	record Panel(String id, String template, Object model) {
	}

	List<Panel> panels(Viewer viewer, Report report);
}
