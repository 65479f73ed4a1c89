package org.kakehashi.reporting.clocks;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.kakehashi.reporting.ReportSubmitted;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Keeps {@code report_clock} in step with the reports: rewritten inside the submitting transaction (a plain
 * listener runs where the event is published) and whenever an organisation's regimes change, so the dashboard
 * and the escalation job never see a submission without its clocks.
 */
@Component
class ClockIndex {

	private final ClockDao clocks;
	private final RegimeDao regimes;
	private final Clock clock;

	ClockIndex(ClockDao clocks, RegimeDao regimes, Clock clock) {
		this.clocks = clocks;
		this.regimes = regimes;
		this.clock = clock;
	}

	@EventListener
	void on(ReportSubmitted submitted) {
		refresh(submitted.reportId());
	}

	@Transactional
	void refreshOrganisation(UUID organisationId) {
		var all = regimes.all();
		clocks.submittedReports(organisationId).forEach(id -> refresh(id, all));
	}

	/** Recomputes one report's clocks from its versions; returns them as of now. */
	@Transactional
	List<RegulatoryClock> refresh(UUID reportId) {
		return refresh(reportId, regimes.all());
	}

	private List<RegulatoryClock> refresh(UUID reportId, List<Regime> all) {
		var report = clocks.report(reportId).orElseThrow();
		var computed = compute(report, clocks.submissions(reportId), all, Instant.now(clock));
		clocks.replaceIndex(reportId, computed);
		return computed;
	}

	/** No clocks before the first submission or without an aware time. */
	List<RegulatoryClock> compute(ClockDao.ReportFacts report, List<Submission> submissions, List<Regime> all,
			Instant now) {
		if (!report.status().submitted() || report.awareAt() == null) {
			return List.of();
		}
		var codes = regimes.assigned(report.organisationId());
		var wanted = codes.isEmpty() ? List.of(Regime.DEFAULT) : codes;
		var applicable = all.stream().filter(r -> wanted.contains(r.code())).toList();
		return ClockRules.compute(report.awareAt(), report.ransomPaidAt(), submissions, applicable, now);
	}
}
