package org.kakehashi.reporting.clocks;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.kakehashi.platform.SqlText;
import org.kakehashi.reporting.ReportStatus;
import org.kakehashi.reporting.Viewer;
import org.kakehashi.reporting.internal.ReportVisibility;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * What the clocks read of reports and their versions, and the clock index and escalation claims they write.
 * Reads for people go through {@link ReportVisibility}; the unfiltered reads serve the index and the job.
 */
@Repository
class ClockDao {

	/** What a report's clocks depend on. */
	record ReportFacts(UUID id, String number, UUID organisationId, ReportStatus status, List<String> sectors,
			@Nullable Instant awareAt, @Nullable Instant ransomPaidAt) {
	}

	/** An unmet clock past its warning point, with the report it belongs to. */
	record DueClock(UUID reportId, String regimeCode, String milestone, Instant dueAt) {
	}

	private static final String FACTS = "r.id, r.number, r.organisation_id, r.status, r.sectors, r.aware_at, r.ransom_paid_at";

	private static final String SUBMISSIONS = """
			select v.version, v.status, v.changed_at,
			       coalesce((v.snapshot -> 'content' ->> 'ransomPaid')::boolean, false) as ransom_paid
			from report_version v join report r on r.id = v.report_id
			where v.report_id = :id
			""";

	private final JdbcClient jdbc;

	ClockDao(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	Optional<ReportFacts> visible(UUID id, Viewer viewer) {
		return ReportVisibility.bind(jdbc.sql("select " + FACTS + " from report r where r.id = :id and "
				+ ReportVisibility.VISIBLE), viewer)
			.param("id", id)
			.query(ClockDao::facts)
			.optional();
	}

	List<Submission> visibleSubmissions(UUID id, Viewer viewer) {
		return ReportVisibility.bind(jdbc.sql(SUBMISSIONS + " and " + ReportVisibility.VISIBLE + " order by v.version"), viewer)
			.param("id", id)
			.query(ClockDao::submission)
			.list();
	}

	Optional<ReportFacts> report(UUID id) {
		return jdbc.sql("select " + FACTS + " from report r where r.id = :id").param("id", id).query(ClockDao::facts).optional();
	}

	List<Submission> submissions(UUID id) {
		return jdbc.sql(SUBMISSIONS + " order by v.version").param("id", id).query(ClockDao::submission).list();
	}

	/** The organisation's submitted reports, whose clocks change with its regimes. */
	List<UUID> submittedReports(UUID organisationId) {
		return jdbc.sql("select id from report where organisation_id = :org and status <> 'DRAFT'")
			.param("org", organisationId)
			.query(UUID.class)
			.list();
	}

	/**
	 * Rewrites a report's index rows. Upserts rather than delete-and-insert, so two transactions refreshing the
	 * same report (a submission and the job, or two nodes) never collide on the key.
	 */
	void replaceIndex(UUID reportId, List<RegulatoryClock> clocks) {
		jdbc.sql("""
				delete from report_clock where report_id = :id
				  and (regime_code, milestone) not in (select * from unnest(:regimes::text[], :milestones::text[]))
				""")
			.param("id", reportId)
			.param("regimes", clocks.stream().map(RegulatoryClock::regimeCode).toArray(String[]::new))
			.param("milestones", clocks.stream().map(RegulatoryClock::milestone).toArray(String[]::new))
			.update();
		for (var clock : clocks) {
			jdbc.sql("""
					insert into report_clock (report_id, regime_code, milestone, due_at, nearly_due_at, met_at)
					values (:id, :regime, :milestone, :due, :nearly, :met)
					on conflict (report_id, regime_code, milestone) do update
					  set due_at = excluded.due_at, nearly_due_at = excluded.nearly_due_at, met_at = excluded.met_at
					""")
				.param("id", reportId).param("regime", clock.regimeCode()).param("milestone", clock.milestone())
				.param("due", Timestamp.from(clock.due())).param("nearly", Timestamp.from(clock.nearlyDueAt()))
				.param("met", clock.metAt() == null ? null : Timestamp.from(clock.metAt()))
				.update();
		}
	}

	/** Unmet clocks of open reports that reached a level not yet escalated. */
	List<DueClock> due(Instant now, int limit) {
		return jdbc.sql("""
				select c.report_id, c.regime_code, c.milestone, c.due_at
				from report_clock c join report r on r.id = c.report_id
				where c.met_at is null and c.nearly_due_at <= :now and r.status in ('SUBMITTED', 'UPDATED')
				  and not exists (select 1 from report_clock_escalation e
				                  where e.report_id = c.report_id and e.regime_code = c.regime_code
				                    and e.milestone = c.milestone
				                    and e.level = case when c.due_at <= :now then 'OVERDUE' else 'NEARLY_DUE' end)
				order by c.due_at
				limit :limit
				""")
			.param("now", Timestamp.from(now)).param("limit", limit)
			.query((rs, n) -> new DueClock(rs.getObject("report_id", UUID.class), rs.getString("regime_code"),
					rs.getString("milestone"), SqlText.instant(rs, "due_at")))
			.list();
	}

	/** Claims one escalation; false when another run (on this node or another) already has it. */
	boolean claim(UUID reportId, String regime, String milestone, ClockState level, Instant dueAt, Instant now) {
		return jdbc.sql("""
				insert into report_clock_escalation (report_id, regime_code, milestone, level, due_at, escalated_at)
				values (:id, :regime, :milestone, :level, :due, :now)
				on conflict do nothing
				""")
			.param("id", reportId).param("regime", regime).param("milestone", milestone).param("level", level.name())
			.param("due", Timestamp.from(dueAt)).param("now", Timestamp.from(now))
			.update() == 1;
	}

	/** Reports the viewer can see with an overdue clock, and with one due within the horizon. */
	long[] counts(Viewer viewer, Instant now, Instant horizon) {
		return ReportVisibility.bind(jdbc.sql("""
				select count(distinct r.id) filter (where c.due_at <= :now) as overdue,
				       count(distinct r.id) filter (where c.due_at > :now and c.due_at <= :horizon) as soon
				from report r join report_clock c on c.report_id = r.id
				where c.met_at is null and r.status in ('SUBMITTED', 'UPDATED') and
				""" + ReportVisibility.VISIBLE), viewer)
			.param("now", Timestamp.from(now)).param("horizon", Timestamp.from(horizon))
			.query((rs, n) -> new long[] { rs.getLong("overdue"), rs.getLong("soon") })
			.single();
	}

	private static ReportFacts facts(ResultSet rs, int row) throws SQLException {
		return new ReportFacts(rs.getObject("id", UUID.class), rs.getString("number"),
				rs.getObject("organisation_id", UUID.class), ReportStatus.valueOf(rs.getString("status")),
				List.of((String[]) rs.getArray("sectors").getArray()), SqlText.instant(rs, "aware_at"),
				SqlText.instant(rs, "ransom_paid_at"));
	}

	private static Submission submission(ResultSet rs, int row) throws SQLException {
		return new Submission(rs.getInt("version"), ReportStatus.valueOf(rs.getString("status")),
				SqlText.instant(rs, "changed_at"), rs.getBoolean("ransom_paid"));
	}
}
