package org.kakehashi.reporting.clocks;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.kakehashi.reporting.Viewer;
import org.kakehashi.reporting.internal.ReportNotFound;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A report's regulatory clocks for the people who may see it, computed from its submitted versions at this
 * moment. The report page shows them with {@code templates/reporting/clocks.html :: panel(clocks)}.
 */
@Service
public class ReportClocks {

	private final ClockDao dao;
	private final RegimeDao regimes;
	private final ClockIndex index;
	private final Clock clock;

	ReportClocks(ClockDao dao, RegimeDao regimes, ClockIndex index, Clock clock) {
		this.dao = dao;
		this.regimes = regimes;
		this.index = index;
		this.clock = clock;
	}

	/** The clocks, empty for a draft; {@link ReportNotFound} when the viewer may not see the report. */
	@Transactional(readOnly = true)
	public List<RegulatoryClock> forReport(Viewer viewer, UUID reportId) {
		var report = dao.visible(reportId, viewer).orElseThrow(ReportNotFound::new);
		return index.compute(report, dao.visibleSubmissions(reportId, viewer), regimes.all(), Instant.now(clock));
	}
}
