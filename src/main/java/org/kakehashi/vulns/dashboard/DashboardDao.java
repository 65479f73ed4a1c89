package org.kakehashi.vulns.dashboard;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import org.kakehashi.platform.FiscalYear;
import org.kakehashi.vulns.dashboard.VulnDashboard.AgeBucket;
import org.kakehashi.vulns.dashboard.VulnDashboard.AgeCount;
import org.kakehashi.vulns.dashboard.VulnDashboard.Answers;
import org.kakehashi.vulns.dashboard.VulnDashboard.OpenCase;
import org.kakehashi.vulns.dashboard.VulnDashboard.PerQuarter;
import org.kakehashi.vulns.dashboard.VulnDashboard.Publications;
import org.kakehashi.vulns.dashboard.VulnDashboard.Share;
import org.kakehashi.vulns.dashboard.VulnDashboard.SiteFixes;
import org.kakehashi.vulns.dashboard.VulnDashboard.StateCount;
import org.kakehashi.vulns.dashboard.VulnDashboard.VendorList;
import org.kakehashi.vulns.dashboard.VulnDashboard.VendorOnCase;
import org.kakehashi.vulns.internal.CaseKind;
import org.kakehashi.vulns.internal.CaseStatus;
import org.kakehashi.vulns.internal.Outcome;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The dashboard's SQL: every figure is an aggregate PostgreSQL computes over the cases, their transitions and their
 * vendors; Java only fills in the quarters and states that had nothing. Moments are read from
 * {@code vuln_case_transition} (acceptance is the move to ACCEPTED, publication the move to PUBLISHED, a web site's
 * notification the move to VENDOR_CONTACTED, closure the move to CLOSED); the state machine makes each of these once
 * per case, and {@code min()} keeps the figures right should history ever hold one twice. Days between two moments
 * are calendar days in Japan; quarters come from {@link FiscalYear}, so Java and SQL agree on where they start.
 */
@Repository
class DashboardDao {

	private static final String ZONE = FiscalYear.JAPAN.getId();
	private static final String[] OPEN = Arrays.stream(CaseStatus.values()).filter(CaseStatus::open).map(Enum::name)
		.toArray(String[]::new);
	private static final String[] SITE_FIXED = Arrays.stream(Outcome.values()).filter(Outcome::siteFixed)
		.map(Enum::name).toArray(String[]::new);
	/** The first day of each age bucket after the first: what {@code width_bucket} sorts ages by. */
	private static final Integer[] AGE_THRESHOLDS = Arrays.stream(AgeBucket.values()).skip(1)
		.map(AgeBucket::fromDays).toArray(Integer[]::new);

	private final JdbcClient jdbc;

