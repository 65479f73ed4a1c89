package org.kakehashi.intel.correlation;

import org.kakehashi.reporting.ReportLookup;
import org.kakehashi.reporting.ReportSubmitted;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Keeps the index in step with reports: each submitted version replaces the report's entries with its current
 * observables. Runs after the submission commits, from the event publication registry, so a crash in between only
 * delays it.
 */
@Component
class ReportIndexing {

	private final ObservableIndex index;
	private final ReportLookup reports;

	ReportIndexing(ObservableIndex index, ReportLookup reports) {
		this.index = index;
		this.reports = reports;
	}

	@ApplicationModuleListener
	void on(ReportSubmitted submitted) {
		index.indexReport(submitted.reportId(), reports.observables(submitted.reportId()), submitted.at());
	}
}
