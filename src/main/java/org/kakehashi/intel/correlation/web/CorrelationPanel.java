package org.kakehashi.intel.correlation.web;

import java.util.List;

import org.kakehashi.intel.correlation.Correlations;
import org.kakehashi.intel.correlation.Occurrence;
import org.kakehashi.reporting.ReportPanels;
import org.kakehashi.reporting.Viewer;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * "Seen before" on the report page: for each observable of a submitted report, the other reports the viewer may see
 * and the intelligence they may read that carry it. Matches marked false positive are folded away.
 */
@Component
@Order(40)
class CorrelationPanel implements ReportPanels {

	static final int PER_VALUE = 20;

	/** One observable's matches: active and expired ones shown, false positives folded. */
	record Row(String kind, String value, List<Occurrence> shown, List<Occurrence> falsePositives, boolean truncated) {
	}

	/** The panel's model; {@code observables} counts the report's indexed values, matched or not. */
	record Model(int observables, List<Row> rows) {

		public boolean nothingFound() {
			return rows.isEmpty();
		}
	}

	private final Correlations correlations;
	private final IntelReaders readers;

	CorrelationPanel(Correlations correlations, IntelReaders readers) {
		this.correlations = correlations;
		this.readers = readers;
	}

	@Override
	public List<Panel> panels(Viewer viewer, ReportRef report) {
		if (report.draft()) {
			return List.of();
		}
		var audience = correlations.audience(readers.ofViewer(viewer), viewer);
		var all = correlations.forReport(audience, report.id(), PER_VALUE);
		return List.of(new Panel("correlations", "intel/correlations", model(all)));
	}

	static Model model(List<Correlations.ValueCorrelations> all) {
		var rows = all.stream()
			.filter(c -> !c.found().occurrences().isEmpty())
			.map(c -> new Row(c.value().kind().code(), c.value().value(),
					c.found().occurrences().stream().filter(o -> o.object() == null || o.object().falsePositive() == null).toList(),
					c.found().occurrences().stream().filter(o -> o.object() != null && o.object().falsePositive() != null).toList(),
					c.found().truncated()))
			.toList();
		return new Model(all.size(), rows);
	}
}
