package org.kakehashi.reporting.search;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.kakehashi.platform.SqlText;
import org.kakehashi.reporting.Viewer;
import org.kakehashi.reporting.internal.ReportVisibility;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A {@link ReportQuery} as SQL conditions over the alias {@code r}, always starting with the viewer's
 * visibility, so no list, count, export or statistic can leave it out.
 */
final class ReportFilter {

	static final String NEWEST = "coalesce(r.submitted_at, r.created_at)";

	private final List<String> conditions = new ArrayList<>();
	private final Map<String, Object> params = new LinkedHashMap<>();
	private final Viewer viewer;

	private ReportFilter(Viewer viewer) {
		this.viewer = viewer;
		conditions.add(ReportVisibility.VISIBLE);
	}

	/**
	 * @param trigramsSeeJapanese whether pg_trgm treats Japanese as word characters in this database (it does
	 *                            not when LC_CTYPE is C); when not, Japanese terms go by bigrams
	 * @param zone                the zone whose calendar days {@code from} and {@code to} name
	 */
	static ReportFilter of(Viewer viewer, ReportQuery q, boolean trigramsSeeJapanese, ZoneId zone, Instant now) {
		var f = new ReportFilter(viewer);
		if (q.deadline() != null) {
			// The same rule as the start page's deadline cards: open reports with an unmet clock.
			var window = q.deadline() == ReportQuery.Deadline.OVERDUE ? "c.due_at <= :now"
					: "c.due_at > :now and c.due_at <= :now + interval '24 hours'";
			f.conditions.add("r.status in ('SUBMITTED', 'UPDATED') and exists (select 1 from report_clock c "
					+ "where c.report_id = r.id and c.met_at is null and " + window + ")");
			f.params.put("now", Timestamp.from(now));
		}
		if (q.sector() != null) {
			f.add("r.sectors @> array[:sector]::text[]", "sector", q.sector());
		}
		if (q.kind() != null) {
			f.add("r.kind = :kind", "kind", q.kind().name());
		}
		if (q.eventType() != null) {
			f.add("r.event_types @> array[:eventType]::text[]", "eventType", q.eventType().name());
		}
		if (q.cause() != null) {
			f.add("r.causes @> array[:cause]::text[]", "cause", q.cause().name());
		}
		if (q.severity() != null) {
			f.add("r.severity = :severity", "severity", q.severity());
		}
		if (q.minSeverity() != null) {
			f.add("r.severity >= :minSeverity", "minSeverity", q.minSeverity());
		}
		if (q.status() != null) {
			f.add("r.status = :status", "status", q.status().name());
		}
		var column = q.dateField() == ReportQuery.DateField.AWARE ? "r.aware_at" : "r.submitted_at";
		if (q.from() != null) {
			f.add(column + " >= :from", "from", Timestamp.from(q.from().atStartOfDay(zone).toInstant()));
		}
		if (q.to() != null) {
			f.add(column + " < :to", "to", Timestamp.from(q.to().plusDays(1).atStartOfDay(zone).toInstant()));
		}
		if (q.organisationId() != null) {
			f.add("r.organisation_id = :organisationId", "organisationId", q.organisationId());
		}
		var terms = SearchTerms.parse(q.text()).terms();
		for (int i = 0; i < terms.size(); i++) {
			var term = terms.get(i);
			boolean byTrigrams = term.trigrams() && (trigramsSeeJapanese || term.text().chars().allMatch(c -> c < 128));
			if (byTrigrams) {
				// Normalised in SQL with the functions that built search_text; a custom plan (see ReportSearch)
				// folds the pattern to a constant, so pg_trgm can read its trigrams.
				f.conditions.add("r.search_text like '%' || lower(normalize(:term" + i + ", NFKC)) || '%'");
				f.params.put("term" + i, SqlText.containing(term.text()).replaceAll("^%|%$", ""));
			} else {
				// strpos rather than LIKE: pg_trgm cannot help with a short term but the planner would still
				// combine its index, reading all of it.
				f.conditions.add("report_bigrams(r.search_text) @@ report_bigram_query(lower(normalize(:term" + i
						+ ", NFKC))) and strpos(r.search_text, lower(normalize(:term" + i + ", NFKC))) > 0");
				f.params.put("term" + i, term.text());
			}
		}
		return f;
	}

	String where() {
		return String.join("\n and ", conditions);
	}

	JdbcClient.StatementSpec bind(JdbcClient.StatementSpec spec) {
		var bound = ReportVisibility.bind(spec, viewer);
		for (var e : params.entrySet()) {
			bound = bound.param(e.getKey(), e.getValue());
		}
		return bound;
	}

	static String orderBy(ReportQuery.Sort sort) {
		return switch (sort) {
			case NEWEST -> NEWEST + " desc, r.id desc";
			case SEVERITY -> "r.severity desc nulls last, " + NEWEST + " desc, r.id desc";
		};
	}

	private void add(String condition, String name, Object value) {
		conditions.add(condition);
		params.put(name, value);
	}
}