	DashboardDao(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Every open state in the scheme's order, with zeros for the empty ones. */
	List<StateCount> openByState() {
		var counts = new EnumMap<CaseStatus, StateCount>(CaseStatus.class);
		jdbc.sql("""
				select status, count(*) filter (where kind = 'PRODUCT') as product,
				       count(*) filter (where kind = 'WEBSITE') as website
				  from vuln_case where status = any(:open::text[]) group by status
				""")
			.param("open", OPEN)
			.query(rs -> {
				var status = CaseStatus.valueOf(rs.getString("status"));
				counts.put(status, StateCount.of(status, rs.getLong("product"), rs.getLong("website")));
			});
		return Arrays.stream(CaseStatus.values()).filter(CaseStatus::open)
			.map(s -> counts.getOrDefault(s, StateCount.of(s, 0, 0))).toList();
	}

	List<AgeCount> openByAge(LocalDate today) {
		var counts = new HashMap<Integer, long[]>();
		jdbc.sql("""
				select width_bucket(:today::date - (created_at at time zone :zone)::date, :thresholds::int[]) as bucket,
				       count(*) filter (where kind = 'PRODUCT') as product,
				       count(*) filter (where kind = 'WEBSITE') as website
				  from vuln_case where status = any(:open::text[]) group by 1
				""")
			.param("today", today).param("zone", ZONE).param("thresholds", AGE_THRESHOLDS).param("open", OPEN)
			.query(rs -> {
				counts.put(rs.getInt("bucket"), new long[] { rs.getLong("product"), rs.getLong("website") });
			});
		var buckets = AgeBucket.values();
		var result = new ArrayList<AgeCount>();
		for (int i = 0; i < buckets.length; i++) {
			var n = counts.getOrDefault(i, new long[2]);
			result.add(AgeCount.of(buckets[i], n[0], n[1]));
		}
		return result;
	}

	List<OpenCase> oldestOpen(LocalDate today, int limit) {
		return jdbc.sql("""
				select id, number, title, kind, status, created_at,
				       :today::date - (created_at at time zone :zone)::date as age
				  from vuln_case where status = any(:open::text[])
				 order by created_at, number limit :limit
				""")
			.param("today", today).param("zone", ZONE).param("open", OPEN).param("limit", limit)
			.query((rs, n) -> new OpenCase(rs.getObject("id", UUID.class), rs.getString("number"), rs.getString("title"),
					CaseKind.valueOf(rs.getString("kind")), CaseStatus.valueOf(rs.getString("status")),
					rs.getTimestamp("created_at").toInstant(), rs.getInt("age")))
			.list();
	}

	/** Product cases published in each quarter, and within how many days of their acceptance. */
	PerQuarter<Publications> publications(FiscalYear year, int targetDays) {
		var rows = inYear(jdbc.sql("""
				select quarter, count(*) as published, count(*) filter (where days <= :target) as in_time
				  from (select %s as quarter,
				               (p.at at time zone :zone)::date - (a.at at time zone :zone)::date as days
				          from (select case_id, min(at) as at from vuln_case_transition
				                 where to_status = 'PUBLISHED' group by case_id) p
				          join vuln_case c on c.id = p.case_id and c.kind = 'PRODUCT'
				          cross join lateral (select min(t.at) as at from vuln_case_transition t
				                               where t.case_id = p.case_id and t.to_status = 'ACCEPTED') a
				         where p.at >= :start and p.at < :end) x
				 group by grouping sets ((quarter), ())
				""".formatted(quarterOf("p.at"))), year)
			.param("target", targetDays)
			.query((rs, n) -> new Publications(quarter(rs), rs.getLong("published"),
					Share.of(rs.getLong("in_time"), rs.getLong("published"))))
			.list();
		return perQuarter(rows, Publications::quarter, q -> new Publications(q, 0, Share.of(0, 0)));
	}

	/** Web-site cases closed in each quarter; of the fixed ones, how many within the target of the notification. */
	PerQuarter<SiteFixes> siteFixes(FiscalYear year, int targetDays) {
		var rows = inYear(jdbc.sql("""
				select quarter, count(*) as closed, count(*) filter (where fixed) as fixed,
				       count(*) filter (where fixed and days <= :target) as in_time
				  from (select %s as quarter, c.outcome = any(:fixed::text[]) as fixed,
				               (k.at at time zone :zone)::date - (n.at at time zone :zone)::date as days
				          from (select case_id, min(at) as at from vuln_case_transition
				                 where to_status = 'CLOSED' group by case_id) k
				          join vuln_case c on c.id = k.case_id and c.kind = 'WEBSITE'
				          cross join lateral (select min(t.at) as at from vuln_case_transition t
				                               where t.case_id = k.case_id and t.to_status = 'VENDOR_CONTACTED') n
				         where k.at >= :start and k.at < :end) x
				 group by grouping sets ((quarter), ())
				""".formatted(quarterOf("k.at"))), year)
			.param("target", targetDays).param("fixed", SITE_FIXED)
			.query((rs, n) -> new SiteFixes(quarter(rs), rs.getLong("closed"), rs.getLong("fixed"),
					Share.of(rs.getLong("in_time"), rs.getLong("fixed"))))
			.list();
		return perQuarter(rows, SiteFixes::quarter, q -> new SiteFixes(q, 0, 0, Share.of(0, 0)));
	}

	/**
	 * Invitations made in each quarter and their answers. The median is over answered invitations only (the others
	 * have no time to answer yet); an unanswered invitation counts against a window once the window is over.
	 */
	PerQuarter<Answers> answers(FiscalYear year, Instant now, int quickDays, int days) {
		var rows = inYear(jdbc.sql("""
				select quarter, count(*) as invitations, count(first_response_at) as answered,
				       percentile_cont(0.5) within group (order by extract(epoch from first_response_at - invited_at))
				           as median_seconds,
				       count(*) filter (where first_response_at <= invited_at + make_interval(days => :quick)) as quick,
				       count(*) filter (where first_response_at <= invited_at + make_interval(days => :quick)
				                           or invited_at + make_interval(days => :quick) <= :now) as quick_due,
				       count(*) filter (where first_response_at <= invited_at + make_interval(days => :days)) as timely,
				       count(*) filter (where first_response_at <= invited_at + make_interval(days => :days)
				                           or invited_at + make_interval(days => :days) <= :now) as timely_due
				  from (select %s as quarter, invited_at, first_response_at from vuln_case_vendor
				         where invited_at >= :start and invited_at < :end) x
				 group by grouping sets ((quarter), ())
				""".formatted(quarterOf("invited_at"))), year)
			.param("quick", quickDays).param("days", days).param("now", Timestamp.from(now))
			.query((rs, n) -> new Answers(quarter(rs), rs.getLong("invitations"), rs.getLong("answered"),
					days(rs, "median_seconds"), Share.of(rs.getLong("quick"), rs.getLong("quick_due")),
					Share.of(rs.getLong("timely"), rs.getLong("timely_due"))))
			.list();
		return perQuarter(rows, Answers::quarter, q -> new Answers(q, 0, 0, null, Share.of(0, 0), Share.of(0, 0)));
	}

	/**
	 * Vendors on open cases that have not said a word since their invitation (as the case page's "silent" filter),
	 * longest first; those listed as unreachable are among them, marked.
	 */
	VendorList silentVendors(LocalDate today, int limit) {
		return vendors(today, limit, "cv.invited_at",
				"c.status = any(:open::text[]) and cv.first_response_at is null");
	}

	/** Vendors listed as unreachable now (the public list), longest first, whatever their case's state. */
	VendorList unreachableVendors(LocalDate today, int limit) {
		return vendors(today, limit, "cv.unreachable_at", "cv.unreachable_at is not null and cv.reached_at is null");
	}

	private VendorList vendors(LocalDate today, int limit, String since, String where) {
		var total = new long[1];
		var longest = jdbc.sql("""
				select count(*) over () as total, v.id as vendor_id, v.name, v.name_en, cv.product_name, c.id as case_id,
				       c.number, c.status, cv.unreachable_at is not null and cv.reached_at is null as unreachable,
				       %1$s as since, :today::date - (%1$s at time zone :zone)::date as days
				  from vuln_case_vendor cv
				  join vuln_case c on c.id = cv.case_id
				  join vuln_vendor v on v.id = cv.vendor_id
				 where %2$s
				 order by %1$s, c.number, v.name limit :limit
				""".formatted(since, where))
			.param("today", today).param("zone", ZONE).param("open", OPEN).param("limit", limit)
			.query((rs, n) -> {
				total[0] = rs.getLong("total");
				return new VendorOnCase(rs.getObject("vendor_id", UUID.class), rs.getString("name"),
						rs.getString("name_en"), rs.getString("product_name"), rs.getObject("case_id", UUID.class),
						rs.getString("number"), CaseStatus.valueOf(rs.getString("status")), rs.getBoolean("unreachable"),
						rs.getTimestamp("since").toInstant(), rs.getInt("days"));
			})
			.list();
		return new VendorList(total[0], longest);
	}

	/** Which quarter of the year an instant falls in; the query keeps it within the year. */
	private static String quarterOf(String column) {
		return "case when %1$s < :q2 then 1 when %1$s < :q3 then 2 when %1$s < :q4 then 3 else 4 end".formatted(column);
	}

	private static JdbcClient.StatementSpec inYear(JdbcClient.StatementSpec query, FiscalYear year) {
		var quarters = year.quarters();
		return query.param("zone", ZONE).param("start", Timestamp.from(year.start()))
			.param("end", Timestamp.from(year.end())).param("q2", Timestamp.from(quarters.get(1).start()))
			.param("q3", Timestamp.from(quarters.get(2).start())).param("q4", Timestamp.from(quarters.get(3).start()));
	}

	/** The grouping sets' rows: one per quarter that had any, and the year's (quarter null, always there). */
	private static <T> PerQuarter<T> perQuarter(List<T> rows, Function<T, @Nullable Integer> quarterOf,
			Function<@Nullable Integer, T> empty) {
		var byQuarter = new HashMap<@Nullable Integer, T>();
		rows.forEach(row -> byQuarter.put(quarterOf.apply(row), row));
		var quarters = new ArrayList<T>();
		for (int q = 1; q <= 4; q++) {
			quarters.add(byQuarter.getOrDefault(q, empty.apply(q)));
		}
		var year = byQuarter.get(null);
		return new PerQuarter<>(List.copyOf(quarters), year != null ? year : empty.apply(null));
	}

	private static @Nullable Integer quarter(ResultSet rs) throws SQLException {
		var value = rs.getInt("quarter");
		return rs.wasNull() ? null : value;
	}

	private static @Nullable Double days(ResultSet rs, String secondsColumn) throws SQLException {
		var seconds = rs.getDouble(secondsColumn);
		return rs.wasNull() ? null : Math.round(seconds / 86_400 * 10) / 10.0;
	}
}
